package uk.ectmentor.core.content;

import java.util.Locale;

/** Whose session it is. */
public enum SessionKind {
    /** The weekly mentor meeting, run by the mentor. */
    MENTOR,
    /** The ECT's self-directed study. */
    ECT,
    /** A reusable meeting structure (its steps are the sections), not tied to a week. */
    TEMPLATE;

    public static SessionKind parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
