package uk.ectmentor.core.audit;

import uk.ectmentor.core.trust.AccessPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.ModuleAudit;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.engine.ConversationStore;
import uk.ectmentor.core.engine.Flow;
import uk.ectmentor.core.engine.FlowControl;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.reflect.FlowData;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.Words;

/**
 * The module self-assessment audit. The ECT rates each criterion of their module's audit (from the content
 * pack: the session of that module that carries one) on its scale, Emerging / Developing / Secure, with
 * optional evidence after the word ("developing: I use exit tickets"). The first time in a module is the
 * starting point; the next time is the end of the module, and the bot shows the change per criterion.
 * The mentor sees both with {@code audit sam}.
 *
 * <p>State: step {@code c<i>} = criterion i; data {@code audit.module}, {@code audit.round},
 * {@code audit.r<i>} and {@code audit.e<i>} (rating and evidence), {@code audit.run} (source key of the
 * log entry).
 */
public final class AuditFlow implements Flow {
    public static final String NAME = "module.audit";
    static final String PREFIX = "audit.";
    static final String MODULE = "audit.module";
    static final String ROUND = "audit.round";
    static final String RUN = "audit.run";
    static final String LAST = "audit.lastDelivery";
    private static final List<ModuleAudit.Level> DEFAULT_SCALE = List.of(
            new ModuleAudit.Level("Emerging", "not yet confident; clear gaps to work on"),
            new ModuleAudit.Level("Developing", "some knowledge or practice, some of the time; ready to build on"),
            new ModuleAudit.Level("Secure", "confident, and done consistently well"));

    private final PeopleStore people;
    private final ContentPack content;
    private final AuditStore audits;
    private final LearningLogStore log;
    private final ConversationStore conversations;

    public AuditFlow(PeopleStore people, ContentPack content, AuditStore audits, LearningLogStore log,
                     ConversationStore conversations) {
        this.people = people;
        this.content = content;
        this.audits = audits;
        this.log = log;
        this.conversations = conversations;
    }

    public void register(Router router) {
        router.commandWithText("audit", this::audit, "self audit", "module audit", "self assessment", "my audit")
              .flow(this)
              .describe("audit", "audit (mentors: audit sam)", "rate yourself on this module's audit, at its start and end, and see your progress");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The audit of a module: the one carried by the earliest session of that module that has one. */
    Optional<ModuleAudit> auditOf(int module) {
        return content.sessions().stream()
                .filter(s -> s.module() == module && s.audit() != null)
                .min(Comparator.comparingInt(Session::week).thenComparing(s -> s.kind().name()))
                .map(Session::audit);
    }

    private List<Message> audit(Turn turn) {
        Person me = turn.person();
        if (me.is(Role.MENTOR)) {
            return mentorView(me, turn.args());
        }
        Optional<Pairing> pairing = FlowData.pairing(people, me);
        if (pairing.isEmpty() || !pairing.get().ectId().equals(me.id())) {
            return List.of(Message.text("The module audit is for ECTs, and you're not paired with a mentor yet, so I don't know "
                    + "which module you're on. Your induction tutor can set up your pairing."));
        }
        int module = pairing.get().module();
        Optional<ModuleAudit> audit = auditOf(module);
        if (audit.isEmpty()) {
            return List.of(Message.text("Sorry, Module " + module + " has no self-assessment audit in my content yet, so there's "
                    + "nothing to rate this time. Your programme lead can add one to the content pack."));
        }
        Optional<AuditRecord> start = audits.find(me.id(), module, AuditRecord.Round.START);
        Optional<AuditRecord> end = audits.find(me.id(), module, AuditRecord.Round.END);
        String args = Words.plain(turn.args());
        boolean again = List.of("again", "redo", "rate again", "end", "end of module", "end of the module").contains(args);
        boolean redoStart = List.of("start", "redo start", "redo my starting point", "starting point").contains(args);
        ConversationState current = conversations.get(me.id()).orElse(ConversationState.empty(me.id(), turn.now()));
        int rated = 0;
        while (rated < audit.get().criteria().size() && current.get(PREFIX + "r" + rated) != null) {
            rated++;
        }
        boolean unfinished = rated > 0 && rated < audit.get().criteria().size()
                && String.valueOf(module).equals(current.get(MODULE)) && current.get(ROUND) != null;
        if (unfinished && List.of("carry on", "continue", "resume", "go on").contains(args)) {
            AuditRecord.Round round = AuditRecord.Round.valueOf(current.get(ROUND));
            ConversationEngine.start(conversations, current, NAME, "c" + rated,
                    Map.of(LAST, turn.deliveryId() == null ? "" : turn.deliveryId()), turn.now());
            return List.of(Message.text("Carrying on where you stopped."), ask(audit.get(), rated, module, round, start));
        }
        if (unfinished && !again && !redoStart && !List.of("start again", "new", "afresh").contains(args)) {
            return List.of(Message.builder()
                    .text("You have a Module " + module + " audit (" + AuditRecord.Round.valueOf(current.get(ROUND)).label()
                            + ") you didn't finish: " + rated + " of " + audit.get().criteria().size()
                            + " criteria rated. Carry on, or start again?")
                    .buttons(Button.primary("Carry on", uk.ectmentor.core.chat.Actions.SAY, "audit carry on"),
                            Button.command("Start again", "audit start again"))
                    .build());
        }
        if (start.isPresent() && end.isPresent() && !again && !redoStart) {
            List<Message> out = new ArrayList<>(results(me, module, start.get(), end.get(), "Your"));
            out.add(Message.builder().text("You've rated both the start and the end of Module " + module + ".")
                    .buttons(Button.command("Rate the end again", "audit again")).build());
            return out;
        }
        if (start.isPresent() && end.isEmpty() && !again && !redoStart && start.get().week() == pairing.get().week()) {
            return List.of(Message.builder()
                    .text("You rated your starting point for Module " + module + " this week. Do you want to redo it, "
                            + "or is this your end-of-module rating?")
                    .buttons(Button.command("Redo my starting point", "audit redo start"),
                            Button.command("Rate the end of the module", "audit end"))
                    .build());
        }
        AuditRecord.Round round = start.isEmpty() || redoStart ? AuditRecord.Round.START : AuditRecord.Round.END;
        ConversationState state = current;
        Map<String, String> values = new HashMap<>();
        state.data().keySet().stream().filter(k -> k.startsWith(PREFIX)).forEach(k -> values.put(k, null));
        values.put(MODULE, String.valueOf(module));
        values.put(ROUND, round.name());
        values.put(RUN, UUID.randomUUID().toString());
        values.put(LAST, turn.deliveryId() == null ? "" : turn.deliveryId());
        ConversationEngine.start(conversations, state, NAME, "c0", values, turn.now());
        List<ModuleAudit.Level> scale = scale(audit.get());
        Message.Builder intro = Message.builder()
                .heading("Module " + module + " self-assessment audit: " + round.label())
                .text(round == AuditRecord.Round.START
                        ? "Rate yourself on each of the " + audit.get().criteria().size() + " criteria. This is your starting point: "
                          + "most ECTs begin at Emerging or Developing, and that's exactly what a baseline is for."
                        : "Rate yourself again on each of the " + audit.get().criteria().size()
                          + " criteria. At the end I'll show you how far you've come since the start of the module.")
                .bullets(scale.stream().map(l -> "*" + l.name() + "*: " + l.definition()).toList())
                .note("You can add evidence after the word, e.g. \"developing: I now use exit tickets every lesson\". Say cancel to stop.");
        return List.of(intro.build(), ask(audit.get(), 0, module, round, start));
    }

    private Message ask(ModuleAudit audit, int i, int module, AuditRecord.Round round, Optional<AuditRecord> start) {
        ModuleAudit.Criterion c = audit.criteria().get(i);
        Message.Builder m = Message.builder()
                .progress(i + 1, audit.criteria().size(), "Criterion")
                .text("*" + display(c) + "*");
        if (round == AuditRecord.Round.END && start.isPresent() && i < start.get().ratings().size()) {
            m.note("At the start of the module you said: " + start.get().ratings().get(i).level());
        }
        m.buttons(scale(audit).stream().map(l -> Button.command(l.name(), l.name().toLowerCase(Locale.ROOT))).toList());
        return m.build();
    }

    @Override
    public List<Message> onInput(Turn turn, ConversationState state, FlowControl control) {
        int module = Integer.parseInt(state.data().getOrDefault(MODULE, "0"));
        Optional<ModuleAudit> audit = auditOf(module);
        int i = state.step() != null && state.step().startsWith("c") ? Integer.parseInt(state.step().substring(1)) : -1;
        if (audit.isEmpty() || i < 0 || i >= audit.get().criteria().size()) {
            FlowData.end(conversations, state, PREFIX, Map.of(), turn);
            return List.of(Message.text("The audit for this module has changed since we started, so I've stopped. Say *audit* to begin again."));
        }
        AuditRecord.Round round = AuditRecord.Round.valueOf(state.get(ROUND));
        Optional<AuditRecord> start = round == AuditRecord.Round.END
                ? audits.find(turn.person().id(), module, AuditRecord.Round.START) : Optional.empty();
        if (FlowData.isRetry(turn, state, LAST)) {
            return List.of(ask(audit.get(), i, module, round, start));
        }
        List<ModuleAudit.Level> scale = scale(audit.get());
        Rated rated = parse(turn.text(), scale);
        if (rated == null) {
            return List.of(Message.text("Please rate it as " + names(scale) + " (you can add evidence after the word)."),
                    ask(audit.get(), i, module, round, start));
        }
        Map<String, String> values = new HashMap<>();
        values.put(PREFIX + "r" + i, rated.level());
        values.put(PREFIX + "e" + i, rated.evidence());
        values.put(LAST, turn.deliveryId() == null ? "" : turn.deliveryId());
        if (i + 1 < audit.get().criteria().size()) {
            control.next("c" + (i + 1), values);
            return List.of(ask(audit.get(), i + 1, module, round, start));
        }
        Map<String, String> all = new HashMap<>(state.data());
        all.putAll(values);
        List<AuditRecord.Rating> ratings = new ArrayList<>();
        for (int k = 0; k < audit.get().criteria().size(); k++) {
            ratings.add(new AuditRecord.Rating(display(audit.get().criteria().get(k)), all.get(PREFIX + "r" + k), all.get(PREFIX + "e" + k)));
        }
        Person me = turn.person();
        int week = FlowData.pairing(people, me).map(Pairing::week).orElse(0);
        AuditRecord record = new AuditRecord(me.id(), me.schoolId(), module, round, week, ratings, turn.now());
        audits.save(record);
        FlowData.append(people, log, turn, "audit", logText(record), "audit:" + state.get(RUN), true);
        FlowData.end(conversations, state, PREFIX, FlowData.saved(turn, "Already saved: your Module " + module + " audit is in your learning log."), turn);
        if (round == AuditRecord.Round.START) {
            return List.of(Message.builder()
                    .heading("Module " + module + " audit saved: your starting point")
                    .bullets(ratings.stream().map(AuditFlow::ratingLine).toList())
                    .text("Your mentor can see this too. At the end of the module say *audit* again to rate yourself once more and see your progress.")
                    .build());
        }
        return results(me, module, start.orElse(null), record, "Your");
    }

    private List<Message> results(Person ect, int module, AuditRecord start, AuditRecord end, String whose) {
        List<String> lines = new ArrayList<>();
        int up = 0;
        int same = 0;
        int down = 0;
        List<ModuleAudit.Level> scale = auditOf(module).map(AuditFlow::scale).orElse(DEFAULT_SCALE);
        for (int i = 0; i < end.ratings().size(); i++) {
            AuditRecord.Rating now = end.ratings().get(i);
            AuditRecord.Rating before = start != null && i < start.ratings().size() ? start.ratings().get(i) : null;
            if (before == null) {
                lines.add(ratingLine(now));
                continue;
            }
            int change = rank(scale, now.level()) - rank(scale, before.level());
            String how = change > 0 ? "up " + change + (change == 1 ? " level" : " levels")
                    : change < 0 ? "down " + (-change) + (change == -1 ? " level" : " levels") : "no change";
            if (change > 0) up++; else if (change < 0) down++; else same++;
            lines.add(now.criterion() + ": " + before.level() + " → " + now.level() + " (" + how + ")"
                    + (now.evidence() == null ? "" : ". Evidence: " + now.evidence()));
        }
        Message.Builder m = Message.builder()
                .heading(whose + " Module " + module + " audit: start and end")
                .bullets(lines);
        int total = end.ratings().size();
        if (up > 0) {
            m.text("*Progress on " + up + " of " + total + (total == 1 ? " criterion" : " criteria") + "*"
                    + (same > 0 ? ", steady on " + same : "") + (down > 0 ? ", lower on " + down : "")
                    + (whose.equals("Your") ? ". Well done: that's real growth over the module." : "."));
        } else if (down > 0) {
            m.text("No criterion moved up this time, and " + down + " moved down. That often means a sharper sense of what "
                    + "Secure looks like; worth talking through at your next meeting.");
        } else {
            m.text("The same ratings as at the start. Talk with your mentor about which criterion to focus on next.");
        }
        return List.of(m.build());
    }

    private List<Message> mentorView(Person mentor, String args) {
        List<Person> mentees = FlowData.mentees(people, mentor);
        Optional<Person> mentee;
        if (args.isBlank()) {
            mentee = mentees.size() == 1 ? Optional.of(mentees.get(0)) : Optional.empty();
            if (mentee.isEmpty()) {
                return List.of(Message.text(mentees.isEmpty() ? "You're not mentoring anyone yet, so there are no audits to see."
                        : "Whose audit? Say *audit* and their name, e.g. *audit " + mentees.get(0).name().toLowerCase(Locale.ROOT) + "*."));
            }
        } else {
            mentee = FlowData.mentee(people, mentor, args);
            if (mentee.isEmpty()) {
                return List.of(Message.text("You don't mentor anyone called \"" + args.strip() + "\", so I can't show their audit."));
            }
        }
        Person ect = mentee.get();
        if (!AccessPolicy.allows(people, mentor, ect.id(), AccessPolicy.Resource.AUDIT, false)) {
            return List.of(Message.text("You don't mentor anyone called \"" + args.strip() + "\", so I can't show their audit."));
        }
        int module = people.pairingsOf(ect.id()).stream().filter(p -> p.mentorId().equals(mentor.id()))
                .map(Pairing::module).findFirst().orElse(0);
        Optional<AuditRecord> start = audits.find(ect.id(), module, AuditRecord.Round.START);
        Optional<AuditRecord> end = audits.find(ect.id(), module, AuditRecord.Round.END);
        if (start.isEmpty() && end.isEmpty()) {
            return List.of(Message.text(ect.name() + " hasn't done the Module " + module + " audit yet."
                    + (auditOf(module).isEmpty() ? " (Module " + module + " has no audit in my content yet.)"
                    : " They can start it by saying *audit*.")));
        }
        if (end.isEmpty()) {
            return List.of(Message.builder()
                    .heading(ect.name() + "'s Module " + module + " audit: start of the module")
                    .bullets(start.get().ratings().stream().map(AuditFlow::ratingLine).toList())
                    .note("Not yet rated again at the end of the module.")
                    .build());
        }
        return results(ect, module, start.orElse(null), end.get(), ect.name() + "'s");
    }

    @Override
    public List<Message> help(ConversationState state) {
        int module = Integer.parseInt(state.data().getOrDefault(MODULE, "0"));
        List<ModuleAudit.Level> scale = auditOf(module).map(AuditFlow::scale).orElse(DEFAULT_SCALE);
        return List.of(Message.builder()
                .text("Rate yourself on the criterion above as " + names(scale) + ":")
                .bullets(scale.stream().map(l -> "*" + l.name() + "*: " + l.definition()).toList())
                .text("Add any evidence after the word, e.g. \"secure: my last two observations noted it\". Say *cancel* to stop; "
                        + "you can start the audit again later.")
                .build());
    }

    record Rated(String level, String evidence) {
    }

    /** "Developing: some evidence", "dev", "S", "developng - evidence" → a level of the scale and the rest. */
    static Rated parse(String text, List<ModuleAudit.Level> scale) {
        String trimmed = text.strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z]+)[\\s:;,.!\\-\u2013\u2014]*(.*)$", java.util.regex.Pattern.DOTALL)
                .matcher(trimmed);
        if (!m.matches()) {
            return null;
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        String rest = m.group(2).strip();
        ModuleAudit.Level found = null;
        for (ModuleAudit.Level l : scale) {
            String name = l.name().toLowerCase(Locale.ROOT);
            boolean initial = word.length() == 1 && name.startsWith(word)
                    && scale.stream().filter(o -> o.name().toLowerCase(Locale.ROOT).startsWith(word)).count() == 1;
            if (word.equals(name) || initial || (word.length() >= 3 && name.startsWith(word))
                    || (name.length() >= 5 && Words.distance(word, name) <= 1)) {
                found = l;
                break;
            }
        }
        return found == null ? null : new Rated(found.name(), rest.isEmpty() ? null : rest);
    }

    private static List<ModuleAudit.Level> scale(ModuleAudit audit) {
        return audit.scale().isEmpty() ? DEFAULT_SCALE : audit.scale();
    }

    private static int rank(List<ModuleAudit.Level> scale, String level) {
        for (int i = 0; i < scale.size(); i++) {
            if (scale.get(i).name().equalsIgnoreCase(level)) {
                return i;
            }
        }
        return 0;
    }

    private static String names(List<ModuleAudit.Level> scale) {
        List<String> n = scale.stream().map(ModuleAudit.Level::name).toList();
        return n.size() <= 1 ? String.join("", n) : String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }

    private static String display(ModuleAudit.Criterion c) {
        return c.code() == null || c.code().isBlank() ? c.text() : c.code() + " " + c.text();
    }

    private static String ratingLine(AuditRecord.Rating r) {
        return r.criterion() + ": " + r.level() + (r.evidence() == null ? "" : ". Evidence: " + r.evidence());
    }

    private static String logText(AuditRecord r) {
        StringBuilder s = new StringBuilder("Module " + r.module() + " self-assessment audit, " + r.round().label());
        for (AuditRecord.Rating rating : r.ratings()) {
            s.append("\n").append(ratingLine(rating));
        }
        return s.toString();
    }
}
