package uk.ectmentor.core.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Year 2 action plans, one per person (making a new one replaces the old). */
public interface PlanStore {
    void save(ActionPlan plan);

    Optional<ActionPlan> forPerson(String personId);

    /**
     * Plans whose review date falls between {@code from} and {@code to}, both included, earliest first:
     * the port the reminder scheduler queries (e.g. today..today for "review your plan today").
     */
    List<ActionPlan> reviewDatesBetween(LocalDate from, LocalDate to);
}
