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
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
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
 *   <li>{@code nudgeLeases}: one document a claim, {@code _id} = nudge id + "#" + claim generation: the
 *       compare-and-set that lets one instance win each claim;</li>
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

    /**
     * A stored nudge.
     *
     * @param due        when it may next be sent (a retry moves it)
     * @param plannedDue when it was meant to go: the plan's time, or the end of the quiet hours it was put off to;
     *                   the misfire age is measured from it
     */
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
    private final MongoCollection<Document> leases;

    public NudgeStore(MongoDatabase db) {
        this.nudges = db.getCollection("nudges");
        this.deliveries = db.getCollection("nudgeDeliveries");
        this.plans = db.getCollection("nudgePlans");
        this.undeliverable = db.getCollection("undeliverableIdentities");
        this.leases = db.getCollection("nudgeLeases");
    }

    // ---- planning

    /**
     * Writes the plan: new nudges are inserted as PLANNED; one still PLANNED takes the new time; one
     * already claimed, sent or skipped is left alone. Only operations keyed by {@code _id} are used, so the
     * embedded store (which scans for any other filter) stays fast.
     */
    public void savePlan(Collection<PlannedNudge> planned, Instant now) {
        if (planned.isEmpty()) {
            return;
        }
        List<PlannedNudge> list = new ArrayList<>(planned);
        List<Document> docs = new ArrayList<>(list.size());
        for (PlannedNudge n : list) {
            docs.add(fields(n, now).append("_id", n.id()).append("status", Status.PLANNED.name()).append("attempts", 0).append("gen", 0));
        }
        try {
            nudges.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                PlannedNudge n = list.get(error.getIndex());
                Document existing = nudges.find(eq("_id", n.id())).first();
                if (existing != null && Status.PLANNED.name().equals(existing.getString("status"))
                        && !n.due().equals(existing.getDate("due").toInstant())) {
                    nudges.updateOne(eq("_id", n.id()), new Document("$set", fields(n, now)));
                }
            }
        }
    }

    private static Document fields(PlannedNudge n, Instant now) {
        return new Document("pairingId", n.pairingId()).append("personId", n.personId()).append("kind", n.kind().code())
                .append("ref", n.ref()).append("module", n.module()).append("week", n.week())
                .append("local", n.local().toString()).append("zone", n.zone().getId())
                .append("due", Date.from(n.due())).append("plannedDue", Date.from(n.due())).append("updatedAt", Date.from(now));
    }

    /** Removes nudges that are no longer in the plan, if nobody has started on them. */
    public void removePlanned(Collection<String> ids) {
        for (String id : ids) {
            Document d = nudges.find(eq("_id", id)).first();
            if (d != null && Status.PLANNED.name().equals(d.getString("status"))) {
                nudges.deleteOne(eq("_id", id));
            }
        }
    }

    /**
     * A pairing's stored plan: its programme anchor and what was planned last time, each entry
     * {@code <nudge id>@<due instant>}, so an unchanged plan is not written again.
     */
    public record Plan(String pairingId, ProgrammeWeeks.Position anchor, List<String> planned) {
        static String entry(PlannedNudge n) {
            return n.id() + "@" + n.due();
        }

        static String idOf(String entry) {
            return entry.substring(0, entry.lastIndexOf('@'));
        }

        static Instant dueOf(String entry) {
            return Instant.parse(entry.substring(entry.lastIndexOf('@') + 1));
        }
    }

    public Optional<Plan> plan(String pairingId) {
        Document d = plans.find(eq("_id", pairingId)).first();
        return Optional.ofNullable(d).map(NudgeStore::toPlan);
    }

    public java.util.Map<String, Plan> plans(Collection<String> pairingIds) {
        java.util.Map<String, Plan> out = new java.util.HashMap<>();
        for (String id : pairingIds) {
            plan(id).ifPresent(p -> out.put(id, p));
        }
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
     * Claims up to {@code limit} due nudges for {@code owner}. Each claim is a compare-and-set on the
     * nudge's claim generation: the claimer inserts {@code <nudge id>#<generation + 1>} into
     * {@code nudgeLeases}, whose unique {@code _id} lets exactly one instance win it; the winner then marks
     * the nudge CLAIMED with its lease. A lease that ran out (its holder died) is claimable again, at the
     * next generation.
     */
    public List<Nudge> claim(String owner, Instant now, Duration lease, int limit) {
        List<Nudge> out = new ArrayList<>();
        List<Document> candidates = nudges.find(claimable(now)).sort(Sorts.ascending("due")).limit(limit).batchSize(limit)
                .into(new ArrayList<>());
        for (Document d : candidates) {
            if (!isClaimable(d, now)) {
                continue; // a server may hand back a document as it is now, not as it matched
            }
            int gen = d.getInteger("gen", 0) + 1;
            try {
                leases.insertOne(new Document("_id", d.getString("_id") + "#" + gen).append("owner", owner)
                        .append("at", Date.from(now)));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                continue; // another instance won this generation
            }
            Document claimed = nudges.findOneAndUpdate(eq("_id", d.getString("_id")),
                    Updates.combine(Updates.set("status", Status.CLAIMED.name()), Updates.set("owner", owner),
                            Updates.set("gen", gen), Updates.set("leaseUntil", Date.from(now.plus(lease))),
                            Updates.set("updatedAt", Date.from(now)), Updates.inc("attempts", 1)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (claimed != null) {
                out.add(toNudge(claimed));
            }
        }
        return out;
    }

    private static boolean isClaimable(Document d, Instant now) {
        String status = d.getString("status");
        Date due = d.getDate("due");
        Date lease = d.getDate("leaseUntil");
        if (Status.PLANNED.name().equals(status) || Status.WAITING.name().equals(status)) {
            return due != null && !due.toInstant().isAfter(now);
        }
        return Status.CLAIMED.name().equals(status) && lease != null && !lease.toInstant().isAfter(now);
    }

    /**
     * Ends a claimed nudge. Keyed by id only (the embedded store scans for anything more): the delivery
     * record, not this status, is what stops a second send.
     */
    public boolean finish(Nudge n, String owner, Status status, String detail, Instant now) {
        return nudges.updateOne(eq("_id", n.id()),
                Updates.combine(Updates.set("status", status.name()), Updates.set("detail", detail),
                        Updates.set("leaseUntil", null), Updates.set("updatedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    /** Puts a claimed nudge back to wait until {@code due} (a retry, or the end of quiet hours). */
    public boolean reschedule(Nudge n, String owner, Instant due, String detail, Instant now) {
        return nudges.updateOne(eq("_id", n.id()),
                Updates.combine(Updates.set("status", Status.WAITING.name()), Updates.set("due", Date.from(due)),
                        Updates.set("detail", detail), Updates.set("owner", null), Updates.set("leaseUntil", null),
                        Updates.set("updatedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    /**
     * Puts a claimed nudge off until {@code due} as if it had been planned then (the end of quiet hours): unlike
     * a retry, this moves {@code plannedDue}, the time its lateness is measured from.
     */
    public boolean defer(Nudge n, String owner, Instant due, String detail, Instant now) {
        return nudges.updateOne(eq("_id", n.id()),
                Updates.combine(Updates.set("status", Status.WAITING.name()), Updates.set("due", Date.from(due)),
                        Updates.set("plannedDue", Date.from(due)), Updates.set("detail", detail), Updates.set("owner", null),
                        Updates.set("leaseUntil", null), Updates.set("updatedAt", Date.from(now)))).getModifiedCount() == 1;
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
        n += leases.deleteMany(lt("at", t)).getDeletedCount();
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
