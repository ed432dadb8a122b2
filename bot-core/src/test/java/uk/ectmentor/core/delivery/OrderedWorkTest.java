package uk.ectmentor.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class OrderedWorkTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void onePersonsTasksRunInOrderAndAFailureDoesNotStopTheNext() throws InterruptedException {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        try (OrderedWork work = new OrderedWork("test-work", 4)) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                String person = "p" + (i % 5);
                work.submit(person, () -> {
                    if (n == 7) {
                        throw new IllegalStateException("a task that fails");
                    }
                    seen.computeIfAbsent(person, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
                });
            }
            assertThat(work.awaitIdle(WAIT)).isTrue();
            assertThat(work.backlog()).isZero();
        }
        assertThat(seen).hasSize(5);
        seen.forEach((person, order) -> assertThat(order).isSorted().hasSize(person.equals("p2") ? 39 : 40));
    }

    @Test
    void tasksThatFinishAtOnceAreAllCountedDone() throws InterruptedException {
        AtomicInteger ran = new AtomicInteger();
        try (OrderedWork work = new OrderedWork("test-work", 2)) {
            for (int i = 0; i < 20_000; i++) {
                work.submit(i % 2 == 0 ? "same" : "k" + i, ran::incrementAndGet);
            }
            assertThat(work.awaitIdle(WAIT)).as("no completion lost").isTrue();
        }
        assertThat(ran).hasValue(20_000);
    }
}
