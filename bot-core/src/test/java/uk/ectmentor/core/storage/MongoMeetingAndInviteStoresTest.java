package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.actions.ActionStep;
import uk.ectmentor.core.meeting.Contract;
import uk.ectmentor.core.meeting.MeetingRecord;
import uk.ectmentor.core.meeting.PreMeetingReview;
import uk.ectmentor.core.onboarding.Invite;

/** Meetings, reviews, contracts, invites and the new action operations, through the real driver. */
class MongoMeetingAndInviteStoresTest {
    private static final Instant T = Instant.parse("2026-11-25T16:00:00Z");
    private final EmbeddedMongo server = EmbeddedMongo.inMemory();
    private final MongoStorage storage = MongoStorage.connect(server.connectionString(), "meetings");

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    @Test
    void aMeetingRecordKeepsItsSectionOrderAndTakesTheActionLater() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Review", "r");
        notes.put("Theory to Practice", "t");
        notes.put("Next Steps", "n");
        storage.meetings().save(new MeetingRecord("m1", "s", "pr", "men", "ect", 4, 6, "title", notes, List.of("a"), null, T));
        storage.meetings().save(storage.meetings().meeting("m1").orElseThrow().withAction("act-1"));

        MeetingRecord back = storage.meetings().meetingsOf("pr", 5).get(0);
        assertThat(back.notes().keySet()).containsExactly("Review", "Theory to Practice", "Next Steps");
        assertThat(back.actionId()).isEqualTo("act-1");
    }

    @Test
    void oneReviewPerWeekAndOneContractPerPair() {
        storage.meetings().saveReview(new PreMeetingReview("pr", "ect", 4, 6, null, null, "a", "b", "c", T));
        storage.meetings().saveReview(new PreMeetingReview("pr", "ect", 4, 6, null, null, "a2", "b2", "c2", T));
        assertThat(storage.meetings().review("pr", 4, 6)).get().extracting(PreMeetingReview::did).isEqualTo("a2");
        assertThat(storage.meetings().review("pr", 4, 7)).isEmpty();

        storage.meetings().saveContract(new Contract("pr", "s", Map.of("when", "Tuesdays"), "men", T));
        assertThat(storage.meetings().contract("pr")).get().extracting(c -> c.answers().get("when")).isEqualTo("Tuesdays");
    }

    @Test
    void aPairingCodeIsClaimedOnceAndASchoolCodeNeverRunsOut() {
        storage.invites().save(new Invite("PAIR01", "s", "men", true, T, null));
        storage.invites().save(new Invite("SCHOOL", "s", "tutor", false, T, null));

        assertThat(storage.invites().claim("PAIR01", "ect1")).isPresent();
        assertThat(storage.invites().claim("PAIR01", "ect2")).isEmpty();
        assertThat(storage.invites().claim("SCHOOL", "a")).isPresent();
        assertThat(storage.invites().claim("SCHOOL", "b")).isPresent();
        assertThat(storage.invites().claim("NOPE", "b")).isEmpty();
    }

    @Test
    void anActionIsMarkedDoneOnceWithItsOutcome() {
        storage.actions().save(new ActionStep("a1", "s", "pr", "ect", "text", 4, 6, ActionStep.Status.OPEN, T,
                LocalDate.of(2026, 12, 3), null, "criteria", null));
        assertThat(storage.actions().markDone("a1", "it worked", T)).get().extracting(ActionStep::outcome).isEqualTo("it worked");
        assertThat(storage.actions().markDone("a1", "again", T)).isEmpty();
        ActionStep back = storage.actions().byId("a1").orElseThrow();
        assertThat(back.isOpen()).isFalse();
        assertThat(back.successCriteria()).isEqualTo("criteria");
        assertThat(storage.actions().openFor("ect")).isEmpty();
        assertThat(storage.actions().allFor("ect")).hasSize(1);
    }
}
