package uk.ectmentor.core.meeting;

import java.time.Instant;
import java.util.Map;

/**
 * How a mentor and ECT agreed to work together (Module 1 week 1 contracting): answers by question id.
 *
 * @param recordedBy the person who typed the answers in
 */
public record Contract(String pairingId, String schoolId, Map<String, String> answers, String recordedBy, Instant savedAt) {
    public Contract {
        answers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answers));
    }
}
