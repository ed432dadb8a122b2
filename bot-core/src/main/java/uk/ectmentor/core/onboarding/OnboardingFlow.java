package uk.ectmentor.core.onboarding;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import uk.ectmentor.core.chat.Actions;
import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Intents;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;

/**
 * First contact and pairing. Someone the bot does not know is asked their role, then for an invite code (which
 * carries the school, and may pair them), then about themselves (name, phase, subject, year of induction) and,
 * for mentors and ECTs, their weekly meeting day and time. Then the person is created and their identity
 * linked. Without a code one can try the demo school, or, as an induction tutor, start a new school.
 *
 * <p>A stranger has no person yet, so their progress is kept under {@code ref:<platform identity>}. Steps:
 * {@code role} → {@code code} → ({@code school}) → {@code profile} → {@code meeting}.
 *
 * <p>Once known: {@code invite} makes a code (a school code from an induction tutor, a pairing code from a
 * mentor or ECT), {@code join <code>} uses one, {@code pair} lets an induction tutor pair a mentor with an ECT,
 * and {@code start point} sets where in the programme the pair starts.
 */
public final class OnboardingFlow {
    public static final String PROFILE = "onboard.profile";
    public static final String MEETING = "onboard.meeting";
    public static final String START = "pair.start";
    public static final String PICK_MENTOR = "pair.mentor";
    public static final String PICK_ECT = "pair.ect";
    /** The self-serve school strangers can try the bot in. */
    public static final String DEMO_SCHOOL = "demo-school";
    static final String FLOW = "onboarding";
    /** Codes that don't exist, per person (or stranger's identity) and clock hour, before codes are refused for the hour. */
    static final int MAX_FAILED_CODES = 5;
    static final String TOO_MANY_CODES = "That's too many codes that didn't work, so I'll take another one in the next "
            + "hour. Check the code with whoever gave it to you.";
    static final String EXPIRED_CODE = "That code has expired: codes work for " + Invite.LIFETIME.toDays() + " days. "
            + "Ask whoever gave it to you for a new one (they say *invite*).";
    private static final String CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final List<String> PHASES = List.of("EYFS", "Primary", "Secondary", "SEND", "Alternative provision");

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final PeopleStore people;
    private final InviteStore invites;
    private final ConversationStore conversations;
    private final Duration idleTimeout;

    public OnboardingFlow(PeopleStore people, InviteStore invites, ConversationStore conversations, Duration idleTimeout) {
        this.people = people;
        this.invites = invites;
        this.conversations = conversations;
        this.idleTimeout = idleTimeout;
    }

    public void register(Router router) {
        router.command("invite", this::invite, "invite code", "new invite", "get invite", "invite my ect", "invite my mentor")
              .commandWithText("join", this::join, "use code", "pair code", "join code")
              .command("pair", this::pair, "pair people", "make a pair", "pair mentor", "pairing")
              .command("start point", this::startPoint, "programme start", "where we start", "change start", "set start")
              .action(START, this::saveStart)
              .action(PICK_MENTOR, this::pickMentor)
              .action(PICK_ECT, this::pickEct)
              .describe("invite", "invite", "a code to pair with your ECT or mentor (induction tutors: a code for your school)")
              .describe("join", "join <code>", "use an invite code")
              .describe("pair", "pair", "induction tutors: pair a mentor with an ECT");
    }

    // ---- strangers ------------------------------------------------------------------------------------------

    /** Everything a person the bot does not know yet sends comes here. */
    public List<Message> stranger(Turn turn) {
        Inbound in = turn.inbound();
        String key = "ref:" + in.from().key();
        ConversationState state = conversations.get(key).orElse(null);
        List<Message> preface = new ArrayList<>();
        if (state != null && state.inFlow() && state.updatedAt().plus(idleTimeout).isBefore(turn.now())) {
            preface.add(Message.of(new Block.Note("We'd started setting you up a while ago; let's begin again.")));
            state = null;
        }
        String text = turn.args() == null ? "" : turn.args().strip();
        String word = Intents.normalise(text);
        boolean formOrChoice = in.isAction() && !Actions.SAY.equals(in.actionId());
        if (!formOrChoice && (word.equals("cancel") || word.equals("stop") || word.equals("quit"))) {
            conversations.put(ConversationState.empty(key, turn.now()));
            return List.of(Message.text("OK, I've stopped setting you up; nothing was saved. Say hello whenever you're ready."));
        }
        if (state == null || !state.inFlow()) {
            conversations.put(new ConversationState(key, FLOW, "role", Map.of(), turn.now()));
            return concat(preface, List.of(welcome()));
        }
        if (!formOrChoice && (word.equals("help") || word.equals("?"))) {
            return List.of(Message.text(stepHelp(state.step())), Message.of(new Block.Note("Say cancel to stop setting up.")));
        }
        if (!formOrChoice && ConversationEngineWords.RESUME.contains(word)) {
            return List.of(ask(state));
        }
        String step = state.step();
        switch (step) {
            case "role": {
                Optional<Role> role = role(word);
                if (role.isEmpty()) {
                    return List.of(Message.text("I didn't catch your role."), welcome());
                }
                ConversationState next = move(state, "code", Map.of("ob.role", role.get().name()), turn);
                return List.of(ask(next));
            }
            case "code": {
                Role role = Role.valueOf(state.get("ob.role"));
                if (word.equals("demo") || word.contains("demo school")) {
                    return List.of(ask(move(state, "profile", Map.of("ob.school", DEMO_SCHOOL), turn)));
                }
                if (word.equals("new school") && role == Role.INDUCTION_TUTOR) {
                    return List.of(ask(move(state, "school", Map.of(), turn)));
                }
                String code = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
                if (invites.failedAttempts(key, turn.now()) >= MAX_FAILED_CODES) {
                    return List.of(Message.text(TOO_MANY_CODES), ask(state));
                }
                Optional<Invite> invite = code.isEmpty() ? Optional.empty() : invites.find(code);
                if (invite.isEmpty()) {
                    invites.failedAttempt(key, turn.now());
                }
                if (invite.isPresent() && invite.get().expiredAt(turn.now())) {
                    return List.of(Message.text(EXPIRED_CODE), ask(state));
                }
                if (invite.isEmpty() || (invite.get().pairs() && invite.get().usedBy() != null)) {
                    return List.of(Message.text(invite.isEmpty() ? "I can't find the code \"" + text + "\". Check it with "
                            + "whoever gave it to you, and type it again." : "That code has already been used."), ask(state));
                }
                Optional<Person> inviter = people.person(invite.get().inviterId());
                if (invite.get().pairs() && inviter.isPresent() && !complementary(inviter.get().role(), role)) {
                    return List.of(Message.text("That code is for pairing a mentor with an ECT, and "
                            + inviter.get().name() + " is a " + inviter.get().role().label() + " too. Ask your induction "
                            + "tutor for your school's code instead."), ask(state));
                }
                String school = people.school(invite.get().schoolId()).map(School::name).orElse("your school");
                List<Message> out = new ArrayList<>();
                out.add(Message.text("That's the code for " + school
                        + (invite.get().pairs() && inviter.isPresent() ? ", from " + inviter.get().name() + "." : ".")));
                out.add(ask(move(state, "profile", Map.of("ob.school", invite.get().schoolId(), "ob.code", code), turn)));
                return out;
            }
            case "school": {
                if (text.length() < 3 || formOrChoice) {
                    return List.of(Message.text("What is the school called?"));
                }
                String id = "sch-" + UUID.randomUUID().toString().substring(0, 8);
                people.saveSchool(new School(id, text, ZoneId.of("Europe/London")));
                return List.of(Message.text("I've set up " + text + "."),
                        ask(move(state, "profile", Map.of("ob.school", id), turn)));
            }
            case "profile":
                return profile(turn, state);
            case "meeting":
                return meeting(turn, state);
            default:
                conversations.put(ConversationState.empty(key, turn.now()));
                return List.of(welcome());
        }
    }

    private List<Message> profile(Turn turn, ConversationState state) {
        Inbound in = turn.inbound();
        if (!PROFILE.equals(in.actionId())) {
            return List.of(Message.text("Please fill in the form: it's the quickest way."), ask(state));
        }
        Role role = Role.valueOf(state.get("ob.role"));
        Map<String, String> f = in.form();
        String name = f.getOrDefault("name", "").strip();
        String phase = PHASES.stream().filter(p -> p.equalsIgnoreCase(f.getOrDefault("phase", "").strip())).findFirst().orElse(null);
        String subject = f.getOrDefault("subject", "").strip();
        String year = f.getOrDefault("year", "").strip();
        List<String> problems = new ArrayList<>();
        if (name.isEmpty() || name.length() > 80) {
            problems.add("your name (up to 80 characters)");
        }
        if (phase == null && role != Role.INDUCTION_TUTOR) {
            problems.add("a phase: one of " + String.join(", ", PHASES));
        }
        if (role == Role.ECT && !year.equals("1") && !year.equals("2")) {
            problems.add("your year of induction: 1 or 2");
        }
        if (!problems.isEmpty()) {
            return List.of(Message.builder().text("Nearly: I still need " + String.join("; ", problems) + ".")
                    .note("Nothing else was lost.").build(), ask(state));
        }
        Map<String, String> values = new HashMap<>();
        values.put("ob.name", name);
        values.put("ob.phase", phase == null ? "" : phase);
        values.put("ob.subject", subject);
        values.put("ob.year", role == Role.ECT ? year : "0");
        if (role == Role.INDUCTION_TUTOR) {
            return finish(turn, new ConversationState(state.personId(), FLOW, "done", merge(state, values), turn.now()));
        }
        return List.of(ask(move(state, "meeting", values, turn)));
    }

    private List<Message> meeting(Turn turn, ConversationState state) {
        Inbound in = turn.inbound();
        if (!MEETING.equals(in.actionId())) {
            return List.of(Message.text("Please pick the day and time in the form."), ask(state));
        }
        Optional<DayOfWeek> day = day(in.form().getOrDefault("day", ""));
        Optional<LocalTime> time = time(in.form().getOrDefault("time", ""));
        if (day.isEmpty() || time.isEmpty()) {
            return List.of(Message.text("I need a weekday (Monday to Friday) and a time like 15:30."), ask(state));
        }
        return finish(turn, new ConversationState(state.personId(), FLOW, "done",
                merge(state, Map.of("ob.day", day.get().name(), "ob.time", time.get().toString())), turn.now()));
    }

    private List<Message> finish(Turn turn, ConversationState state) {
        UserRef ref = turn.inbound().from();
        Role role = Role.valueOf(state.get("ob.role"));
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        if (DEMO_SCHOOL.equals(state.get("ob.school")) && people.school(DEMO_SCHOOL).isEmpty()) {
            people.saveSchool(new School(DEMO_SCHOOL, "Demo Academy", ZoneId.of("Europe/London")));
        }
        String phase = state.get("ob.phase");
        Person person = new Person(id, state.get("ob.school"), state.get("ob.name"), role,
                phase == null || phase.isEmpty() ? null : phase, blankToNull(state.get("ob.subject")),
                Integer.parseInt(state.data().getOrDefault("ob.year", "0")));
        people.savePerson(person);
        people.linkIdentity(ref, id);
        conversations.put(ConversationState.empty(state.personId(), turn.now()));
        String school = people.school(person.schoolId()).map(School::name).orElse("your school");
        List<Message> out = new ArrayList<>();
        out.add(Message.builder()
                .heading("Welcome, " + person.name() + "!")
                .text("You're set up as " + article(role) + " " + role.label() + " at " + school + ".")
                .build());
        DayOfWeek day = state.get("ob.day") == null ? null : DayOfWeek.valueOf(state.get("ob.day"));
        LocalTime time = state.get("ob.time") == null ? null : LocalTime.parse(state.get("ob.time"));
        String code = state.get("ob.code");
        Optional<Invite> invite = code == null ? Optional.empty()
                : invites.find(code).filter(i -> !i.expiredAt(turn.now())).flatMap(i -> invites.claim(code, id));
        if (invite.isPresent() && invite.get().pairs()) {
            Optional<Person> inviter = people.person(invite.get().inviterId());
            if (inviter.isPresent() && people.pairingsOf(inviter.get().id()).isEmpty()) {
                Pairing pairing = makePairing(inviter.get(), person, day, time);
                out.add(Message.text("You're paired with " + inviter.get().name() + "."));
                out.add(startForm(pairing));
                return out;
            }
        }
        out.add(nextSteps(person));
        return out;
    }

    private Message nextSteps(Person person) {
        if (person.is(Role.INDUCTION_TUTOR)) {
            return Message.builder()
                    .text("Next: say *invite* for your school's code to give mentors and ECTs, then *pair* to pair them.")
                    .buttons(Button.command("Get the school code", "invite"))
                    .build();
        }
        return Message.builder()
                .text("Next: pair with your " + (person.is(Role.ECT) ? "mentor" : "ECT") + ". Say *invite* for a code to give "
                        + "them, or *join <code>* if they gave you one. Your induction tutor can also pair you.")
                .buttons(Button.command("Get a pairing code", "invite"), Button.command("What can I do?", "help"))
                .build();
    }

    private Message welcome() {
        return Message.builder()
                .text("Hello! I'm the ECT mentor bot: I help mentors and early career teachers through the weekly "
                        + "programme. I don't know you yet, so let's set you up; it takes a minute.")
                .block(new Block.Choice("What is your role?", Actions.SAY, List.of(
                        new Block.Option("ECT", "ECT"), new Block.Option("Mentor", "mentor"),
                        new Block.Option("Induction tutor", "induction tutor"))))
                .build();
    }

    private Message ask(ConversationState state) {
        String step = state.step();
        Role role = state.get("ob.role") == null ? null : Role.valueOf(state.get("ob.role"));
        switch (step) {
            case "code": {
                List<Button> buttons = new ArrayList<>();
                buttons.add(Button.command("No code: try the demo school", "demo"));
                if (role == Role.INDUCTION_TUTOR) {
                    buttons.add(Button.command("Start a new school", "new school"));
                }
                return Message.builder()
                        .text("Do you have an invite code? Type it here. Your induction tutor has your school's code; a "
                                + (role == Role.ECT ? "mentor" : "mentor or ECT") + " can give you a code that pairs you too.")
                        .buttons(buttons)
                        .build();
            }
            case "school":
                return Message.text("What is the school called?");
            case "profile": {
                List<Block.Field> fields = new ArrayList<>();
                fields.add(Block.Field.text("name", "Your name", true));
                fields.add(Block.Field.choice("phase", "Phase", role != Role.INDUCTION_TUTOR,
                        PHASES.stream().map(p -> new Block.Option(p, p)).toList()));
                fields.add(Block.Field.text("subject", "Subject (if you teach one)", false));
                if (role == Role.ECT) {
                    fields.add(Block.Field.choice("year", "Year of induction", true,
                            List.of(new Block.Option("Year 1", "1"), new Block.Option("Year 2", "2"))));
                }
                return Message.builder().text("A little about you:")
                        .block(new Block.Form("About you", fields, Button.primary("Save", PROFILE, "profile"))).build();
            }
            case "meeting":
                return Message.builder().text("When do you meet each week? (You can change it later.)")
                        .block(new Block.Form("Weekly meeting", List.of(
                                Block.Field.choice("day", "Day", true, List.of(new Block.Option("Monday", "MONDAY"),
                                        new Block.Option("Tuesday", "TUESDAY"), new Block.Option("Wednesday", "WEDNESDAY"),
                                        new Block.Option("Thursday", "THURSDAY"), new Block.Option("Friday", "FRIDAY"))),
                                Block.Field.text("time", "Time (e.g. 15:30)", true)),
                                Button.primary("Save", MEETING, "meeting"))).build();
            default:
                return welcome();
        }
    }

    private static String stepHelp(String step) {
        switch (step == null ? "" : step) {
            case "code":
                return "An invite code links you to your school (and, from a mentor or ECT, pairs you with them). "
                        + "If you don't have one, try the demo school; you can join your real school later.";
            case "school":
                return "Type your school's name; you'll get a code to share with your mentors and ECTs.";
            case "profile":
                return "Your name is how I'll greet you; phase and subject help pick examples; ECTs say which induction year they're in.";
            case "meeting":
                return "Your weekly mentor meeting day and time: I'll use it for reminders and follow-up dates.";
            default:
                return "Choose whether you're an ECT, a mentor or an induction tutor.";
        }
    }

    // ---- known people ---------------------------------------------------------------------------------------

    private List<Message> invite(Turn turn) {
        Person p = turn.person();
        boolean pairs = p.is(Role.ECT) || p.is(Role.MENTOR);
        if (pairs && !people.pairingsOf(p.id()).isEmpty()) {
            return List.of(Message.text("You're already paired, so you don't need a pairing code."));
        }
        String code = code(p.id(), turn);
        invites.save(new Invite(code, p.schoolId(), p.id(), pairs, turn.now(), null));
        String who = p.is(Role.ECT) ? "your mentor" : p.is(Role.MENTOR) ? "your ECT" : "mentors and ECTs at your school";
        return List.of(Message.builder()
                .heading("Invite code: " + code)
                .text("Give this code to " + who + ". They say hello to me and type it when I ask"
                        + (pairs ? " (or *join " + code + "* if they're already set up); it pairs you, and works once." : "."))
                .build());
    }

    private List<Message> join(Turn turn) {
        Person p = turn.person();
        String code = turn.args().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (code.isEmpty()) {
            return List.of(Message.text("Type the code after the word, like *join K7P2QX*."));
        }
        if (!people.pairingsOf(p.id()).isEmpty()) {
            return List.of(Message.text("You're already paired."));
        }
        if (invites.failedAttempts(p.id(), turn.now()) >= MAX_FAILED_CODES) {
            return List.of(Message.text(TOO_MANY_CODES));
        }
        Optional<Invite> found = invites.find(code);
        Optional<Person> inviter = found.flatMap(i -> people.person(i.inviterId()));
        if (found.isEmpty() || !found.get().pairs() || inviter.isEmpty()) {
            invites.failedAttempt(p.id(), turn.now());
            return List.of(Message.text("I can't find a pairing code \"" + turn.args().strip() + "\". Check it and try again."));
        }
        if (found.get().expiredAt(turn.now())) {
            return List.of(Message.text(EXPIRED_CODE));
        }
        if (!complementary(inviter.get().role(), p.role()) || !inviter.get().schoolId().equals(p.schoolId())
                && !OnboardingFlow.DEMO_SCHOOL.equals(p.schoolId())) {
            return List.of(Message.text("That code can't pair you: a pairing is one mentor and one ECT at the same school."));
        }
        if (!people.pairingsOf(inviter.get().id()).isEmpty() || invites.claim(code, p.id()).isEmpty()) {
            return List.of(Message.text("That code has already been used."));
        }
        if (!inviter.get().schoolId().equals(p.schoolId())) {
            people.savePerson(new Person(p.id(), inviter.get().schoolId(), p.name(), p.role(), p.phase(), p.subject(), p.inductionYear()));
        }
        Pairing pairing = makePairing(inviter.get(), p, null, null);
        return List.of(Message.text("You're paired with " + inviter.get().name() + "."), startForm(pairing));
    }

    private List<Message> pair(Turn turn) {
        Person tutor = turn.person();
        if (!tutor.is(Role.INDUCTION_TUTOR) && !tutor.is(Role.ADMIN)) {
            return List.of(Message.text("Induction tutors pair mentors with ECTs. You can pair yourself with a code: say *invite*."));
        }
        List<Person> mentors = unpaired(tutor.schoolId(), Role.MENTOR);
        if (mentors.isEmpty() || unpaired(tutor.schoolId(), Role.ECT).isEmpty()) {
            return List.of(Message.text("To pair, I need an unpaired mentor and an unpaired ECT at your school. Say *invite* "
                    + "for the school code to give them."));
        }
        return List.of(Message.builder()
                .block(new Block.Choice("Which mentor?", PICK_MENTOR,
                        mentors.stream().map(m -> new Block.Option(m.name(), m.id())).toList()))
                .build());
    }

    private List<Message> pickMentor(Turn turn) {
        Optional<Person> mentor = people.person(turn.actionValue() == null ? "" : turn.actionValue())
                .filter(m -> m.is(Role.MENTOR) && m.schoolId().equals(turn.person().schoolId()));
        if (mentor.isEmpty() || !turn.person().is(Role.INDUCTION_TUTOR)) {
            return List.of(Message.text("I can't pair that mentor. Say *pair* to start again."));
        }
        return List.of(Message.builder()
                .block(new Block.Choice("Which ECT will " + mentor.get().name() + " mentor?", PICK_ECT,
                        unpaired(turn.person().schoolId(), Role.ECT).stream()
                                .map(e -> new Block.Option(e.name(), mentor.get().id() + "|" + e.id())).toList()))
                .build());
    }

    private List<Message> pickEct(Turn turn) {
        String[] ids = (turn.actionValue() == null ? "" : turn.actionValue()).split("\\|");
        Optional<Person> mentor = ids.length == 2 ? people.person(ids[0]) : Optional.empty();
        Optional<Person> ect = ids.length == 2 ? people.person(ids[1]) : Optional.empty();
        String school = turn.person().schoolId();
        if (!turn.person().is(Role.INDUCTION_TUTOR) || mentor.isEmpty() || ect.isEmpty()
                || !mentor.get().schoolId().equals(school) || !ect.get().schoolId().equals(school)) {
            return List.of(Message.text("I can't make that pairing. Say *pair* to start again."));
        }
        if (!people.pairingsOf(mentor.get().id()).isEmpty() || !people.pairingsOf(ect.get().id()).isEmpty()) {
            return List.of(Message.text("One of them is already paired, so nothing changed."));
        }
        Pairing pairing = makePairing(mentor.get(), ect.get(), null, null);
        return List.of(Message.text("Paired: " + mentor.get().name() + " mentors " + ect.get().name() + "."), startForm(pairing));
    }

    private List<Message> startPoint(Turn turn) {
        List<Pairing> pairings = people.pairingsOf(turn.person().id());
        if (pairings.isEmpty()) {
            return List.of(Message.text("You're not paired yet, so there's no programme start to set."));
        }
        return List.of(startForm(pairings.get(0)));
    }

    private Message startForm(Pairing pairing) {
        List<Block.Option> modules = new ArrayList<>();
        for (int m = 1; m <= 6; m++) {
            modules.add(new Block.Option("Module " + m, String.valueOf(m)));
        }
        return Message.builder()
                .text("Where in the programme do you start? Agree it together: a new pair usually starts at module 1, week 1.")
                .block(new Block.Form("Programme start", List.of(
                        new Block.Field("module", "Module", true, false, modules, String.valueOf(pairing.module())),
                        new Block.Field("week", "Week", true, false, List.of(), String.valueOf(pairing.week()))),
                        Button.primary("Start here", START, pairing.id())))
                .build();
    }

    private List<Message> saveStart(Turn turn) {
        Optional<Pairing> pairing = people.pairing(turn.actionValue() == null ? "" : turn.actionValue());
        Person p = turn.person();
        if (pairing.isEmpty() || !(pairing.get().involves(p.id()) || (p.is(Role.INDUCTION_TUTOR)
                && pairing.get().schoolId().equals(p.schoolId())))) {
            return List.of(Message.text("That form belongs to a pairing I can't find. Say *start point* to try again."));
        }
        int module = parse(turn.inbound().form().get("module"));
        int week = parse(turn.inbound().form().get("week"));
        if (module < 1 || module > 6 || week < 1 || week > 12) {
            return List.of(Message.text("I need a module from 1 to 6 and a week from 1 to 12."), startForm(pairing.get()));
        }
        people.savePairing(pairing.get().atWeek(module, week));
        Message.Builder m = Message.builder().text("Agreed: you start at module " + module + ", week " + week + ".");
        if (module == 1 && week == 1) {
            m.text("The first meeting begins with contracting: how you'll work together. Say *contract* to go through it.")
             .buttons(Button.command("Contracting questions", "contract"));
        } else {
            m.buttons(Button.command("What can I do?", "help"));
        }
        return List.of(m.build());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Pairing makePairing(Person a, Person b, DayOfWeek day, LocalTime time) {
        Person mentor = a.is(Role.MENTOR) ? a : b;
        Person ect = a.is(Role.MENTOR) ? b : a;
        Pairing pairing = new Pairing("pair-" + UUID.randomUUID().toString().substring(0, 8), mentor.schoolId(),
                mentor.id(), ect.id(), 1, 1, day, time);
        people.savePairing(pairing);
        return pairing;
    }

    private List<Person> unpaired(String schoolId, Role role) {
        return people.peopleIn(schoolId).stream().filter(x -> x.is(role) && people.pairingsOf(x.id()).isEmpty()).toList();
    }

    private static boolean complementary(Role a, Role b) {
        return (a == Role.MENTOR && b == Role.ECT) || (a == Role.ECT && b == Role.MENTOR);
    }

    /**
     * A random six-character code of unambiguous letters and digits (about 30 bits: codes are single-use, last
     * {@link Invite#LIFETIME}, and each person or identity gets {@link #MAX_FAILED_CODES} unknown codes an hour, so
     * guessing one of a school's live codes takes years); a clash with an existing code draws again.
     */
    private String code(String inviterId, Turn turn) {
        while (true) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                code.append(CODE_LETTERS.charAt(RANDOM.nextInt(CODE_LETTERS.length())));
            }
            if (invites.find(code.toString()).isEmpty()) {
                return code.toString();
            }
        }
    }


    private static Optional<Role> role(String text) {
        List<String> words = List.of(text.split(" "));
        if (words.stream().anyMatch(w -> w.startsWith("tutor") || w.equals("induction") || Intents.typoDistance(w, "tutor") <= 1)) {
            return Optional.of(Role.INDUCTION_TUTOR);
        }
        if (words.stream().anyMatch(w -> w.startsWith("mentor") || (w.length() >= 5 && Intents.typoDistance(w, "mentor") <= 1))) {
            return Optional.of(Role.MENTOR);
        }
        if (words.stream().anyMatch(w -> w.equals("ect") || w.equals("ects") || w.equals("etc") || w.equals("teacher"))
                || text.contains("early career")) {
            return Optional.of(Role.ECT);
        }
        return Optional.empty();
    }

    private static Optional<DayOfWeek> day(String s) {
        String w = s.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (w.length() >= 3 && d.name().startsWith(w.substring(0, 3)) && d.getValue() <= 5) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalTime> time(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT).replace('.', ':');
        try {
            if (t.matches("\\d{1,2}:\\d{2}")) {
                return Optional.of(LocalTime.parse(t.length() == 4 ? "0" + t : t));
            }
            if (t.matches("\\d{1,2}(:\\d{2})?\\s*(am|pm)")) {
                boolean pm = t.endsWith("pm");
                String[] hm = t.replaceAll("\\s*(am|pm)", "").split(":");
                int h = Integer.parseInt(hm[0]) % 12 + (pm ? 12 : 0);
                return Optional.of(LocalTime.of(h, hm.length > 1 ? Integer.parseInt(hm[1]) : 0));
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private ConversationState move(ConversationState state, String step, Map<String, String> values, Turn turn) {
        ConversationState next = new ConversationState(state.personId(), FLOW, step, merge(state, values), turn.now());
        conversations.put(next);
        return next;
    }

    private static Map<String, String> merge(ConversationState state, Map<String, String> values) {
        Map<String, String> data = new HashMap<>(state.data());
        data.putAll(values);
        return data;
    }

    private static String article(Role role) {
        return role == Role.ECT || role == Role.INDUCTION_TUTOR ? "an" : "a";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s == null ? "" : s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<Message> concat(List<Message> a, List<Message> b) {
        List<Message> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The words that pick up an unfinished flow, shared with the engine. */
    private static final class ConversationEngineWords {
        static final java.util.Set<String> RESUME = uk.ectmentor.core.engine.ConversationEngine.RESUME_WORDS;
    }
}
