package uk.ectmentor.core.reflect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What part of a learning log to show, read from the words after {@code log} or {@code export log}:
 * {@code m4}, {@code module 4}, {@code week 6}, {@code w6}, a kind ({@code reflections}, {@code meetings},
 * {@code actions}, {@code audits}), {@code shared} or {@code private}, {@code all}. Words it does not know
 * are kept in {@link #unknown()} (a mentor's "log sam" names a mentee that way).
 */
record LogFilter(Integer module, Integer week, Set<String> kinds, Boolean shared, boolean all, List<String> unknown) {
    static final List<String> KINDS = List.of("reflection", "meeting", "action", "audit");
    private static final Set<String> FILLER = Set.of("my", "the", "for", "in", "of", "from", "and", "only", "entries",
            "entry", "show", "me", "log", "learning", "please", "as", "markdown", "md");
    private static final Pattern MODULE = Pattern.compile("(?:m|mod|module)(\\d{1,2})");
    private static final Pattern WEEK = Pattern.compile("(?:w|wk|week)(\\d{1,2})");

    static LogFilter parse(String args) {
        List<String> words = List.of(args == null ? new String[0]
                : args.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").trim().split("\\s+"));
        Integer module = null;
        Integer week = null;
        Set<String> kinds = new LinkedHashSet<>();
        Boolean shared = null;
        boolean all = false;
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            Matcher m = MODULE.matcher(w);
            Matcher wk = WEEK.matcher(w);
            if (w.isEmpty() || FILLER.contains(w)) {
                continue;
            } else if (m.matches()) {
                module = Integer.valueOf(m.group(1));
            } else if (wk.matches()) {
                week = Integer.valueOf(wk.group(1));
            } else if (Set.of("m", "mod", "module").contains(w) && next.matches("\\d{1,2}")) {
                module = Integer.valueOf(next);
                i++;
            } else if (Set.of("w", "wk", "week").contains(w) && next.matches("\\d{1,2}")) {
                week = Integer.valueOf(next);
                i++;
            } else if (kind(w) != null) {
                kinds.add(kind(w));
            } else if (w.equals("shared")) {
                shared = true;
            } else if (w.equals("private")) {
                shared = false;
            } else if (w.equals("all") || w.equals("everything")) {
                all = true;
            } else {
                unknown.add(w);
            }
        }
        return new LogFilter(module, week, Set.copyOf(kinds), shared, all, List.copyOf(unknown));
    }

    /** The kind a word names ("reflections", "meetngs"...), or null. */
    static String kind(String word) {
        for (String kind : KINDS) {
            String plural = kind + "s";
            if (word.equals(kind) || word.equals(plural)
                    || (word.length() >= 5 && (Words.distance(word, kind) <= 1 || Words.distance(word, plural) <= 1))) {
                return kind;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return module == null && week == null && kinds.isEmpty() && shared == null;
    }

    boolean matches(LogEntry e) {
        return (module == null || e.module() == module)
                && (week == null || e.week() == week)
                && (kinds.isEmpty() || kinds.contains(e.kind()))
                && (shared == null || e.shared() == shared);
    }

    /** "module 4 · week 6 · reflections" */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (module != null) parts.add("module " + module);
        if (week != null) parts.add("week " + week);
        kinds.stream().sorted().forEach(k -> parts.add(k + "s"));
        if (shared != null) parts.add(shared ? "shared" : "private");
        return String.join(" · ", parts);
    }
}
