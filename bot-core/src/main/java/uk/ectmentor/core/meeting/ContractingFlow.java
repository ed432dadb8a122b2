package uk.ectmentor.core.meeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Flow;
import uk.ectmentor.core.engine.FlowControl;
import uk.ectmentor.core.engine.Intents;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.LogEntry;

/**
 * Contracting, the start of the first meeting (Module 1 week 1): how the mentor and ECT will work together.
 * One question at a time, any of them skippable; the answers are saved once for the pair, so both see them,
 * and noted in both learning logs.
 *
 * <p>Steps: the question index, {@code 0} to {@code QUESTIONS.size() - 1}.
 */
public final class ContractingFlow implements Flow {
    public static final String NAME = "contract";
    static final String ANSWER = "contract.q.";

    /** The contracting questions, in the project's own words: id and question. */
    static final List<String[]> QUESTIONS = List.of(
            new String[] {"when", "When and where will you meet each week, and when will the ECT do their self-directed study?"},
            new String[] {"separate", "How will you keep these meetings apart from the formal induction assessments, given the "
                    + "framework is there to support rather than to judge?"},
            new String[] {"ways", "How do you each like to work in a meeting? What do you enjoy, and what do you find hard?"},
            new String[] {"difficulties", "If something goes wrong during the year, how will you sort it out between you?"},
            new String[] {"looking forward", "What is each of you most looking forward to about working together?"},
            new String[] {"record", "Will the ECT keep a record of the meetings, and how? (The learning log here is one way.)"});

    private final PeopleStore people;
    private final MeetingStore meetings;
    private final LearningLogStore log;
    private final ConversationStore conversations;

    public ContractingFlow(PeopleStore people, MeetingStore meetings, LearningLogStore log, ConversationStore conversations) {
        this.people = people;
        this.meetings = meetings;
        this.log = log;
        this.conversations = conversations;
    }

    public void register(Router router) {
        router.command("contract", this::start, "contracting", "our agreement", "working agreement", "how we work")
              .command("contract again", this::again, "redo contract", "redo contracting")
              .flow(this)
              .describe("contract", "contract", "the first meeting's contracting questions: how you'll work together");
    }

    @Override
    public String name() {
        return NAME;
    }

    private List<Message> start(Turn turn) {
        Optional<Pairing> pairing = people.pairingOf(turn.person().id());
        if (pairing.isEmpty()) {
            return notPaired();
        }
        Optional<Contract> saved = meetings.contract(pairing.get().id());
        if (saved.isPresent()) {
            return List.of(show(saved.get()));
        }
        return begin(turn);
    }

    private List<Message> again(Turn turn) {
        return people.pairingOf(turn.person().id()).isEmpty() ? notPaired() : begin(turn);
    }

    private List<Message> begin(Turn turn) {
        ConversationState current = conversations.get(turn.person().id())
                .orElse(ConversationState.empty(turn.person().id(), turn.now()));
        Map<String, String> values = new LinkedHashMap<>();
        current.data().keySet().stream().filter(k -> k.startsWith(ANSWER)).forEach(k -> values.put(k, null));
        ConversationEngine.start(conversations, current, NAME, "0", values, turn.now());
        List<Message> out = new ArrayList<>();
        out.add(Message.builder()
                .heading("Contracting: how you'll work together")
                .text("Talk these through together and type what you agree. There are " + QUESTIONS.size()
                        + " questions; say *skip* to pass one.")
                .build());
        out.add(question(0));
        return out;
    }

    @Override
    public List<Message> onInput(Turn turn, ConversationState state, FlowControl control) {
        int i = step(state);
        String said = turn.text().strip();
        boolean skip = Intents.normalise(said).equals("skip");
        String key = ANSWER + i;
        if (i + 1 < QUESTIONS.size()) {
            control.next(String.valueOf(i + 1), skip ? Map.of() : Map.of(key, said));
            return List.of(question(i + 1));
        }
        Optional<Pairing> pairing = people.pairingOf(turn.person().id());
        control.finish();
        if (pairing.isEmpty()) {
            return notPaired();
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (int q = 0; q < QUESTIONS.size(); q++) {
            String a = q == i ? (skip ? null : said) : state.get(ANSWER + q);
            if (a != null) {
                answers.put(QUESTIONS.get(q)[0], a);
            }
        }
        Pairing p = pairing.get();
        Contract contract = new Contract(p.id(), p.schoolId(), answers, turn.person().id(), turn.now());
        meetings.saveContract(contract);
        String text = "Contracting: how we'll work together\n" + String.join("\n", answers.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList());
        String source = "contract:" + p.id() + ":" + turn.now().toEpochMilli();
        for (String personId : List.of(p.mentorId(), p.ectId())) {
            log.append(new LogEntry(UUID.randomUUID().toString(), personId, p.schoolId(), "meeting", p.module(), p.week(),
                    text, turn.now(), true, source));
        }
        String other = people.person(turn.person().id().equals(p.mentorId()) ? p.ectId() : p.mentorId())
                .map(Person::name).orElse("your partner");
        return List.of(Message.builder()
                .text("Saved for you both: " + answers.size() + " of " + QUESTIONS.size() + " questions answered. "
                        + other + " can see them with *contract*, and they're in both your learning logs.")
                .build(), show(contract));
    }

    private Message show(Contract c) {
        List<String> lines = new ArrayList<>();
        for (String[] q : QUESTIONS) {
            String a = c.answers().get(q[0]);
            lines.add("*" + q[1] + "*\n" + (a == null ? "_(skipped)_" : a));
        }
        return Message.builder()
                .heading("How we'll work together")
                .bullets(lines)
                .buttons(Button.command("Go through it again", "contract again"))
                .build();
    }

    private Message question(int i) {
        return Message.builder()
                .progress(i + 1, QUESTIONS.size(), "Question")
                .text(QUESTIONS.get(i)[1])
                .buttons(Button.command("Skip", "skip"))
                .build();
    }

    @Override
    public List<Message> help(ConversationState state) {
        return List.of(Message.text("Contracting sets out what you each expect of the programme and of each other, so "
                + "problems can be headed off early. Type what you've agreed for this question, or *skip* it."));
    }

    @Override
    public List<Message> prompt(ConversationState state) {
        return List.of(question(step(state)));
    }

    private static int step(ConversationState state) {
        try {
            return Math.max(0, Math.min(QUESTIONS.size() - 1, Integer.parseInt(state.step())));
        } catch (RuntimeException e) {
            return 0;
        }
    }


    private static List<Message> notPaired() {
        return List.of(Message.text("Contracting is for a mentor and ECT pair, and you're not paired yet. "
                + "A mentor can pair with an ECT with *invite*."));
    }
}
