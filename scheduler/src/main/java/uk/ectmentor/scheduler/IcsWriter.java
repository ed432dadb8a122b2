package uk.ectmentor.scheduler;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A pairing's planned nudges as an iCalendar feed (RFC 5545), one short event a nudge, times in UTC. */
public final class IcsWriter {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private IcsWriter() {
    }

    public static String write(String pairingId, List<PlannedNudge> nudges, Instant stamp) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//ECT Mentor Bot//Nudges//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "X-WR-CALNAME:" + escape("ECT mentoring nudges (" + pairingId + ")"));
        for (PlannedNudge n : nudges) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + escape(n.id()) + "@ect-mentor-bot");
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, "DTSTART:" + UTC.format(n.due()));
            line(out, "DTEND:" + UTC.format(n.due().plusSeconds(15 * 60)));
            line(out, "SUMMARY:" + escape(summary(n)));
            line(out, "DESCRIPTION:" + escape("Module " + n.module() + " week " + n.week() + ", for " + n.personId()
                    + " (" + n.kind().code() + ")"));
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    static String summary(PlannedNudge n) {
        return switch (n.kind()) {
            case MENTOR_PREP -> "Prepare tomorrow's mentor meeting";
            case ECT_REVIEW -> "Review last week's action before the meeting";
            case MEETING_START -> "Mentor meeting";
            case ECT_REFLECT -> "Log a reflection on the meeting";
            case SELF_STUDY -> "Self-directed study";
            case ACTION_FOLLOW_UP -> "Follow up an action";
            case AUDIT -> "Module self-assessment audit";
            case RE_AUDIT -> "Module audit again";
            case PLAN_REVIEW -> "Review the year-2 action plan";
        };
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }

    /** Writes a content line folded at 75 octets, CRLF-terminated. */
    private static void line(StringBuilder out, String text) {
        int max = 75;
        int i = 0;
        boolean first = true;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + (first ? max : max - 1));
            out.append(first ? "" : " ").append(text, i, end).append("\r\n");
            i = end;
            first = false;
        }
    }
}
