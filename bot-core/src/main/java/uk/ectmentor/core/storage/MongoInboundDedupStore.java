package uk.ectmentor.core.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.InboundDedupStore;
import uk.ectmentor.core.trust.FieldCipher;

/**
 * Received deliveries, one document each with the delivery key as {@code _id}: the unique {@code _id}
 * is what makes a concurrent retry lose the race, on real MongoDB and on the embedded server alike.
 * A message kept until handled carries {@code pending: true}, its text and where to answer (both sealed like
 * the learning log);
 * claiming one for recovery is a single-document compare-and-set on the claim's expiry.
 * Old records are removed by {@link #forgetBefore} (no TTL index: the embedded server has none).
 */
final class MongoInboundDedupStore implements InboundDedupStore {
    /** Binds a sealed channel to its record and field, so it opens nowhere else. */
    private static final String CHANNEL = "#channel";

    private final MongoCollection<Document> deliveries;
    private final FieldCipher cipher;

    MongoInboundDedupStore(MongoDatabase db, FieldCipher cipher) {
        this.deliveries = db.getCollection("inboundDeliveries");
        this.cipher = cipher;
        // recovery's query and the clean-up's (the embedded server keeps the first in memory, see EqualityIndex)
        Indexes.lookup(deliveries, com.mongodb.client.model.Indexes.ascending("pending", "platform", "at"));
        Indexes.lookup(deliveries, com.mongodb.client.model.Indexes.ascending("at"));
    }

    @Override
    public boolean firstDelivery(String key, Instant at) {
        return insert(new Document("_id", key).append("at", Date.from(at)));
    }

    @Override
    public boolean accept(Pending p, String owner, Duration lease) {
        Document d = new Document("_id", p.key()).append("at", Date.from(p.at())).append("pending", true)
                .append("platform", p.from().platform()).append("tenant", p.from().tenant())
                .append("userId", p.from().userId()).append("identity", p.from().key());
        if (owner != null && lease != null) {
            d.append("owner", owner).append("claimUntil", Date.from(p.at().plus(lease)));
        }
        if (cipher != null && cipher.enabled()) {
            FieldCipher.Sealed sealed = cipher.seal(p.text(), p.key());
            d.append("text", sealed.value()).append("textKey", sealed.keyId());
            if (p.channel() != null) {
                // where to answer: a Slack channel id, or a Teams conversation reference with the person's name
                FieldCipher.Sealed where = cipher.seal(p.channel(), p.key() + CHANNEL);
                d.append("channel", where.value()).append("channelKey", where.keyId());
            }
        } else {
            d.append("text", p.text()).append("channel", p.channel());
        }
        return insert(d);
    }

    @Override
    public void handled(String key) {
        Mongo.run(() -> deliveries.updateOne(eq("_id", key),
                Updates.combine(Updates.set("pending", false), Updates.unset("text"), Updates.unset("textKey"),
                        Updates.unset("channel"), Updates.unset("channelKey"))));
    }

    /**
     * One query lists the oldest candidates, one update claims those still claimable (each document on its own, so a
     * message another instance claimed in between is skipped) for {@code owner}, marked with a token for this round,
     * and one query reads back what this round got. Three operations a round whatever the batch: the list reads the platform's pending
     * messages through the lookup index, the other two the candidates through the {@code _id} index.
     */
    @Override
    public List<Pending> claimUnhandled(String platform, Instant acceptedBefore, Instant now, String owner, Duration lease, int limit) {
        Bson claimable = and(eq("pending", true), eq("platform", platform), lt("at", Date.from(acceptedBefore)),
                or(exists("claimUntil", false), lt("claimUntil", Date.from(now))));
        return Mongo.call(() -> {
            List<String> candidates = deliveries.find(claimable).projection(Projections.include("_id"))
                    .sort(Sorts.ascending("at")).limit(limit).map(d -> d.getString("_id")).into(new ArrayList<>());
            if (candidates.isEmpty()) {
                return List.of();
            }
            String round = owner + "#" + UUID.randomUUID();
            deliveries.updateMany(and(in("_id", candidates), claimable), Updates.combine(Updates.set("owner", owner),
                    Updates.set("round", round), Updates.set("claimUntil", Date.from(now.plus(lease)))));
            return deliveries.find(and(in("_id", candidates), eq("round", round))).sort(Sorts.ascending("at"))
                    .map(this::pending).into(new ArrayList<>());
        });
    }

    @Override
    public boolean claim(String key, String was, String owner, Instant now, Duration lease) {
        return Mongo.call(() -> {
            long claimed = deliveries.updateOne(and(eq("_id", key), eq("pending", true),
                            or(exists("claimUntil", false), lt("claimUntil", Date.from(now)), in("owner", was, owner))),
                    Updates.combine(Updates.set("owner", owner), Updates.set("claimUntil", Date.from(now.plus(lease)))))
                    .getModifiedCount();
            // not claimed: someone holds it or it is done, unless it was never kept at all
            return claimed == 1 || deliveries.find(eq("_id", key)).projection(Projections.include("_id")).first() == null;
        });
    }

    @Override
    public long releaseClaims() {
        return Mongo.call(() -> deliveries.updateMany(and(eq("pending", true), exists("claimUntil")),
                Updates.combine(Updates.unset("claimUntil"), Updates.unset("owner"), Updates.unset("round"))).getModifiedCount());
    }

    @Override
    public long releaseClaimsOf(String holder) {
        Bson owned = Filters.regex("owner", "^" + literal(holder + "/"));
        return Mongo.call(() -> deliveries.updateMany(and(eq("pending", true), owned),
                Updates.combine(Updates.unset("claimUntil"), Updates.unset("owner"), Updates.unset("round"))).getModifiedCount());
    }

    /** {@code text} as a pattern that matches only itself: a backslash before each ASCII character but letters and digits. */
    static String literal(String text) {
        StringBuilder b = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(c -> {
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                b.append('\\');
            }
            b.appendCodePoint(c);
        });
        return b.toString();
    }

    private Pending pending(Document d) {
        String keyId = d.getString("textKey");
        String text = keyId == null ? d.getString("text") : cipher.open(new FieldCipher.Sealed(keyId, d.getString("text")), d.getString("_id"));
        String channelKey = d.getString("channelKey");
        String channel = channelKey == null || d.getString("channel") == null ? d.getString("channel")
                : cipher.open(new FieldCipher.Sealed(channelKey, d.getString("channel")), d.getString("_id") + CHANNEL);
        return new Pending(d.getString("_id"), new UserRef(d.getString("platform"), d.getString("tenant"), d.getString("userId")),
                text, channel, d.getDate("at").toInstant());
    }

    /**
     * Re-seals, under the current key, the text and reference of messages still pending that were sealed under
     * another key or kept in the clear. Each is rewritten only while it is still pending with what was read, so one
     * answered meanwhile is left alone.
     *
     * @return how many were re-sealed
     */
    int reencrypt() {
        if (cipher == null || !cipher.enabled()) {
            return 0;
        }
        String current = cipher.currentKeyId();
        return Mongo.call(() -> {
            int n = 0;
            for (Document d : deliveries.find(and(eq("pending", true), exists("text", true))).into(new ArrayList<>())) {
                boolean textStale = !current.equals(d.getString("textKey"));
                boolean channelStale = d.getString("channel") != null && !current.equals(d.getString("channelKey"));
                if (!textStale && !channelStale) {
                    continue;
                }
                Pending p = pending(d);
                String id = d.getString("_id");
                FieldCipher.Sealed text = cipher.seal(p.text(), id);
                List<Bson> sets = new ArrayList<>(List.of(Updates.set("text", text.value()), Updates.set("textKey", text.keyId())));
                if (p.channel() != null) {
                    FieldCipher.Sealed where = cipher.seal(p.channel(), id + CHANNEL);
                    sets.add(Updates.set("channel", where.value()));
                    sets.add(Updates.set("channelKey", where.keyId()));
                }
                n += (int) deliveries.updateOne(and(eq("_id", id), eq("pending", true), eq("text", d.getString("text"))),
                        Updates.combine(sets)).getModifiedCount();
            }
            return n;
        });
    }

    @Override
    public long forgetBefore(Instant cutoff) {
        return Mongo.call(() -> deliveries.deleteMany(lt("at", Date.from(cutoff))).getDeletedCount());
    }

    private boolean insert(Document d) {
        return Mongo.call(() -> {
            try {
                deliveries.insertOne(d);
                return true;
            } catch (MongoWriteException e) {
                if (Mongo.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
    }
}
