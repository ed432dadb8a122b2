package uk.ectmentor.core.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work done after a platform has had its answer (running the engine, posting the replies) on a fixed
 * number of threads. Tasks with the same key (a person) run one after another in the order they were
 * submitted; different keys run in parallel. A task that throws is logged and does not stop the ones after it.
 * {@link #offer} keeps memory bounded under overload: past {@code capacity} tasks it queues nothing, and the
 * caller leaves the work where it is already kept (a pending record in the store, which recovery takes up).
 */
public class OrderedWork implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OrderedWork.class);

    private final String name;
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    private final int capacity;

    /** {@code name} names the threads ({@code name-1}, {@code name-2}, ...) and the log lines; no bound on {@link #offer}. */
    public OrderedWork(String name, int threads) {
        this(name, threads, Integer.MAX_VALUE);
    }

    /** As above; {@link #offer} turns work away once {@code capacity} tasks are queued or running. */
    public OrderedWork(String name, int threads, int capacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread, not " + threads);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("a capacity of at least one task, not " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues {@code task} as {@link #submit} does, unless {@code capacity} tasks are already queued or running:
     * then nothing is queued and the answer is false, even for a key with work queued (when every person is
     * waiting on a paced platform, that exception would be no bound at all). Tasks taken keep their key's order.
     */
    public boolean offer(String key, Runnable task) {
        if (pending.get() >= capacity) {
            return false;
        }
        submit(key, task);
        return true;
    }

    /** Runs {@code task} after every earlier task for the same {@code key}. */
    public void submit(String key, Runnable task) {
        pending.incrementAndGet();
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] created = new CompletableFuture[1];
        try {
            tails.compute(key, (k, previous) -> {
                CompletableFuture<Void> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
                // an earlier task that failed does not stop this one
                created[0] = before.handle((v, e) -> null).thenRunAsync(() -> run(task), pool);
                return created[0];
            });
        } catch (RuntimeException e) {
            done();
            throw e;
        }
        // registered outside compute: a task that already finished runs this at once, and it changes the map
        CompletableFuture<Void> next = created[0];
        next.whenComplete((v, e) -> {
            try {
                tails.remove(key, next);
            } finally {
                done();
            }
        });
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("{} task failed", name, e);
        }
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** How many more tasks {@link #offer} would take now (zero when full; unbounded queues say so with a large number). */
    public int room() {
        return Math.max(0, capacity - pending.get());
    }

    /** Tasks submitted and not yet finished. */
    public int backlog() {
        return pending.get();
    }

    /** Waits until no work is queued or running; true if that happened within {@code timeout}. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /** Lets queued work finish (at most 10 s), then stops the threads. */
    @Override
    public void close() {
        try {
            awaitIdle(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}
