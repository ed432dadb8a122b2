package uk.ectmentor.core.delivery;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The background timers of the bot (recovery, heartbeat, store housekeeping): one daemon thread each, named. */
public final class DaemonTimer {
    private DaemonTimer() {
    }

    /** A scheduled executor on one daemon thread called {@code threadName}, which does not keep the JVM alive. */
    public static ScheduledExecutorService named(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
