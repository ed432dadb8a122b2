package uk.ectmentor.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a target against each SMART letter with a plain, explainable rule, so the bot can say what it
 * found and ask for what is missing:
 * <ul>
 *   <li><b>Specific</b>: at least eight words and a doing word (teach, use, plan, model...).</li>
 *   <li><b>Measurable</b>: a number, a proportion or a named way of checking (evidence, data, observation...).</li>
 *   <li><b>Achievable</b>: names the support, time or resources that will help, and no all-or-nothing words (always, never, 100%).</li>
 *   <li><b>Relevant</b>: says why ("so that", "because", "to help") or names the pupils or the area of practice it serves.</li>
 *   <li><b>Time-bound</b>: a date, a month, a term or a deadline ("by Friday", "end of"); "a week" or "each term" say how often, not by when.</li>
 * </ul>
 */
public final class SmartCheck {
    /** One SMART letter. */
    public enum Letter {
        SPECIFIC("S", "specific", "What exactly will you do, with which class or group? Name the action."),
        MEASURABLE("M", "measurable", "How will you know you've done it? Give a number, a proportion, or the evidence you'll look at."),
        ACHIEVABLE("A", "achievable", "What support, time or resources will make it possible (your mentor, a colleague, training, planning time)?"),
        RELEVANT("R", "relevant", "Why does it matter? Say which pupils or which part of your practice it will help, e.g. \"so that...\"."),
        TIME_BOUND("T", "time-bound", "By when? Give a date, a half term or a number of weeks.");

        public final String initial;
        public final String word;
        public final String question;

        Letter(String initial, String word, String question) {
            this.initial = initial;
            this.word = word;
            this.question = question;
        }
    }

    /** What the rule found for one letter: met or not, and why in a few words. */
    public record Result(Letter letter, boolean met, String why) {
    }

    private static final Set<String> DOING = Set.of("teach", "use", "using", "plan", "planning", "model", "modelling", "check",
            "ask", "set", "mark", "observe", "run", "reduce", "increase", "improve", "develop", "embed", "trial", "try",
            "build", "track", "introduce", "give", "write", "design", "review", "practise", "practice", "lead", "deliver",
            "adapt", "create", "implement", "script", "rehearse", "scaffold", "question", "share", "meet", "record", "monitor",
            "support", "apply", "complete", "provide", "establish", "routine", "feedback");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b|%|\\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|half|all|every|each|most|majority|fewer|more than|at least)\\b");
    private static final Pattern EVIDENCE = Pattern.compile("\\b(evidence|data|measured|measure|score|scores|results|observation|observed|survey|exit tickets?|quiz|quizzes|test|tests|books|work scrutiny|feedback from|attendance|incidents|track|tracked|record|recorded)\\b");
    private static final Pattern ALL_OR_NOTHING = Pattern.compile("\\b(always|never|100 ?%|perfect|perfectly|every single|all the time|completely eliminate|no pupil ever)\\b|100%");
    private static final Pattern SUPPORT = Pattern.compile("\\b(with|support|supported|mentor|colleague|colleagues|head of|senco|training|cpd|time|resources?|help|observing|coaching|department|team|ppa)\\b");
    private static final Pattern WHY = Pattern.compile("\\b(so that|because|to help|in order to|which will|to improve|to support|to raise|to close|to increase|to reduce)\\b");
    private static final Pattern PUPILS = Pattern.compile("\\b(pupils?|students?|children|learners|class|classes|year \\d+|y\\d+|group|behaviour|assessment|feedback|adaptive|send|literacy|reading|curriculum|questioning|misconceptions?|progress|attainment|engagement)\\b");
    private static final Pattern WHEN = Pattern.compile("\\b(end of|deadline|by (?:the )?(?:end|next|monday|tuesday|wednesday|thursday|friday|half|christmas|easter|summer|\\d))|\\b(january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\b|\\b\\d{1,2}(?:st|nd|rd|th)? may\\b|\\bmay \\d{1,2}\\b|\\b(half ?term|term|weeks?|months?|christmas|easter|summer|autumn|spring)\\b|\\d{1,2}/\\d{1,2}|\\d{4}-\\d{2}-\\d{2}");

    /** "three times a week" says how often, not by when. */
    private static final Pattern FREQUENCY = Pattern.compile("\\b(a|per|each|every|twice a|once a) (day|week|fortnight|month|term|lesson)\\b");

    private SmartCheck() {
    }

    /** Every letter, in order, with what the rule found. */
    public static Map<Letter, Result> check(String target) {
        String t = " " + target.toLowerCase(Locale.ROOT).replace('\u2019', '\'') + " ";
        Map<Letter, Result> out = new LinkedHashMap<>();
        String[] words = t.trim().split("\\s+");
        String doing = null;
        for (String w : words) {
            String bare = w.replaceAll("[^a-z]", "");
            if (DOING.contains(bare)) {
                doing = bare;
                break;
            }
        }
        boolean longEnough = words.length >= 8;
        out.put(Letter.SPECIFIC, new Result(Letter.SPECIFIC, longEnough && doing != null,
                doing == null ? "no doing word (teach, use, plan, model...)" : !longEnough ? "only " + words.length + " words" : "names an action (\"" + doing + "\")"));
        String number = first(NUMBER, t);
        String evidence = first(EVIDENCE, t);
        out.put(Letter.MEASURABLE, new Result(Letter.MEASURABLE, number != null || evidence != null,
                number != null ? "has an amount (\"" + number + "\")" : evidence != null ? "names a way of checking (\"" + evidence + "\")"
                        : "no number, proportion or way of checking"));
        String extreme = first(ALL_OR_NOTHING, t);
        String support = first(SUPPORT, t);
        out.put(Letter.ACHIEVABLE, new Result(Letter.ACHIEVABLE, extreme == null && support != null,
                extreme != null ? "\"" + extreme + "\" sets an all-or-nothing bar" : support != null ? "names support (\"" + support + "\")"
                        : "no support, time or resources named"));
        String why = first(WHY, t);
        String who = first(PUPILS, t);
        out.put(Letter.RELEVANT, new Result(Letter.RELEVANT, why != null || who != null,
                why != null ? "gives a reason (\"" + why + "\")" : who != null ? "names who or what it serves (\"" + who + "\")"
                        : "no reason or pupils named"));
        String when = first(WHEN, FREQUENCY.matcher(t).replaceAll(" "));
        out.put(Letter.TIME_BOUND, new Result(Letter.TIME_BOUND, when != null,
                when != null ? "has a time (\"" + when + "\")" : "no date or deadline"));
        return out;
    }

    /** The letters a target does not meet yet, in SMART order. */
    public static List<Letter> missing(String target) {
        List<Letter> out = new ArrayList<>();
        check(target).values().forEach(r -> {
            if (!r.met()) {
                out.add(r.letter());
            }
        });
        return out;
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group().strip() : null;
    }
}
