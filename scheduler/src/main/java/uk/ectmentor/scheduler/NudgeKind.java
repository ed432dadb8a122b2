package uk.ectmentor.scheduler;

import java.util.Locale;

/** What a nudge is for, and who gets it. */
public enum NudgeKind {
    /** Mentor, the school day before the meeting: the session, the ECT's open actions and answers, audit focus. */
    MENTOR_PREP(true),
    /** ECT, the school day before the meeting: three questions to review last week's action. */
    ECT_REVIEW(false),
    /** Mentor, at meeting time: start the meeting co-pilot (session prompts). */
    MEETING_START(true),
    /** ECT, once the meeting has ended: log a reflection on the agreed action. */
    ECT_REFLECT(false),
    /** ECT, on their self-study day: this week's self-directed study and its estimated time. */
    SELF_STUDY(false),
    /** ECT, on an action's follow-up date. */
    ACTION_FOLLOW_UP(false),
    /** ECT, the day before the first meeting of a module: the self-assessment audit. */
    AUDIT(false),
    /** ECT, the day before the last meeting of a module: the audit again. */
    RE_AUDIT(false),
    /** ECT in year 2, on the review date of their action plan. */
    PLAN_REVIEW(false);

    private final boolean forMentor;

    NudgeKind(boolean forMentor) {
        this.forMentor = forMentor;
    }

    public boolean forMentor() {
        return forMentor;
    }

    /** The lower-case, dashed name used in ids, JSON and calendars ({@code mentor-prep}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static NudgeKind ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
