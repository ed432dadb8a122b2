package uk.ectmentor.core.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the bot remembers of its conversation with one person: the flow they are in (if any), the step
 * within it, and small named values.
 */
public record ConversationState(String personId, String flow, String step, Map<String, String> data, Instant updatedAt) {
    public ConversationState {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static ConversationState empty(String personId, Instant now) {
        return new ConversationState(personId, null, null, Map.of(), now);
    }

    public boolean inFlow() {
        return flow != null;
    }

    public String get(String key) {
        return data.get(key);
    }

    public ConversationState with(String key, String value, Instant now) {
        Map<String, String> copy = new HashMap<>(data);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new ConversationState(personId, flow, step, copy, now);
    }

    public ConversationState at(String newFlow, String newStep, Instant now) {
        return new ConversationState(personId, newFlow, newStep, data, now);
    }
}
