package uk.ectmentor.core.reflect;

import java.time.Instant;

/**
 * One entry in a person's learning log.
 *
 * @param kind      "reflection", "meeting", "action" or "audit"
 * @param module    the programme module current when it was written
 * @param week      the programme week current when it was written
 * @param shared    whether the mentor may read it (reflections are private until shared)
 * @param sourceKey what produced it (a platform delivery id or a confirmation id): the same source never
 *                  produces two entries, however often the platform retries
 */
public record LogEntry(String id, String personId, String schoolId, String kind, int module, int week,
                       String text, Instant createdAt, boolean shared, String sourceKey) {
}
