package uk.ectmentor.core.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a precise action against the four qualities of the six-step meeting model: it can be
 * <b>observable</b> (someone watching the lesson would see it happen), <b>practice-able</b> (within reach now,
 * not an aspiration), <b>bite-sized</b> (one small thing, done before the next meeting) and it says
 * <b>how</b>, not only what.
 *
 * <p>The check is deliberately small and explainable: word lists, not a model. Each gap names the words that
 * caused it, so a mentor can see why and overrule it.
 */
public final class ActionChecker {
    /** The qualities a precise action should have. */
    public enum Quality {
        OBSERVABLE("observable"), PRACTICEABLE("practice-able"), BITE_SIZED("bite-sized"), HOW("says how");

        private final String label;

        Quality(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A quality the action lacks: why the checker thinks so, and the question that would fix it. */
    public record Gap(Quality quality, String why, String ask) {
    }

    /** The outcome of a check; {@link #ok()} when nothing is missing. */
    public record Result(List<Gap> gaps) {
        public Result {
            gaps = List.copyOf(gaps);
        }

        public boolean ok() {
            return gaps.isEmpty();
        }

        public boolean lacks(Quality q) {
            return gaps.stream().anyMatch(g -> g.quality() == q);
        }
    }

    /** Longest action, in words, that still counts as one bite-sized step. */
    static final int MAX_WORDS = 40;
    /** More parts joined by "and", ";" or "also" than this is several actions, not one. */
    static final int MAX_MOVES = 3;

    /** Things a teacher does that an observer can see or hear (matched as whole words, with -s/-ed/-ing). */
    static final Set<String> DOING = Set.of(
            "ask", "give", "model", "write", "show", "display", "say", "stand", "circulate", "cold", "check", "hand",
            "script", "narrate", "pause", "praise", "label", "seat", "greet", "mark", "question", "call", "read",
            "draw", "finish", "repeat", "wait", "scan", "signal", "introduce", "demonstrate", "rehearse", "practise",
            "track", "collect", "teach", "explain", "present", "put", "run", "tell", "count", "use", "set", "share",
            "move", "name", "plan", "prepare", "stop", "sit", "hold", "redraft", "reteach", "chunk", "quiz", "circle",
            "highlight", "annotate", "list", "note", "film", "photograph");

    /** Inner states and vague intentions: nothing an observer could see. */
    static final List<String> VAGUE = List.of(
            "think about", "reflect on", "understand", "consider", "be aware", "be more", "know", "feel", "try to",
            "improve", "get better", "focus on", "work on", "develop", "remember to", "be confident", "engage");

    /** Aspirations rather than something to practise now. */
    static final List<String> ASPIRATION = List.of(
            "always", "never", "every lesson", "all lessons", "all my lessons", "all classes", "all my classes",
            "perfect", "perfectly", "outstanding", "every pupil will", "all pupils will", "no pupil will", "100%",
            "completely", "transform", "master", "fully");

    /** A horizon longer than the week to the next meeting. */
    static final List<String> LONG_TERM = List.of(
            "this term", "next term", "this year", "over the term", "over the year", "by the end of the year",
            "by the end of term", "by christmas", "by easter", "by the summer", "long term", "all year", "half term",
            "this half term");

    /** Words that say how the action is carried out: a method, a moment, a sequence or a script. */
    static final List<String> HOW = List.of(
            " by ", "using", "so that", " then ", "script", "\"", "\u201c", ":", "first", "start of", "end of",
            "at the start", "at the end", "during", " when ", " before ", " after ", "each time", "step", " with a ",
            " with the ", " in the first", " in the last", "minutes", "seconds", " every time");

    private static final Pattern WORD = Pattern.compile("[a-z]+");

    private ActionChecker() {
    }

    public static Result check(String action) {
        String text = " " + (action == null ? "" : action).toLowerCase(Locale.ROOT).replace('\u2019', '\'')
                .replaceAll("\\s+", " ").strip() + " ";
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        List<Gap> gaps = new ArrayList<>();

        long moves = words.stream().filter(ActionChecker::isDoing).count();
        List<String> vague = found(text, VAGUE);
        // a vague intention with at most one doing word ("get better at questioning") is still not observable
        if (moves == 0 || (!vague.isEmpty() && moves <= 1)) {
            gaps.add(new Gap(Quality.OBSERVABLE,
                    vague.isEmpty() ? "I can't see anything in it that someone watching the lesson would see or hear."
                            : "\"" + vague.get(0) + "\" happens in your head: someone watching the lesson couldn't see it.",
                    "What will you actually do or say in the lesson that an observer would notice?"));
        }
        List<String> aspiration = found(text, ASPIRATION);
        if (!aspiration.isEmpty()) {
            gaps.add(new Gap(Quality.PRACTICEABLE,
                    "\"" + aspiration.get(0) + "\" makes it an aspiration rather than something to practise this week.",
                    "What is a version of this you can definitely do well in one or two lessons?"));
        }
        List<String> longTerm = found(text, LONG_TERM);
        int parts = 1 + count(text, " and ") + count(text, ";") + count(text, " also ") + count(text, " as well as ");
        if (words.size() > MAX_WORDS || parts > MAX_MOVES || !longTerm.isEmpty()) {
            String why = !longTerm.isEmpty() ? "\"" + longTerm.get(0) + "\" is longer than the time until your next meeting."
                    : words.size() > MAX_WORDS ? "At " + words.size() + " words it reads like several actions (keep it under "
                    + MAX_WORDS + ")." : "It joins " + parts + " different things together.";
            gaps.add(new Gap(Quality.BITE_SIZED, why,
                    "Which single part of this will you do before we next meet?"));
        }
        if (found(text, HOW).isEmpty()) {
            gaps.add(new Gap(Quality.HOW, "It says what to do but not how, or when in the lesson.",
                    "How exactly will you do it: at which moment, with what words, resource or routine?"));
        }
        return new Result(gaps);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static boolean isDoing(String word) {
        if (DOING.contains(word)) {
            return true;
        }
        for (String suffix : new String[] {"ing", "ed", "es", "s", "d"}) {
            if (word.endsWith(suffix)) {
                String stem = word.substring(0, word.length() - suffix.length());
                if (DOING.contains(stem) || DOING.contains(stem + "e")
                        || (stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
                        && DOING.contains(stem.substring(0, stem.length() - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> found(String text, List<String> phrases) {
        List<String> out = new ArrayList<>();
        for (String p : phrases) {
            String needle = p.startsWith(" ") || p.endsWith(" ") || !Character.isLetter(p.charAt(0)) ? p : null;
            if (needle != null ? text.contains(needle) : Pattern.compile("\\b" + Pattern.quote(p) + "\\b").matcher(text).find()) {
                out.add(p.strip());
            }
        }
        return out;
    }
}
