package uk.ectmentor.core.people;

import java.util.Locale;

/** What a person does in the induction programme. */
public enum Role {
    ECT, MENTOR, INDUCTION_TUTOR, ADMIN;

    public String label() {
        return switch (this) {
            case ECT -> "ECT";
            case MENTOR -> "mentor";
            case INDUCTION_TUTOR -> "induction tutor";
            case ADMIN -> "programme admin";
        };
    }

    public static Role parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
    }
}
