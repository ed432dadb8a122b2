package uk.ectmentor.core.meeting;

import java.util.List;
import java.util.Optional;

import uk.ectmentor.core.content.Activity;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;

/**
 * The sections a meeting walks through: this week's mentor session from the content pack, or, for a week the
 * pack does not have yet, the standard shape of a weekly meeting (for Module 1 week 1, the contracting and
 * audit meeting).
 */
record MeetingPlan(String title, List<Section> sections) {

    static MeetingPlan forWeek(ContentPack content, int module, int week) {
        Optional<Session> session = content.find(module, week, SessionKind.MENTOR);
        if (session.isPresent()) {
            return new MeetingPlan(session.get().title(), session.get().sections());
        }
        if (module == 1 && week == 1) {
            return new MeetingPlan("Getting started: contracting and the Module 1 audit", List.of(
                    new Section("Review", 15, "Agree how you will work together over the two years.", List.of(
                            new Activity("Contracting", "Go through the contracting questions together; say contract to record the answers.",
                                    List.of("Where and when will you meet, and when is self-directed study?",
                                            "How will you both handle difficulties if they come up?")))),
                    new Section("Plan and Theory to Practice", 40, "The ECT rates themselves against the Module 1 audit, then talks you through it.",
                            List.of(new Activity("Self-audit", "Emerging, Developing or Secure for each criterion, with examples.",
                                    List.of("Which example from your practice backs up that rating?",
                                            "What would move this rating up a step?")))),
                    new Section("Next Steps", 5, "Use the audit to choose where to focus; confirm the next meeting.", List.of())));
        }
        return new MeetingPlan("Module " + module + ", week " + week, List.of(
                new Section("Review", 5, "Follow up last week's action.", List.of(
                        new Activity("Last week's action", null, List.of("What did you do?",
                                "What difference did it make to pupils, and how do you know?", "What will you do next?")))),
                new Section("Plan", 5, "Agree what this meeting is for.", List.of()),
                new Section("Theory to Practice", 35, "Work on this week's focus together.", List.of()),
                new Section("Next Steps", 5, "Agree the precise action for the coming week.", List.of())));
    }

    int indexOf(String name) {
        for (int i = 0; i < sections.size(); i++) {
            String s = sections.get(i).name().toLowerCase(java.util.Locale.ROOT);
            if (s.equals(name) || (name.equals("theory") && s.startsWith("theory")) || (name.equals("theory") && s.contains("theory"))
                    || (name.equals("plan") && s.startsWith("plan"))) {
                return i;
            }
        }
        return -1;
    }
}
