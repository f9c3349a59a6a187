package io.querycache.examples;

/** Placeholder replaced by the quick-start demo. */
public final class QuickStart {
    public static void main(String[] args) {
        System.out.println("querycache quick start");
    }
}
