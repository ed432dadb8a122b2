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

import uk.ectmentor.core.testing.Hold;

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

    @Test
    void pastItsCapacityOfferTurnsEveryoneAwayAndWhatItTookKeepsItsOrder() throws InterruptedException {
        Hold hold = new Hold();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        try (OrderedWork work = new OrderedWork("test-work", 1, 2)) {
            Runnable blocked = () -> {
                hold.run();
                ran.add("a1");
            };
            assertThat(work.offer("a", blocked)).isTrue();
            assertThat(work.offer("a", () -> ran.add("a2"))).isTrue();
            assertThat(work.room()).isZero();
            assertThat(work.offer("c", () -> ran.add("c1"))).as("a new person past the capacity").isFalse();
            assertThat(work.offer("a", () -> ran.add("a3"))).as("a person already queued, past the capacity").isFalse();
            hold.release();
            assertThat(work.awaitIdle(WAIT)).isTrue();
            assertThat(work.room()).isEqualTo(2);
            assertThat(work.offer("c", () -> ran.add("c2"))).isTrue();
            assertThat(work.awaitIdle(WAIT)).isTrue();
        }
        assertThat(ran).containsExactlyInAnyOrder("a1", "a2", "c2");
        assertThat(ran.indexOf("a1")).isLessThan(ran.indexOf("a2"));
    }
}
