package io.querycache.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a server, for network faults:
 * <ul>
 *   <li>{@link #freeze} stops forwarding without closing anything: a hung network, not a dead one;</li>
 *   <li>{@link #dropAnswers} throws away what the server sends while what the client sends still arrives, and
 *   {@link #cut} then closes every client socket: a commit sent meanwhile is applied by the server while its
 *   client only sees the connection break, so the outcome is unknown to the application.</li>
 * </ul>
 */
public final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Object gate = new Object();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private boolean frozen;
    private volatile boolean dropping;

    public LoopbackProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void freeze(boolean on) {
        synchronized (gate) {
            frozen = on;
            gate.notifyAll();
        }
    }

    /** From now on the server's answers are discarded. */
    public void dropAnswers() {
        dropping = true;
    }

    /** Closes every connection made so far; new ones are forwarded normally again. */
    public void cut() {
        for (Socket client : clients) {
            close(client);
        }
        clients.clear();
        dropping = false;
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                clients.add(client);
                daemon(() -> pump(client, target, false));
                daemon(() -> pump(target, client, true));
            }
        } catch (IOException closed) {
            // the proxy is closed
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (gate) {
                    while (frozen) {
                        gate.wait();
                    }
                }
                if (answers && dropping) {
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "loopback-proxy");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        freeze(false);
        cut();
        server.close();
    }
}
