package uk.ectmentor.core.nudges;

/** Each person's nudge preferences. */
public interface PreferencesStore {
    /** The person's preferences, or the defaults when they never set any. */
    NudgePreferences get(String personId);

    void save(NudgePreferences preferences);
}
