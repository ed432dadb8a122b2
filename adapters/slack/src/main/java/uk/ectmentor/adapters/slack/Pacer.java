package uk.ectmentor.adapters.slack;

import java.time.Duration;

/** Waits a short while between sends to one channel. Tests provide one that moves their clock instead. */
@FunctionalInterface
public interface Pacer {
    void pause(Duration duration) throws InterruptedException;

    static Pacer sleeping() {
        return d -> Thread.sleep(d.toMillis());
    }
}
