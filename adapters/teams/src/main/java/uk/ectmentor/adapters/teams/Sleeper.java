package uk.ectmentor.adapters.teams;

import java.time.Duration;

/** Waits: the real one sleeps, tests move a clock instead. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
