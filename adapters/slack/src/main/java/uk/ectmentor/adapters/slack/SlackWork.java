package uk.ectmentor.adapters.slack;

import uk.ectmentor.core.delivery.OrderedWork;

/**
 * The work done after Slack has had its acknowledgement: running the engine and posting the replies.
 * One person's turns run one after another, in the order they arrived; different people run in parallel
 * (the core's {@link OrderedWork}).
 */
public final class SlackWork extends OrderedWork {
    SlackWork(int threads) {
        super("slack-work", threads);
    }

    SlackWork(int threads, int capacity) {
        super("slack-work", threads, capacity);
    }
}
