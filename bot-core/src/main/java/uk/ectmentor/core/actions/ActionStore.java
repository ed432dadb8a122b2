package uk.ectmentor.core.actions;

import java.util.List;

/** Precise actions. */
public interface ActionStore {
    void save(ActionStep action);

    /** The ECT's open actions, oldest first. */
    List<ActionStep> openFor(String ectId);
}
