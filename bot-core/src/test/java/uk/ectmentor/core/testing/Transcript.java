package uk.ectmentor.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A conversation written down as a test, run against any {@link ChatChannel}.
 *
 * <pre>
 * # comment
 * sam> reflect: the hinge question showed who had the misconception
 * bot: Saved to your learning log
 * sam> [See my log]                     press the newest button with that label offered to sam
 * sam> [Save] {what=..., how=...}       submit a form with field values
 * bot: the hinge question               each bot line must appear, in order, in the replies to the turn
 * bot! Already                          must NOT appear in the replies to the turn
 * clock: +13h                           moves the bot's clock on (m, h or d) before the next turn
 * bot: Invite code: {{code}}             a placeholder captures one word of the reply...
 * jo> join {{code}}                      ...and later turns can type it ({{code:lower}} in lower case)
 * </pre>
 *
 * Matching ignores case, formatting marks (* _ #) and runs of white space, so the same transcript holds for
 * plain text, Block Kit and Adaptive Cards.
 */
public final class Transcript {
    private final String name;
    private final List<Turn> turns;

    private static final String CLOCK = "\u0000clock";

    record Turn(int line, String user, String input, List<Expect> expects) {
    }

    record Expect(int line, String text, boolean present) {
    }

    private final String fixture;

    private Transcript(String name, List<Turn> turns, String fixture) {
        this.name = name;
        this.turns = turns;
        this.fixture = fixture;
    }

    /**
     * The data the transcript expects before its first turn, named in a {@code # fixture: <name>} line:
     * {@code demo} (the default: the demo school) or {@code learning} (see {@link TestBot#reset(String)}).
     */
    public String fixture() {
        return fixture;
    }

    public static Transcript resource(String path) {
        try (InputStream in = Transcript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + path);
            }
            return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Transcript parse(String name, String text) {
        List<Turn> turns = new ArrayList<>();
        String fixture = "demo";
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("# fixture:")) {
                fixture = line.substring("# fixture:".length()).strip().split("\\s+")[0];
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int n = i + 1;
            if (line.startsWith("clock:")) {
                turns.add(new Turn(n, CLOCK, line.substring(6).strip(), new ArrayList<>()));
            } else if (line.startsWith("bot:") || line.startsWith("bot!")) {
                if (turns.isEmpty()) {
                    throw new IllegalArgumentException(name + ":" + n + ": a bot line before any user turn");
                }
                turns.get(turns.size() - 1).expects().add(new Expect(n, line.substring(4).strip(), line.charAt(3) == ':'));
            } else if (line.contains("> ") || line.endsWith(">")) {
                int gt = line.indexOf('>');
                turns.add(new Turn(n, line.substring(0, gt).strip(), line.substring(gt + 1).strip(), new ArrayList<>()));
            } else {
                throw new IllegalArgumentException(name + ":" + n + ": expected 'user> text', 'bot: text' or 'bot! text'");
            }
        }
        return new Transcript(name, turns, fixture);
    }

    public String name() {
        return name;
    }

    /** Plays the transcript, failing at the first reply that does not match, naming the line. */
    public void run(ChatChannel channel) {
        Map<String, List<Reply>> history = new LinkedHashMap<>();
        Map<String, String> vars = new LinkedHashMap<>();
        for (Turn turn : turns) {
            if (turn.user().equals(CLOCK)) {
                if (!turn.expects().isEmpty()) {
                    fail(name + ":" + turn.line() + ": a clock line gets no bot lines");
                }
                channel.advanceClock(duration(turn.input(), turn.line()));
                continue;
            }
            List<Reply> replies = play(channel, turn, history.getOrDefault(turn.user(), List.of()), vars);
            List<Reply> newestFirst = new ArrayList<>(replies);
            newestFirst.addAll(history.getOrDefault(turn.user(), List.of()));
            history.put(turn.user(), newestFirst);
            String raw = String.join("\n", replies.stream().map(Reply::text).toList());
            String all = normalise(raw);
            int from = 0;
            for (Expect e : turn.expects()) {
                String want = normalise(e.text());
                int at;
                if (e.present() && want.contains("{{")) {
                    java.util.regex.Matcher m = capturing(want).matcher(all);
                    at = m.find(from) ? m.start() : -1;
                    if (at >= 0) {
                        capture(want, m, raw, vars);
                        want = all.substring(m.start(), m.end());
                    }
                } else {
                    at = all.indexOf(want, e.present() ? from : 0);
                }
                if (e.present() && at < 0) {
                    fail(name + ":" + e.line() + ": expected the bot to say \"" + e.text() + "\" after \"" + turn.input()
                            + "\" but it said:\n" + String.join("\n---\n", replies.stream().map(Reply::text).toList()));
                }
                if (!e.present() && at >= 0) {
                    fail(name + ":" + e.line() + ": the bot should not have said \"" + e.text() + "\" but did:\n" + all);
                }
                if (e.present()) {
                    from = at + want.length();
                }
            }
        }
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\{\\{(\\w+)(:lower)?}}");

    /** An expectation with {{name}} placeholders as a pattern: each placeholder captures one word. */
    private static java.util.regex.Pattern capturing(String want) {
        StringBuilder regex = new StringBuilder();
        java.util.regex.Matcher m = VARIABLE.matcher(want);
        int last = 0;
        while (m.find()) {
            regex.append(java.util.regex.Pattern.quote(want.substring(last, m.start()))).append("([a-z0-9-]+)");
            last = m.end();
        }
        return java.util.regex.Pattern.compile(regex.append(java.util.regex.Pattern.quote(want.substring(last))).toString());
    }

    /** Remembers what each placeholder matched, in the case the bot wrote it. */
    private static void capture(String want, java.util.regex.Matcher match, String raw, Map<String, String> vars) {
        java.util.regex.Matcher names = VARIABLE.matcher(want);
        for (int group = 1; names.find(); group++) {
            String value = match.group(group);
            java.util.regex.Matcher original = java.util.regex.Pattern
                    .compile(java.util.regex.Pattern.quote(value), java.util.regex.Pattern.CASE_INSENSITIVE).matcher(raw);
            vars.put(names.group(1), original.find() ? original.group() : value);
        }
    }

    private String substitute(String input, Map<String, String> vars, int line) {
        java.util.regex.Matcher m = VARIABLE.matcher(input);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + ":" + line + ": {{" + m.group(1) + "}} was not captured by an earlier bot line");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(m.group(2) == null ? value : value.toLowerCase(Locale.ROOT)));
        }
        return m.appendTail(out).toString();
    }

    /** @param previous every reply the user has had, newest first */
    private List<Reply> play(ChatChannel channel, Turn turn, List<Reply> previous, Map<String, String> vars) {
        String input = substitute(turn.input(), vars, turn.line());
        if (input.startsWith("[")) {
            int close = input.indexOf(']');
            String label = input.substring(1, close).strip();
            Reply.Clickable target = previous.stream().flatMap(r -> r.clickables().stream())
                    .filter(c -> normalise(c.label()).equals(normalise(label)) || normalise(c.label()).startsWith(normalise(label)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + ":" + turn.line() + ": no button \"" + label + "\" in "
                            + previous.stream().flatMap(r -> r.clickables().stream()).map(Reply.Clickable::label).toList()));
            String rest = input.substring(close + 1).strip();
            if (rest.startsWith("{")) {
                return channel.submit(turn.user(), target, fields(rest.substring(1, rest.lastIndexOf('}'))));
            }
            return channel.press(turn.user(), target);
        }
        return channel.say(turn.user(), input);
    }

    private java.time.Duration duration(String text, int line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\+?(\\d+)\\s*([mhd])").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ":" + line + ": expected a clock line like 'clock: +13h'");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("m") ? java.time.Duration.ofMinutes(n)
                : m.group(2).equals("h") ? java.time.Duration.ofHours(n) : java.time.Duration.ofDays(n);
    }

    private static Map<String, String> fields(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'')
                .replaceAll("[*_#`>]", "")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
