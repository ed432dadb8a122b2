package uk.ectmentor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world collections a child JVM logged ({@code -Xlog:gc:file=F:timemillis}) while a step ran: every
 * request arriving during one waits for it, so they are the floor of a step's high percentiles.
 */
record GcPauses(int count, double totalMs, double longestMs) {
    /** What a step reports when the log could not be read (printed as {@code -}, not as "none"). */
    static final GcPauses UNKNOWN = new GcPauses(-1, 0, 0);

    /** {@code [1795847935120ms] GC(17) Pause Young (Normal) (G1 Evacuation Pause) 78M->30M(96M) 9.547ms} */
    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+)ms\\] GC\\(\\d+\\) Pause .* (\\d+(?:\\.\\d+)?)ms$");

    /** The option that makes a child JVM write the log read here. */
    static String option(Path log) {
        return "-Xlog:gc:file=" + log + ":timemillis";
    }

    /** The pauses ending between {@code fromMillis} and {@code toMillis} (epoch milliseconds), from the log's lines. */
    static GcPauses between(List<String> lines, long fromMillis, long toMillis) {
        int count = 0;
        double total = 0;
        double longest = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            long at = Long.parseLong(m.group(1));
            if (at < fromMillis || at > toMillis) {
                continue;
            }
            double ms = Double.parseDouble(m.group(2));
            count++;
            total += ms;
            longest = Math.max(longest, ms);
        }
        return new GcPauses(count, total, longest);
    }

    /** As above, from the log file; {@link #UNKNOWN} when it cannot be read. */
    static GcPauses between(Path log, long fromMillis, long toMillis) {
        try {
            return between(Files.readAllLines(log), fromMillis, toMillis);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    @Override
    public String toString() {
        if (count < 0) {
            return "-";
        }
        return count == 0 ? "none" : String.format(Locale.ROOT, "%d, %.0f ms, longest %.1f ms", count, totalMs, longestMs);
    }
}
