package uk.ectmentor.scheduler;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import uk.ectmentor.core.chat.UserRef;

/**
 * The schedule in MongoDB. Collections:
 * <ul>
 *   <li>{@code nudges}: one document a nudge, {@code _id} the planned nudge's id, with {@code due}, a
 *       {@code status} and, while an instance works on it, a lease ({@code owner}, {@code leaseUntil});</li>
 *   <li>{@code nudgeDeliveries}: one document a send attempt, {@code _id} = nudge id + "@" + due instant
 *       (the unique key), written before the platform is called, so the same attempt can never be sent twice;</li>
 *   <li>{@code nudgePlans}: per pairing, the programme anchor (module, week, week of) and the ids last planned;</li>
 *   <li>{@code undeliverableIdentities}: platform identities a platform said cannot be reached.</li>
 * </ul>
 * Only single-document atomic operations and the unique {@code _id} are relied on.
 */
public final class NudgeStore {
    /** Where a nudge is in its life. */
    public enum Status {
        PLANNED, WAITING, CLAIMED, SENT, SKIPPED, DROPPED, UNDELIVERABLE, FAILED, UNCONFIRMED;

        boolean isFinal() {
            return this != PLANNED && this != WAITING && this != CLAIMED;
        }
    }

    /** A stored nudge. */
    public record Nudge(String id, String pairingId, String personId, NudgeKind kind, String ref, int module, int week,
                        Instant due, Instant plannedDue, Status status, String owner, Instant leaseUntil, int attempts,
                        String detail) {
    }

    /** What became of a delivery attempt that already had a record. */
    public enum AttemptState { SENDING, DELIVERED, RETRY, UNDELIVERABLE }

    private final MongoCollection<Document> nudges;
    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> plans;
    private final MongoCollection<Document> undeliverable;

    public NudgeStore(MongoDatabase db) {
        this.nudges = db.getCollection("nudges");
        this.deliveries = db.getCollection("nudgeDeliveries");
        this.plans = db.getCollection("nudgePlans");
        this.undeliverable = db.getCollection("undeliverableIdentities");
    }

    // ---- planning

    /**
     * Writes the plan: new nudges are inserted as PLANNED; a still-PLANNED one takes the new time; one
     * already claimed, sent or skipped is left alone.
     */
    public void savePlan(Collection<PlannedNudge> planned, Instant now) {
        if (planned.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(planned.size());
        for (PlannedNudge n : planned) {
            writes.add(new UpdateOneModel<>(and(eq("_id", n.id()), eq("status", Status.PLANNED.name())),
                    Updates.combine(
                            Updates.set("pairingId", n.pairingId()), Updates.set("personId", n.personId()),
                            Updates.set("kind", n.kind().code()), Updates.set("ref", n.ref()),
                            Updates.set("module", n.module()), Updates.set("week", n.week()),
                            Updates.set("local", n.local().toString()), Updates.set("zone", n.zone().getId()),
                            Updates.set("due", Date.from(n.due())), Updates.set("plannedDue", Date.from(n.due())),
                            Updates.set("updatedAt", Date.from(now)),
                            Updates.setOnInsert("status", Status.PLANNED.name()), Updates.setOnInsert("attempts", 0)),
                    new UpdateOptions().upsert(true)));
        }
        try {
            nudges.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    /** Removes nudges that are no longer in the plan, if nobody has started on them. */
    public void removePlanned(Collection<String> ids) {
        if (!ids.isEmpty()) {
            nudges.deleteMany(and(in("_id", ids), eq("status", Status.PLANNED.name())));
        }
    }

    /** A pairing's stored plan: its programme anchor and the nudge ids planned last time. */
    public record Plan(String pairingId, ProgrammeWeeks.Position anchor, List<String> planned) {
    }

    public Optional<Plan> plan(String pairingId) {
        Document d = plans.find(eq("_id", pairingId)).first();
        return Optional.ofNullable(d).map(NudgeStore::toPlan);
    }

    public java.util.Map<String, Plan> plans(Collection<String> pairingIds) {
        java.util.Map<String, Plan> out = new java.util.HashMap<>();
        plans.find(in("_id", pairingIds)).forEach(d -> out.put(d.getString("_id"), toPlan(d)));
        return out;
    }

    private static Plan toPlan(Document d) {
        ProgrammeWeeks.Position anchor = new ProgrammeWeeks.Position(d.getInteger("module", 1), d.getInteger("week", 1),
                LocalDate.parse(d.getString("weekOf")));
        return new Plan(d.getString("_id"), anchor, d.getList("planned", String.class, List.of()));
    }

    public void savePlans(Collection<Plan> all) {
        if (all.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Plan p : all) {
            writes.add(new ReplaceOneModel<>(eq("_id", p.pairingId()), new Document("_id", p.pairingId())
                    .append("module", p.anchor().module()).append("week", p.anchor().week())
                    .append("weekOf", p.anchor().weekOf().toString()).append("planned", p.planned()),
                    new ReplaceOptions().upsert(true)));
        }
        plans.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    // ---- dispatching

    private static Bson claimable(Instant now) {
        Date t = Date.from(now);
        return or(and(in("status", Status.PLANNED.name(), Status.WAITING.name()), lte("due", t)),
                and(eq("status", Status.CLAIMED.name()), lte("leaseUntil", t)));
    }

    /**
     * Claims up to {@code limit} due nudges for {@code owner}: each by a compare-and-set on its own
     * document (still claimable?), so two instances never hold the same nudge; a lease that ran out
     * (its holder died) is claimable again.
     */
    public List<Nudge> claim(String owner, Instant now, Duration lease, int limit) {
        List<Nudge> out = new ArrayList<>();
        List<Object> ids = nudges.find(claimable(now)).sort(Sorts.ascending("due")).limit(limit)
                .projection(Projections.include("_id")).map(d -> d.get("_id")).into(new ArrayList<>());
        for (Object id : ids) {
            Document d = nudges.findOneAndUpdate(and(eq("_id", id), claimable(now)),
                    Updates.combine(Updates.set("status", Status.CLAIMED.name()), Updates.set("owner", owner),
                            Updates.set("leaseUntil", Date.from(now.plus(lease))), Updates.set("updatedAt", Date.from(now)),
                            Updates.inc("attempts", 1)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (d != null) {
                out.add(toNudge(d));
            }
        }
        return out;
    }

    /** Ends a claimed nudge (only while {@code owner} still holds it). */
    public boolean finish(Nudge n, String owner, Status status, String detail, Instant now) {
        return nudges.updateOne(and(eq("_id", n.id()), eq("owner", owner), eq("status", Status.CLAIMED.name())),
                Updates.combine(Updates.set("status", status.name()), Updates.set("detail", detail),
                        Updates.set("leaseUntil", null), Updates.set("updatedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    /** Puts a claimed nudge back to wait until {@code due} (a retry, or the end of quiet hours). */
    public boolean reschedule(Nudge n, String owner, Instant due, String detail, Instant now) {
        return nudges.updateOne(and(eq("_id", n.id()), eq("owner", owner), eq("status", Status.CLAIMED.name())),
                Updates.combine(Updates.set("status", Status.WAITING.name()), Updates.set("due", Date.from(due)),
                        Updates.set("detail", detail), Updates.set("owner", null), Updates.set("leaseUntil", null),
                        Updates.set("updatedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    public Optional<Nudge> nudge(String id) {
        return Optional.ofNullable(nudges.find(eq("_id", id)).first()).map(NudgeStore::toNudge);
    }

    public List<Nudge> all() {
        return nudges.find().sort(Sorts.ascending("due", "_id")).map(NudgeStore::toNudge).into(new ArrayList<>());
    }

    static String attemptKey(Nudge n) {
        return n.id() + "@" + n.due();
    }

    /**
     * Records that this attempt (nudge, due time) is about to be sent. Empty when it was recorded before:
     * then the state of that earlier attempt, and the caller must not send again.
     */
    public Optional<AttemptState> beginAttempt(Nudge n, String owner, Instant now) {
        try {
            deliveries.insertOne(new Document("_id", attemptKey(n)).append("nudgeId", n.id()).append("due", Date.from(n.due()))
                    .append("owner", owner).append("state", AttemptState.SENDING.name()).append("at", Date.from(now)));
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document d = deliveries.find(eq("_id", attemptKey(n))).first();
            return Optional.of(d == null ? AttemptState.SENDING : AttemptState.valueOf(d.getString("state")));
        }
    }

    public void endAttempt(Nudge n, AttemptState state, String platform, Instant now) {
        deliveries.updateOne(eq("_id", attemptKey(n)), Updates.combine(Updates.set("state", state.name()),
                Updates.set("platform", platform), Updates.set("endedAt", Date.from(now))));
    }

    public long deliveredCount() {
        return deliveries.countDocuments(eq("state", AttemptState.DELIVERED.name()));
    }

    public boolean isUndeliverable(UserRef ref) {
        return undeliverable.find(eq("_id", ref.key())).first() != null;
    }

    public void markUndeliverable(UserRef ref, String detail, Instant now) {
        undeliverable.replaceOne(eq("_id", ref.key()), new Document("_id", ref.key()).append("detail", detail)
                .append("at", Date.from(now)), new ReplaceOptions().upsert(true));
    }

    /** A person who links an identity again can be reached again. */
    public void clearUndeliverable(UserRef ref) {
        undeliverable.deleteOne(eq("_id", ref.key()));
    }

    // ---- clean-up

    /** Deletes finished nudges and delivery records older than {@code before}; returns how many. */
    public long cleanUp(Instant before) {
        Date t = Date.from(before);
        List<String> done = new ArrayList<>();
        for (Status s : Status.values()) {
            if (s.isFinal()) {
                done.add(s.name());
            }
        }
        long n = nudges.deleteMany(and(in("status", done), lt("updatedAt", t))).getDeletedCount();
        return n + deliveries.deleteMany(lt("at", t)).getDeletedCount();
    }

    private static Nudge toNudge(Document d) {
        Date lease = d.getDate("leaseUntil");
        Date planned = d.getDate("plannedDue");
        return new Nudge(d.getString("_id"), d.getString("pairingId"), d.getString("personId"),
                NudgeKind.ofCode(d.getString("kind")), d.getString("ref"), d.getInteger("module", 0), d.getInteger("week", 0),
                d.getDate("due").toInstant(), planned == null ? null : planned.toInstant(),
                Status.valueOf(d.getString("status")), d.getString("owner"), lease == null ? null : lease.toInstant(),
                d.getInteger("attempts", 0), d.getString("detail"));
    }
}
