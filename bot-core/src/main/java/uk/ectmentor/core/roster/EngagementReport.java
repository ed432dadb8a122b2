package uk.ectmentor.core.roster;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.ectmentor.core.people.Pairing;

/**
 * Engagement per pairing per week (weeks start on Monday, in the school's time zone): meetings held (learning
 * log entries of kind "meeting"), reflections logged, actions set and, of those, done. Counts only.
 */
public final class EngagementReport {
    private EngagementReport() {
    }

    /** One pairing's week. Names are for display; ids make the CSV joinable. */
    public record Row(String pairingId, String mentor, String ect, LocalDate weekOf, int meetings, int reflections,
                      int actionsSet, int actionsDone) {
    }

    /** The Monday of the week {@code weeks - 1} weeks before the one containing {@code today}. */
    public static LocalDate firstWeek(LocalDate today, int weeks) {
        return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(weeks - 1L);
    }

    /** A row for every pairing and week, zeros included, so a quiet week shows. */
    public static List<Row> build(List<Pairing> pairings, Map<String, String> names, List<EngagementStore.Activity> activity,
                                  ZoneId zone, LocalDate firstWeek, int weeks) {
        Map<String, int[]> counts = new HashMap<>();
        Map<String, String> pairingOfEct = new HashMap<>();
        for (Pairing p : pairings) {
            pairingOfEct.putIfAbsent(p.ectId(), p.id());
        }
        for (EngagementStore.Activity a : activity) {
            String pairingId = a.pairingId() != null ? a.pairingId() : pairingOfEct.get(a.personId());
            if (pairingId == null) {
                continue;
            }
            LocalDate week = a.at().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            int[] c = counts.computeIfAbsent(pairingId + "|" + week, k -> new int[4]);
            switch (a.kind()) {
                case "meeting": c[0]++; break;
                case "reflection": c[1]++; break;
                case "action.set": c[2]++; break;
                case "action.done": c[3]++; break;
                default: break;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Pairing p : pairings) {
            for (int w = 0; w < weeks; w++) {
                LocalDate week = firstWeek.plusWeeks(w);
                int[] c = counts.getOrDefault(p.id() + "|" + week, new int[4]);
                rows.add(new Row(p.id(), names.getOrDefault(p.mentorId(), p.mentorId()), names.getOrDefault(p.ectId(), p.ectId()),
                        week, c[0], c[1], c[2], c[3]));
            }
        }
        return rows;
    }

    /** The rows as CSV (RFC 4180 quoting), with a header line. */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("pairing,mentor,ect,week_of,meetings,reflections,actions_set,actions_done\n");
        for (Row r : rows) {
            sb.append(Csv.quote(r.pairingId())).append(',').append(Csv.quote(r.mentor())).append(',')
              .append(Csv.quote(r.ect())).append(',').append(r.weekOf()).append(',').append(r.meetings()).append(',')
              .append(r.reflections()).append(',').append(r.actionsSet()).append(',').append(r.actionsDone()).append('\n');
        }
        return sb.toString();
    }
}
