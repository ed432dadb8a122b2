package uk.ectmentor.core.programme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.content.ContentException;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.Scenario;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;

/**
 * The programme in chat: {@code session} (this week's overview), {@code session m4w6} (any session),
 * {@code search <words>} across the pack, and {@code scenario} (the practice scenario for the person's phase).
 */
public final class ProgrammeFlow {
    private static final Pattern CODE = Pattern.compile("(?i)^(?:module\\s*|m)(\\d{1,2})\\s*,?\\s*(?:week\\s*|w)(\\d{1,2})(?:\\s+(mentor|ect))?$");
    private static final int RESULTS = 5;

    private final PeopleStore people;
    private final ContentPack content;
    private final ProgrammeSearch search;

    public ProgrammeFlow(PeopleStore people, ContentPack content) {
        this.people = people;
        this.content = content;
        this.search = new ProgrammeSearch(content);
    }

    public void register(Router router) {
        router.commandWithText("session", this::session, "session overview")
              .commandWithText("search", this::search, "find")
              .commandWithText("scenario", this::scenario, "scenarios")
              .command("reload content", this::reload, "reload programme", "reload the content")
              .describe("session", "session [m4w6]", "this week's session at a glance, or any session by its code")
              .describe("search", "search <words>", "search the programme, best matches first")
              .describe("scenario", "scenario [phase]", "the practice scenario for your phase");
    }

    /** Programme admins re-read the content pack after changing the school's files. */
    private List<Message> reload(Turn turn) {
        if (!turn.person().is(Role.ADMIN)) {
            return List.of(Message.text("Only a programme admin can reload the programme content."));
        }
        if (!content.reloadable()) {
            return List.of(Message.text("This content pack was not loaded from files, so there is nothing to reload."));
        }
        int before = content.size();
        try {
            int now = content.reload();
            return List.of(Message.text("Programme content reloaded: " + now + " sessions (before: " + before + ")."));
        } catch (ContentException e) {
            return List.of(Message.builder()
                    .text("The content pack has " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                            + ", so I kept the content already loaded (" + before + " sessions). Fix these and reload:")
                    .bullets(e.problems().stream().map(ContentException::getMessage).toList())
                    .build());
        } catch (RuntimeException e) {
            return List.of(Message.text("I couldn't read the content pack (" + e.getMessage() + "), so I kept the content already loaded."));
        }
    }

    private List<Message> session(Turn turn) {
        String args = turn.args() == null ? "" : turn.args().strip();
        if (args.isEmpty()) {
            return thisWeek(turn.person());
        }
        Optional<Session> found = lookUp(args, turn.person());
        if (found.isEmpty()) {
            return List.of(Message.builder()
                    .text("I can't find a session called \"" + args + "\". Sessions I know:")
                    .bullets(content.sessions().stream().map(ProgrammeFlow::label).toList())
                    .text("Say *session* followed by a code such as *m4w6*, or *search* with a few words.")
                    .build());
        }
        return List.of(overview(found.get(), false));
    }

    private Optional<Session> lookUp(String args, Person person) {
        String key = args.toLowerCase(Locale.ROOT).strip();
        Optional<Session> byId = content.byId(key);
        if (byId.isPresent()) {
            return byId;
        }
        Matcher m = CODE.matcher(key);
        if (m.matches()) {
            int module = Integer.parseInt(m.group(1));
            int week = Integer.parseInt(m.group(2));
            SessionKind wanted = m.group(3) != null ? SessionKind.parse(m.group(3))
                    : person.is(Role.ECT) ? SessionKind.ECT : SessionKind.MENTOR;
            return content.find(module, week, wanted)
                    .or(() -> content.find(module, week, wanted == SessionKind.ECT ? SessionKind.MENTOR : SessionKind.ECT));
        }
        return content.sessions().stream().filter(s -> s.title().equalsIgnoreCase(key)).findFirst();
    }

    private List<Message> thisWeek(Person person) {
        List<Pairing> pairings = people.pairingsOf(person.id());
        if (pairings.isEmpty()) {
            return List.of(Message.builder()
                    .text("You're not paired yet, so I don't know which week you're on. You can still look at any session, "
                            + "for example *session m4w6*.")
                    .build());
        }
        Pairing p = pairings.get(0);
        SessionKind first = person.is(Role.ECT) ? SessionKind.ECT : SessionKind.MENTOR;
        SessionKind second = first == SessionKind.ECT ? SessionKind.MENTOR : SessionKind.ECT;
        Optional<Session> s = content.find(p.module(), p.week(), first).or(() -> content.find(p.module(), p.week(), second));
        if (s.isEmpty()) {
            return List.of(Message.text("I don't have a session for module " + p.module() + ", week " + p.week()
                    + " yet. Your programme lead can add it to the school's content pack."));
        }
        return List.of(overview(s.get(), person.is(Role.MENTOR)));
    }

    /** @param offerPrompts whether to offer the mentor this week's session prompts */
    private static Message overview(Session s, boolean offerPrompts) {
        Message.Builder m = Message.builder().heading(s.title()).note(where(s) + (s.totalMinutes() > 0 ? " · " + s.totalMinutes() + " min" : ""));
        if (!s.learningIntentions().isEmpty()) {
            m.text("*Learning intentions*");
            m.bullets(s.learningIntentions().stream().map(i -> i.display()).toList());
        }
        if (!s.sections().isEmpty()) {
            m.text(s.kind() == SessionKind.TEMPLATE ? "*Steps*" : "*Sections*");
            List<String> lines = new ArrayList<>();
            for (Section sec : s.sections()) {
                String acts = sec.activities().isEmpty() ? "" : " · " + sec.activities().size()
                        + (sec.activities().size() == 1 ? " activity" : " activities");
                lines.add(sec.name() + (sec.minutes() == null ? "" : " · " + sec.minutes() + " min") + acts);
            }
            m.numbered(lines);
        }
        if (s.audit() != null) {
            m.text("*Self-audit scale:* " + String.join(" / ", s.audit().scale().stream().map(l -> l.name()).toList()));
        }
        if (!s.scenarios().isEmpty()) {
            m.note("Scenarios for: " + String.join(", ", s.scenarios().stream().map(Scenario::phase).toList()) + " (say *scenario*)");
        }
        if (offerPrompts && s.kind() == SessionKind.MENTOR) {
            m.buttons(Button.command("Session prompts", "prompts"));
        }
        return m.build();
    }

    static String where(Session s) {
        String kind = s.kind() == SessionKind.MENTOR ? "mentor session" : s.kind() == SessionKind.ECT ? "ECT self-study" : "meeting template";
        if (s.module() > 0 && s.week() > 0) {
            return "Module " + s.module() + ", week " + s.week() + " · " + kind;
        }
        return (s.moduleTitle() == null ? "" : s.moduleTitle() + " · ") + kind;
    }

    static String label(Session s) {
        String code = s.module() > 0 && s.week() > 0 ? s.code() + " " + s.kind().id() : s.id();
        return code + ": " + s.title();
    }

    private List<Message> search(Turn turn) {
        String query = turn.args() == null ? "" : turn.args().strip();
        if (query.isEmpty()) {
            return List.of(Message.text("Tell me what to look for, for example *search whole-class feedback*."));
        }
        List<ProgrammeSearch.Hit> hits = search.find(query, RESULTS);
        if (hits.isEmpty()) {
            return List.of(Message.text("Nothing in the programme matches \"" + query + "\". Try fewer or different words."));
        }
        Message.Builder m = Message.builder().heading("Best matches for \"" + query + "\"");
        List<String> lines = new ArrayList<>();
        for (ProgrammeSearch.Hit h : hits) {
            lines.add(label(h.session()) + (h.where().equals("title") ? "" : " (" + h.where() + "): " + h.snippet()));
        }
        m.numbered(lines);
        m.note("Say *session* and a code (such as *session " + codeOf(hits.get(0).session()) + "*) to open one.");
        return List.of(m.build());
    }

    private static String codeOf(Session s) {
        return s.module() > 0 && s.week() > 0 ? s.code() : s.id();
    }

    private List<Message> scenario(Turn turn) {
        String asked = turn.args() == null ? "" : turn.args().strip();
        String phase = asked.isEmpty() ? turn.person().phase() : phaseNamed(asked);
        if (phase == null || phase.isBlank()) {
            return List.of(Message.text(asked.isEmpty()
                    ? "I don't know which phase you teach yet. Say *scenario* and a phase: EYFS, Primary, Secondary, SEND or Alternative provision."
                    : "\"" + asked + "\" isn't a phase I know. Try EYFS, Primary, Secondary, SEND or Alternative provision."));
        }
        List<Session> with = content.sessions().stream()
                .filter(s -> s.scenarios().stream().anyMatch(x -> x.phase().equalsIgnoreCase(phase))).toList();
        if (with.isEmpty()) {
            return List.of(Message.text("The programme has no scenario for " + phase + " yet."));
        }
        Session s = preferred(with, turn.person());
        Scenario sc = s.scenarios().stream().filter(x -> x.phase().equalsIgnoreCase(phase)).findFirst().orElseThrow();
        Message.Builder m = Message.builder()
                .heading(sc.phase() + " scenario")
                .note(s.title() + " · " + where(s))
                .text(sc.text());
        m.bullets(sc.options().stream().map(o -> o.label() + ") " + o.text()).toList());
        m.text("Which option would work best, and which active ingredients would make it work?");
        return List.of(m.build());
    }

    private Session preferred(List<Session> with, Person person) {
        List<Pairing> pairings = people.pairingsOf(person.id());
        if (!pairings.isEmpty()) {
            Pairing p = pairings.get(0);
            for (Session s : with) {
                if (s.module() == p.module() && s.week() == p.week()) {
                    return s;
                }
            }
        }
        SessionKind own = person.is(Role.ECT) ? SessionKind.ECT : SessionKind.MENTOR;
        return with.stream().filter(s -> s.kind() == own).findFirst().orElse(with.get(0));
    }

    static String phaseNamed(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ").strip();
        if (t.matches(".*\\b(eyfs|early years)\\b.*")) {
            return "EYFS";
        }
        if (t.matches(".*\\b(send|special)\\b.*")) {
            return "SEND";
        }
        if (t.matches(".*\\b(alternative|ap)\\b.*")) {
            return "Alternative provision";
        }
        if (t.matches(".*\\bprimary\\b.*")) {
            return "Primary";
        }
        if (t.matches(".*\\bsecondary\\b.*")) {
            return "Secondary";
        }
        return null;
    }
}
