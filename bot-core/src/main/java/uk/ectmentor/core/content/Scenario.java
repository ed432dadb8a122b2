package uk.ectmentor.core.content;

import java.util.List;

/**
 * A practice scenario for one phase (EYFS, Primary, Secondary, SEND, Alternative provision) with the
 * options to weigh up (A, B, C...).
 */
public record Scenario(String phase, String text, List<Option> options) {
    public Scenario {
        options = List.copyOf(options);
    }

    public record Option(String label, String text) {
    }
}
