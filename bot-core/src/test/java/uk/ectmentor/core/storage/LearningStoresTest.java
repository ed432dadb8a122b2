package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.audit.AuditRecord;
import uk.ectmentor.core.audit.AuditStore;
import uk.ectmentor.core.plan.ActionPlan;
import uk.ectmentor.core.plan.PlanStore;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.LogEntry;

/** The learning log's owner-scoped changes, audits and action plans, against the embedded server through the real driver. */
class LearningStoresTest {
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private final EmbeddedMongo server = EmbeddedMongo.inMemory();
    private final MongoStorage storage = MongoStorage.connect(server.connectionString(), "learning");

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    @Test
    void logChangesReachOnlyTheOwnersEntries() {
        LearningLogStore log = storage.learningLog();
        log.append(new LogEntry("e1", "sam", "s", "reflection", 4, 6, "mine", T, false, "src-1"));
        log.append(new LogEntry("e2", "kim", "s", "reflection", 2, 3, "kim's", T.plusSeconds(1), false, "src-2"));

        assertThat(log.byId("sam", "e1")).get().extracting(LogEntry::text).isEqualTo("mine");
        assertThat(log.byId("kim", "e1")).isEmpty();
        assertThat(log.setShared("kim", "e1", true)).isEmpty();
        assertThat(log.updateText("kim", "e1", "defaced")).isEmpty();
        assertThat(log.delete("kim", "e1")).isFalse();
        assertThat(log.byId("sam", "e1")).get().satisfies(e -> {
            assertThat(e.text()).isEqualTo("mine");
            assertThat(e.shared()).isFalse();
        });

        assertThat(log.updateText("sam", "e1", "mine, edited")).get().extracting(LogEntry::text).isEqualTo("mine, edited");
        assertThat(log.setShared("sam", "e1", true)).get().extracting(LogEntry::shared).isEqualTo(true);
        assertThat(log.delete("sam", "e1")).isTrue();
        assertThat(log.delete("sam", "e1")).isFalse();
        assertThat(log.recent("sam", 10)).isEmpty();
        assertThat(log.recent("kim", 10)).extracting(LogEntry::id).containsExactly("e2");
    }

    @Test
    void sharedOfListsOnlySharedEntriesNewestFirst() {
        LearningLogStore log = storage.learningLog();
        log.append(new LogEntry("a", "sam", "s", "reflection", 4, 6, "private", T, false, "a"));
        log.append(new LogEntry("b", "sam", "s", "reflection", 4, 6, "shared old", T.plusSeconds(1), true, "b"));
        log.append(new LogEntry("c", "sam", "s", "audit", 4, 6, "shared new", T.plusSeconds(2), true, "c"));
        log.append(new LogEntry("d", "kim", "s", "reflection", 2, 3, "someone else's", T.plusSeconds(3), true, "d"));

        assertThat(log.sharedOf("sam", 10)).extracting(LogEntry::id).containsExactly("c", "b");
        log.setShared("sam", "b", false);
        assertThat(log.sharedOf("sam", 10)).extracting(LogEntry::id).containsExactly("c");
    }

    @Test
    void anAuditRoundIsStoredOncePerPersonModuleAndRound() {
        AuditStore audits = storage.audits();
        AuditRecord start = new AuditRecord("sam", "s", 4, AuditRecord.Round.START, 1,
                List.of(new AuditRecord.Rating("6a Prior knowledge", "Emerging", null),
                        new AuditRecord.Rating("6f Questioning", "Developing", "mini whiteboards")), T);
        audits.save(start);
        audits.save(new AuditRecord("sam", "s", 4, AuditRecord.Round.END, 6,
                List.of(new AuditRecord.Rating("6a Prior knowledge", "Developing", null)), T.plusSeconds(60)));
        audits.save(new AuditRecord("sam", "s", 4, AuditRecord.Round.END, 6,
                List.of(new AuditRecord.Rating("6a Prior knowledge", "Secure", "two-question checks")), T.plusSeconds(120)));

        assertThat(audits.find("sam", 4, AuditRecord.Round.START)).get().isEqualTo(start);
        AuditRecord end = audits.find("sam", 4, AuditRecord.Round.END).orElseThrow();
        assertThat(end.ratings()).containsExactly(new AuditRecord.Rating("6a Prior knowledge", "Secure", "two-question checks"));
        assertThat(end.week()).isEqualTo(6);
        assertThat(audits.find("sam", 5, AuditRecord.Round.START)).isEmpty();
        assertThat(audits.find("kim", 4, AuditRecord.Round.START)).isEmpty();
    }

    @Test
    void plansAreFoundByReviewDateBothEndsIncludedEarliestFirst() {
        PlanStore plans = storage.plans();
        plans.save(plan("sam", "2027-01-15"));
        plans.save(plan("kim", "2027-01-06"));
        plans.save(plan("lee", "2027-02-01"));
        plans.save(plan("ash", "2026-12-31"));

        assertThat(plans.reviewDatesBetween(LocalDate.parse("2027-01-06"), LocalDate.parse("2027-01-15")))
                .extracting(ActionPlan::personId).containsExactly("kim", "sam");
        assertThat(plans.reviewDatesBetween(LocalDate.parse("2027-01-15"), LocalDate.parse("2027-01-15")))
                .extracting(ActionPlan::personId).containsExactly("sam");
        assertThat(plans.reviewDatesBetween(LocalDate.parse("2027-03-01"), LocalDate.parse("2027-04-01"))).isEmpty();

        // a new plan replaces the old one, review date included
        plans.save(plan("sam", "2027-03-10"));
        assertThat(plans.forPerson("sam")).get().extracting(ActionPlan::reviewOn).isEqualTo(LocalDate.parse("2027-03-10"));
        assertThat(plans.reviewDatesBetween(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-31")))
                .extracting(ActionPlan::personId).containsExactly("kim");
        assertThat(plans.forPerson("sam").orElseThrow().targets())
                .containsExactly(new ActionPlan.Target("Use mini whiteboards every lesson by Easter", ""),
                        new ActionPlan.Target("Plan one adaptive task a week", "T"));
    }

    private static ActionPlan plan(String person, String reviewOn) {
        return new ActionPlan(person, "s", List.of(new ActionPlan.Target("Use mini whiteboards every lesson by Easter", ""),
                new ActionPlan.Target("Plan one adaptive task a week", "T")), LocalDate.parse(reviewOn), T);
    }
}
