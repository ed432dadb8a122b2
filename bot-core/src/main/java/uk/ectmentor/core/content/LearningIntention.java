package uk.ectmentor.core.content;

/**
 * What the ECT will learn in a session.
 *
 * @param code framework code where the document gives one ({@code 6.3}, {@code 6l}, {@code 8.a}); may be null
 * @param type "learn-that", "learn-how" or "other"
 */
public record LearningIntention(String code, String type, String text) {
    public String display() {
        return code == null || code.isBlank() ? text : code + " " + text;
    }
}
