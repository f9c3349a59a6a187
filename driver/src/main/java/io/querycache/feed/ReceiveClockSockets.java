package io.querycache.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * A socket factory for pgjdbc ({@code socketFactory} and {@code socketFactoryArg} properties) whose sockets
 * note when they last received bytes: the replication stream hides the server's keepalive replies, and the
 * feed needs to know that the connection still carries something.
 */
public final class ReceiveClockSockets extends SocketFactory {

    private static final Map<String, AtomicLong> LAST_RECEIVED = new ConcurrentHashMap<>();

    private final AtomicLong lastReceived;

    /** pgjdbc calls this with {@code socketFactoryArg}. */
    public ReceiveClockSockets(String clock) {
        this.lastReceived = LAST_RECEIVED.computeIfAbsent(clock, c -> new AtomicLong(System.nanoTime()));
    }

    /** The clock the sockets made with this argument set, in {@link System#nanoTime()}. */
    static AtomicLong clock(String name) {
        return LAST_RECEIVED.computeIfAbsent(name, c -> new AtomicLong(System.nanoTime()));
    }

    static void forget(String name) {
        LAST_RECEIVED.remove(name);
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            private InputStream in;

            @Override
            public synchronized InputStream getInputStream() throws IOException {
                if (in == null) {
                    in = new FilterInputStream(super.getInputStream()) {
                        @Override
                        public int read() throws IOException {
                            return received(super.read());
                        }

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            return received(super.read(b, off, len));
                        }
                    };
                }
                return in;
            }
        };
    }

    private int received(int n) {
        if (n >= 0) {
            lastReceived.set(System.nanoTime());
        }
        return n;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new IOException("unconnected sockets only");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new IOException("unconnected sockets only");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw new IOException("unconnected sockets only");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new IOException("unconnected sockets only");
    }
}
