package uk.ectmentor.adapters.slack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.ectmentor.core.chat.Block;

/**
 * Carries a core form from the message that offers it to the modal that collects it. The form travels in
 * the button's value (Slack keeps up to 2,000 characters there), so it survives restarts and works on any
 * instance; a form too big for that is kept here in memory (the newest {@value #STASH_SIZE}) under a key.
 */
final class SlackForms {
    static final int MAX_VALUE = 2_000;
    static final int STASH_SIZE = 500;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, String> stash = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > STASH_SIZE;
        }
    };

    /** The button value that stands for {@code form}. */
    String encode(Block.Form form) {
        String json = json(form);
        if (json.length() + 2 <= MAX_VALUE) {
            return "j:" + json;
        }
        String key = UUID.randomUUID().toString();
        synchronized (stash) {
            stash.put(key, json);
        }
        return "k:" + key;
    }

    Optional<Block.Form> decode(String value) {
        if (value == null || value.length() < 2) {
            return Optional.empty();
        }
        String json;
        if (value.startsWith("j:")) {
            json = value.substring(2);
        } else if (value.startsWith("k:")) {
            synchronized (stash) {
                json = stash.get(value.substring(2));
            }
        } else {
            json = null;
        }
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, Block.Form.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> Optional<T> parse(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
