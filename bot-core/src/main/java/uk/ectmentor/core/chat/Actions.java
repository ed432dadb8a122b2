package uk.ectmentor.core.chat;

/** Action ids that every adapter must pass through unchanged. */
public final class Actions {
    /** A button whose value is a command, handled as if it had been typed. */
    public static final String SAY = "say";

    private Actions() {
    }
}
