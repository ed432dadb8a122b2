package uk.ectmentor.core.engine;

import java.util.Map;

/** Lets a flow move on, remember values, or finish. */
public interface FlowControl {
    /** Moves the flow to {@code step} and stores {@code values} (null values remove the key). */
    void next(String step, Map<String, String> values);

    /** Ends the flow, keeping nothing of its values. */
    void finish();
}
