package uk.ectmentor.core.nudges;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import uk.ectmentor.core.audit.AuditRecord;
import uk.ectmentor.core.audit.AuditStore;
import uk.ectmentor.core.meeting.MeetingStore;
import uk.ectmentor.core.meeting.PreMeetingReview;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.plan.ActionPlan;
import uk.ectmentor.core.plan.PlanStore;

/**
 * What nudges take from the other features' stores: the ECT's pre-meeting answers (meeting store), the
 * focus areas of their latest audit round (criteria rated Emerging or Developing), their Year 2 plan's
 * review date and the self-study day they chose (nudge preferences). Each nudge is for one pairing, so what it shows reaches only that pairing's mentor.
 */
public final class StoredNudgeInputs implements NudgeInputs {
    private final PeopleStore people;
    private final MeetingStore meetings;
    private final AuditStore audits;
    private final PlanStore plans;
    private final PreferencesStore preferences;

    public StoredNudgeInputs(PeopleStore people, MeetingStore meetings, AuditStore audits, PlanStore plans,
                             PreferencesStore preferences) {
        this.people = people;
        this.meetings = meetings;
        this.audits = audits;
        this.plans = plans;
        this.preferences = preferences;
    }

    @Override
    public Optional<DayOfWeek> selfStudyDay(String pairingId) {
        return people.pairing(pairingId).map(p -> preferences.get(p.ectId()).studyDay());
    }

    @Override
    public List<String> preMeetingAnswers(String ectId, int module, int week) {
        for (Pairing p : people.pairingsOf(ectId)) {
            if (!ectId.equals(p.ectId())) {
                continue;
            }
            Optional<PreMeetingReview> review = meetings.review(p.id(), module, week);
            if (review.isPresent() && ectId.equals(review.get().ectId())) {
                PreMeetingReview r = review.get();
                List<String> out = new ArrayList<>();
                add(out, "What I did: ", r.did());
                add(out, "Impact on pupils, and how I know: ", r.impact());
                add(out, "What next: ", r.next());
                return out;
            }
        }
        return List.of();
    }

    @Override
    public List<String> auditFocus(String ectId, int module) {
        Optional<AuditRecord> latest = audits.find(ectId, module, AuditRecord.Round.END)
                .or(() -> audits.find(ectId, module, AuditRecord.Round.START));
        if (latest.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (AuditRecord.Rating r : latest.get().ratings()) {
            String level = r.level() == null ? "" : r.level().trim().toLowerCase(Locale.ROOT);
            if (level.equals("emerging") || level.equals("developing")) {
                out.add(r.criterion() + " (" + r.level() + ")");
            }
        }
        return out;
    }

    @Override
    public Optional<LocalDate> planReviewDate(String ectId) {
        return plans.forPerson(ectId).map(ActionPlan::reviewOn);
    }

    private static void add(List<String> out, String label, String answer) {
        if (answer != null && !answer.isBlank()) {
            out.add(label + answer.strip());
        }
    }
}
