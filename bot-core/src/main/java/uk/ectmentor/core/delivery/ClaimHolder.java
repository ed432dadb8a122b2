package uk.ectmentor.core.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * The process that claims kept messages (its inbox when it queues one, its recovery when it retakes one), and
 * whether a claim it made still stands without asking the store. Every owner it claims under is its name, a slash
 * and a role ({@link #owner}), so that when it dies the others can end all its claims at once
 * ({@link InboundDedupStore#releaseClaimsOf}) instead of waiting for each to run out.
 */
public interface ClaimHolder {
    /** This process's name now, unique among those sharing the store. */
    String name();

    /** The owner one of its claimants claims under now, such as {@code owner("slack-inbox")}. */
    default String owner(String role) {
        return name() + "/" + role;
    }

    /**
     * Whether a claim made under {@code owner} still stands at {@code now} without asking the store: false once the
     * others may have ended it, and the claim must then be renewed in the store ({@link #renewed}) before the message
     * is answered ({@link PendingRecovery#ours}).
     */
    boolean holds(String owner, Instant now);

    /** The owner to renew a claim made under {@code owner} as: the same role under this process's name now. */
    default String renewed(String owner) {
        int slash = owner.lastIndexOf('/');
        return slash < 0 ? owner : owner(owner.substring(slash + 1));
    }

    /**
     * A process on its own, with no heartbeat for the others to watch: its claims stand until their lease runs out.
     * For tools and tests that run one adapter; the app's holder is its {@link InstanceShare}.
     */
    static ClaimHolder alone() {
        String name = "alone#" + UUID.randomUUID().toString().substring(0, 8);
        return new ClaimHolder() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean holds(String owner, Instant now) {
                return true;
            }
        };
    }
}
