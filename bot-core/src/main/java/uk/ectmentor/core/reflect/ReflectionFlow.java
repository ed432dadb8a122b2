package uk.ectmentor.core.reflect;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.trust.PupilDataGuard;

/**
 * Logging reflections by chat message: {@code reflect: <text>} saves at once; plain text is offered back
 * with a button to save it. Either way a retried or double-clicked submission is stored once, because
 * every entry carries the key of what produced it.
 */
public final class ReflectionFlow {
    public static final String SAVE_DRAFT = "reflect.save";
    public static final String DISCARD_DRAFT = "reflect.discard";
    public static final String REDACT_DRAFT = "reflect.redact";
    public static final String EDIT_DRAFT = "reflect.edit";
    public static final String KEEP_DRAFT = "reflect.keep";
    static final String DRAFT_ID = "draft.id";
    static final String DRAFT_TEXT = "draft.text";
    private static final int PREVIEW = 280;

    private final PeopleStore people;
    private final LearningLogStore log;
    private final ConversationStore conversations;
    private final PupilDataGuard guard = new PupilDataGuard();

    public ReflectionFlow(PeopleStore people, LearningLogStore log, ConversationStore conversations) {
        this.people = people;
        this.log = log;
        this.conversations = conversations;
    }

    public void register(Router router) {
        router.commandWithText("reflect", this::reflect, "reflection", "log reflection", "note")
              .action(SAVE_DRAFT, this::saveDraft)
              .action(DISCARD_DRAFT, this::discardDraft)
              .action(REDACT_DRAFT, turn -> confirmDraft(turn, true))
              .action(KEEP_DRAFT, turn -> confirmDraft(turn, false))
              .action(EDIT_DRAFT, this::editDraft)
              .describe("reflect", "reflect: <your thought>", "save a reflection to your learning log");
    }

    private List<Message> reflect(Turn turn) {
        String text = turn.args();
        if (text.isBlank()) {
            return List.of(Message.builder()
                    .text("What would you like to record? Write it after the word, for example:")
                    .text("_reflect: Cold calling after the hinge question showed me who had the misconception._")
                    .build());
        }
        String source = turn.deliveryId() == null ? "msg:" + UUID.randomUUID() : "msg:" + turn.deliveryId();
        PupilDataGuard.Result check = guard.check(text);
        if (check.flagged()) {
            String draftId = turn.deliveryId() == null ? UUID.randomUUID().toString() : turn.deliveryId();
            Optional<LogEntry> already = log.bySource(turn.person().id(), "draft:" + draftId);
            if (already.isPresent()) {
                return List.of(saved(new LearningLogStore.Appended(already.get(), false)));
            }
            keepDraft(turn, draftId, text);
            return List.of(pupilDataWarning(check, draftId));
        }
        return List.of(saved(store(turn, text, source)));
    }

    /** Plain text that no command understood: offer to save it as a reflection. */
    public List<Message> offerToSave(Turn turn) {
        Optional<ConversationState> before = conversations.get(turn.person().id());
        if (before.isPresent() && FlowData.isRetry(turn, before.get(), FlowData.SAVED_DELIVERY)) {
            return List.of(Message.text(before.get().get(FlowData.SAVED_WHAT)));
        }
        String draftId = turn.deliveryId() == null ? UUID.randomUUID().toString() : turn.deliveryId();
        keepDraft(turn, draftId, turn.text());
        return List.of(Message.builder()
                .text("Shall I save that to your learning log as a reflection?")
                .note(preview(turn.text()))
                .buttons(Button.primary("Save reflection", SAVE_DRAFT, draftId), Button.of("No thanks", DISCARD_DRAFT, draftId))
                .build());
    }

    private List<Message> saveDraft(Turn turn) {
        return withHeldDraft(turn, "I'll save it straight away", (draftId, text) -> {
            PupilDataGuard.Result check = guard.check(text);
            if (check.flagged()) {
                return List.of(pupilDataWarning(check, draftId));
            }
            return saveHeld(turn, draftId, text);
        });
    }

    /**
     * Runs {@code then} with the draft a button refers to, or answers for it: already saved (a double click or a
     * retry), or no longer held (a newer message replaced it).
     */
    private List<Message> withHeldDraft(Turn turn, String resendHint,
                                        java.util.function.BiFunction<String, String, List<Message>> then) {
        String draftId = turn.actionValue();
        Optional<LogEntry> already = log.bySource(turn.person().id(), "draft:" + draftId);
        if (already.isPresent()) {
            return List.of(saved(new LearningLogStore.Appended(already.get(), false)));
        }
        ConversationState state = conversations.get(turn.person().id()).orElse(null);
        if (state == null || draftId == null || !draftId.equals(state.get(DRAFT_ID))) {
            return List.of(Message.text("I no longer have that text (a newer message replaced it). "
                    + "Send it again starting with *reflect:* and " + resendHint + "."));
        }
        return then.apply(draftId, state.get(DRAFT_TEXT));
    }

    private List<Message> saveHeld(Turn turn, String draftId, String text) {
        LearningLogStore.Appended appended = store(turn, text, "draft:" + draftId);
        clearDraft(turn, draftId);
        return List.of(saved(appended));
    }

    private void keepDraft(Turn turn, String draftId, String text) {
        ConversationState state = conversations.get(turn.person().id())
                .orElse(ConversationState.empty(turn.person().id(), turn.now()));
        conversations.put(state.with(DRAFT_ID, draftId, turn.now()).with(DRAFT_TEXT, text, turn.now()));
    }

    /** Warns that the text may identify a pupil, showing only the redacted version, and offers three ways on. */
    private Message pupilDataWarning(PupilDataGuard.Result result, String draftId) {
        return Message.builder()
                .text("Before I save this: it looks as if it may identify a pupil ("
                        + String.join(", ", result.kinds().stream().map(PupilDataGuard.Kind::description).toList())
                        + "). Reflections are about your practice, so it's safest to leave pupils' details out.")
                .note("With the details taken out: " + preview(result.redacted()))
                .buttons(Button.primary("Redact and save", REDACT_DRAFT, draftId), Button.of("Edit", EDIT_DRAFT, draftId),
                        Button.of("Keep as written", KEEP_DRAFT, draftId))
                .build();
    }

    /** Saves the held draft after a pupil-data warning: redacted, or as written when the writer chose to keep it. */
    private List<Message> confirmDraft(Turn turn, boolean redact) {
        return withHeldDraft(turn, "I'll check it again",
                (draftId, text) -> saveHeld(turn, draftId, redact ? guard.check(text).redacted() : text));
    }

    private List<Message> editDraft(Turn turn) {
        clearDraft(turn, turn.actionValue());
        return List.of(Message.text("OK, nothing saved. Send your reflection again starting with *reflect:*, "
                + "leaving out anything that could identify a pupil."));
    }

    private List<Message> discardDraft(Turn turn) {
        clearDraft(turn, turn.actionValue());
        return List.of(Message.text("OK, not saved. Say *help* to see what else I can do."));
    }

    private void clearDraft(Turn turn, String draftId) {
        conversations.get(turn.person().id()).ifPresent(state -> {
            if (draftId != null && draftId.equals(state.get(DRAFT_ID))) {
                conversations.put(state.with(DRAFT_ID, null, turn.now()).with(DRAFT_TEXT, null, turn.now()));
            }
        });
    }

    LearningLogStore.Appended store(Turn turn, String text, String source) {
        return FlowData.append(people, log, turn, "reflection", text, source, false);
    }

    Message saved(LearningLogStore.Appended appended) {
        LogEntry e = appended.entry();
        String where = e.module() == 0 ? "" : " (module " + e.module() + ", week " + e.week() + ")";
        return Message.builder()
                .text((appended.isNew() ? "Saved to your learning log" : "Already in your learning log") + where
                        + ". It's private to you unless you share it.")
                .buttons(appended.entry().shared() ? List.of(Button.command("See my log", "log"))
                        : List.of(Button.of("Share with my mentor", LearningLogFlow.SHARE, e.id()), Button.command("See my log", "log")))
                .build();
    }

    private static String preview(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= PREVIEW ? oneLine : oneLine.substring(0, PREVIEW - 1) + "…";
    }
}
