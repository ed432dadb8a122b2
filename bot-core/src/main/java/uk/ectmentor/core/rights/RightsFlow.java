package uk.ectmentor.core.rights;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.trust.AccessPolicy;

/**
 * Data rights in chat: {@code my data} exports everything stored about the person (a readable Markdown
 * learning log and the full JSON); {@code delete my data} erases it after a confirmation; an admin can
 * {@code erase <person id>} for someone in their school. Erasures and admin actions go to the audit trail.
 */
public final class RightsFlow {
    public static final String ERASE_SELF = "rights.erase.self";
    public static final String ERASE_OTHER = "rights.erase.other";
    public static final String KEEP = "rights.keep";

    private final PeopleStore people;
    private final PersonalDataStore data;
    private final AuditTrail audit;
    private final Clock clock;
    private final AccessPolicy policy = new AccessPolicy();

    public RightsFlow(PeopleStore people, PersonalDataStore data, AuditTrail audit, Clock clock) {
        this.people = people;
        this.data = data;
        this.audit = audit;
        this.clock = clock;
    }

    public void register(Router router) {
        router.command("my data", this::export, "export my data", "download my data", "what do you know about me")
              .command("delete my data", this::askToErase, "erase my data", "forget me", "delete me")
              .commandWithText("erase person", this::askToEraseOther, "erase data of")
              .action(ERASE_SELF, this::eraseSelf)
              .action(ERASE_OTHER, this::eraseOther)
              .action(KEEP, turn -> List.of(Message.text("OK, nothing was deleted.")))
              .describe("my data", "my data", "everything I hold about you, to read or keep")
              .describe("delete my data", "delete my data", "erase everything I hold about you");
    }

    private List<Message> export(Turn turn) {
        Person me = turn.person();
        Map<String, List<Map<String, Object>>> all = data.export(me.id());
        audit.record(event(me.schoolId(), me.id(), "export", me.id()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("personId", me.id());
        document.put("exportedAt", clock.instant().toString());
        document.put("records", all);
        return List.of(
                Message.builder()
                        .heading("Everything I hold about you")
                        .text(summary(all))
                        .text(Markdown.of(me, all))
                        .build(),
                Message.builder()
                        .text("The same, in full, as JSON:")
                        .note(Json.write(document))
                        .build());
    }

    private static String summary(Map<String, List<Map<String, Object>>> all) {
        List<String> parts = new ArrayList<>();
        all.forEach((collection, docs) -> parts.add(docs.size() + " in " + collection));
        return parts.isEmpty() ? "I hold nothing about you." : "Records: " + String.join(", ", parts) + ".";
    }

    private List<Message> askToErase(Turn turn) {
        return List.of(Message.builder()
                .text("This deletes everything I hold about you: your learning log, actions, conversation state, "
                        + "pairings and your links to chat platforms. It can't be undone. "
                        + "Say *my data* first if you want a copy.")
                .buttons(new Button("Yes, delete everything", ERASE_SELF, turn.person().id(), "danger"),
                        Button.of("No, keep it", KEEP, ""))
                .build());
    }

    private List<Message> eraseSelf(Turn turn) {
        Person me = turn.person();
        if (!me.id().equals(turn.actionValue())) {
            return List.of(Message.text("That button wasn't meant for you, so nothing was deleted."));
        }
        Map<String, Long> counts = data.erase(me.id());
        audit.record(event(me.schoolId(), me.id(), "erase.self", me.id()));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return List.of(Message.text("Done: I deleted " + total + (total == 1 ? " record" : " records")
                + " about you. I no longer know you; if you come back, your induction tutor can add you again."));
    }

    private List<Message> askToEraseOther(Turn turn) {
        Person admin = turn.person();
        String subjectId = turn.args().strip();
        Optional<Person> subject = subjectId.isEmpty() ? Optional.empty() : people.person(subjectId);
        if (subject.isEmpty() || !policy.mayManage(admin, subject.get()) || admin.id().equals(subjectId)) {
            return List.of(Message.text("I can't erase that: only a programme admin can erase someone else's data, "
                    + "and only for a person in their own school. Write *erase person <person id>*."));
        }
        Person s = subject.get();
        return List.of(Message.builder()
                .text("Erase everything held about " + s.name() + " (" + s.role().label() + ", id " + s.id()
                        + ")? It can't be undone, and it will be written to the audit trail.")
                .buttons(new Button("Erase " + s.name() + "'s data", ERASE_OTHER, s.id(), "danger"),
                        Button.of("Cancel", KEEP, ""))
                .build());
    }

    private List<Message> eraseOther(Turn turn) {
        Person admin = turn.person();
        String subjectId = turn.actionValue();
        Optional<Person> subject = subjectId == null ? Optional.empty() : people.person(subjectId);
        if (subject.isEmpty()) {
            return List.of(Message.text("There's nothing left to erase for that person."));
        }
        if (!policy.mayManage(admin, subject.get()) || admin.id().equals(subjectId)) {
            return List.of(Message.text("I can't erase that: only a programme admin of the same school can."));
        }
        Map<String, Long> counts = data.erase(subjectId);
        audit.record(event(admin.schoolId(), admin.id(), "erase", subjectId));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return List.of(Message.text("Erased " + total + (total == 1 ? " record" : " records") + " for "
                + subject.get().name() + ". This is recorded in the audit trail."));
    }

    private AuditTrail.Event event(String schoolId, String actorId, String action, String subject) {
        return new AuditTrail.Event(UUID.randomUUID().toString(), schoolId, actorId, action, subject, clock.instant());
    }
}
