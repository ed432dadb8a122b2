package uk.ectmentor.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Open-loop load at a fixed rate for a bounded count: request {@code i} is due at {@code start + i / rate},
 * and its time to acknowledge is measured from when it was due (so a slow server is not hidden by the
 * generator waiting for it). At most {@link #MAX_IN_FLIGHT} requests are outstanding; a request that would
 * exceed that is counted as an error, not sent.
 */
final class LoadRun {
    static final int MAX_IN_FLIGHT = 2000;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What one rate step measured. Latencies in microseconds. */
    record Result(String target, int rate, int sent, int ok, int errors, double seconds, long p50, long p99, long p999, long max) {
        double throughput() {
            return seconds <= 0 ? 0 : ok / seconds;
        }
    }

    private LoadRun() {
    }

    static Result run(String target, HttpClient http, int rate, int seconds, IntFunction<HttpRequest> requests) throws InterruptedException {
        int count = rate * seconds;
        long[] latencyMicros = new long[count];
        Arrays.fill(latencyMicros, -1);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long[] lastDone = {start};
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                inFlight.decrementAndGet();
                errors.incrementAndGet();
                done.countDown();
                continue;
            }
            int index = i;
            HttpRequest request = requests.apply(i);
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                inFlight.decrementAndGet();
                if (failure == null && response.statusCode() == 200) {
                    latencyMicros[index] = (now - due) / 1000;
                } else {
                    errors.incrementAndGet();
                }
                synchronized (lastDone) {
                    lastDone[0] = Math.max(lastDone[0], now);
                }
                done.countDown();
            });
        }
        done.await(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        long[] ok = Arrays.stream(latencyMicros).filter(l -> l >= 0).sorted().toArray();
        double elapsed;
        synchronized (lastDone) {
            elapsed = (lastDone[0] - start) / 1e9;
        }
        return new Result(target, rate, count, ok.length, count - ok.length, elapsed,
                percentile(ok, 50), percentile(ok, 99), percentile(ok, 99.9), ok.length == 0 ? -1 : ok[ok.length - 1]);
    }

    /** The nearest-rank percentile of sorted values, or -1 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
