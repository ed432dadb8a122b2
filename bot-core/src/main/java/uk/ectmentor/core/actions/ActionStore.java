package uk.ectmentor.core.actions;

import java.util.List;
import java.util.Optional;

/** Precise actions. */
public interface ActionStore {
    void save(ActionStep action);

    /** The ECT's open actions, oldest first. */
    List<ActionStep> openFor(String ectId);

    /** Every action of the ECT, open or done, oldest first. */
    List<ActionStep> allFor(String ectId);

    Optional<ActionStep> byId(String id);

    /**
     * Marks an open action done with its outcome, atomically: a second attempt (a double click, a retry)
     * changes nothing and returns empty.
     */
    Optional<ActionStep> markDone(String id, String outcome, java.time.Instant when);
}
