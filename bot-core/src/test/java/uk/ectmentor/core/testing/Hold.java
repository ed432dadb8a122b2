package uk.ectmentor.core.testing;

import java.util.concurrent.CountDownLatch;

/** A task that waits until {@link #release()}: it holds a work queue's thread (or a person's queue) in a test. */
public final class Hold implements Runnable {
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void run() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void release() {
        released.countDown();
    }
}
