package uk.ectmentor.scheduler;

import java.time.temporal.ChronoUnit;

/** One planned nudge as the preview's JSON line. */
public final class PreviewLine {
    private PreviewLine() {
    }

    public static String json(PlannedNudge n) {
        return "{\"due\": \"" + n.due() + "\", \"local\": \"" + n.local().truncatedTo(ChronoUnit.MINUTES)
                + "\", \"to\": \"" + escape(n.personId()) + "\", \"kind\": \"" + n.kind().code() + "\"}";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
