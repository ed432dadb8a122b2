package uk.ectmentor.adapters.teams;

import java.time.Duration;

/**
 * The Bot Framework as the rest of the adapter sees it: the one seam where the (retired) SDK sits, so it
 * can be replaced without touching the controller, the renderer or the sender.
 */
public interface BotFrameworkPort {

    /**
     * The HTTP answer to one POSTed activity.
     *
     * @param message a message activity, authenticated and read but not yet handled: the caller keeps it and
     *                handles it after answering; null for every other activity (handled before the answer)
     */
    record Reply(int status, String body, TeamsMessage message) {
        public Reply(int status, String body) {
            this(status, body, null);
        }
    }

    /**
     * What the connector said to one proactive post.
     *
     * @param status     the HTTP status, or -1 when the connector could not be reached
     * @param retryAfter the connector's Retry-After, when it sent one
     */
    record PostResult(int status, Duration retryAfter, String detail) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** False when no app id is configured: requests are then taken unauthenticated (loopback only). */
    boolean authenticationEnabled();

    /**
     * Authenticates (JWT from the Bot Connector) and handles one activity; never throws. A message activity is
     * only read: it comes back in {@link Reply#message()} for the caller to handle after answering.
     */
    Reply process(String body, String authorization);

    /** Posts one activity, once (no retries: the caller decides), to the conversation a stored reference names. */
    PostResult post(String reference, Outgoing message);

    /** Replaces an activity the bot sent earlier ({@code activityId}) in the conversation a reference names; once. */
    PostResult update(String reference, String activityId, Outgoing message);

    /** The conversation id inside a stored reference, or null when it cannot be read. */
    String conversationId(String reference);
}
