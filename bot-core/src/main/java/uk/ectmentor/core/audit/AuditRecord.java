package uk.ectmentor.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * One round of an ECT's module self-assessment: at the start of the module or at its end.
 *
 * @param week    the programme week when it was done
 * @param ratings one per criterion, in the audit's order
 */
public record AuditRecord(String personId, String schoolId, int module, Round round, int week,
                          List<Rating> ratings, Instant ratedAt) {
    public AuditRecord {
        ratings = List.copyOf(ratings);
    }

    /** When in the module the rating was done. */
    public enum Round {
        START("start of the module"), END("end of the module");

        private final String label;

        Round(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param criterion the criterion as shown (code and text)
     * @param level     the scale level chosen, e.g. Developing
     * @param evidence  what the ECT offered as evidence, or null
     */
    public record Rating(String criterion, String level, String evidence) {
    }
}
