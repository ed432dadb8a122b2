package uk.ectmentor.core.content;

import java.util.List;

/**
 * A module's self-assessment audit: criteria the ECT rates on a scale (Emerging / Developing / Secure),
 * each level with its definition.
 */
public record ModuleAudit(List<Level> scale, List<Criterion> criteria) {
    public ModuleAudit {
        scale = List.copyOf(scale);
        criteria = List.copyOf(criteria);
    }

    /** A point on the rating scale and what it means. */
    public record Level(String name, String definition) {
    }

    /** One thing the ECT rates themselves on; {@code code} is the framework code where there is one. */
    public record Criterion(String code, String text) {
    }
}
