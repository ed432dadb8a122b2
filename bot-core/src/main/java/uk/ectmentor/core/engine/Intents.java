package uk.ectmentor.core.engine;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Understands what a person typed: finds the command phrase it starts with (longest phrase first),
 * tolerant of case, punctuation, a leading slash or "/mentor", and one typo in a word of four letters
 * or more.
 */
public final class Intents {
    private final List<Phrase> phrases = new ArrayList<>();

    /** A command phrase and the command it stands for. */
    record Phrase(List<String> words, String command, boolean takesArgs) {
    }

    /** What a text was understood as. */
    public record Match(String command, String args) {
    }

    /**
     * @param takesArgs whether words may follow the phrase; a phrase that takes none only matches the
     *                  whole message, so "next lesson I will..." is not the command "next"
     */
    public void add(String phrase, String command, boolean takesArgs) {
        List<String> words = List.of(normalise(phrase).split(" "));
        for (Phrase existing : phrases) {
            if (existing.words().equals(words) && !existing.command().equals(command)) {
                throw new IllegalStateException("the phrase '" + phrase + "' is claimed by both '" + existing.command()
                        + "' and '" + command + "'");
            }
        }
        phrases.add(new Phrase(words, command, takesArgs));
        phrases.sort(Comparator.comparingInt((Phrase p) -> p.words().size()).reversed());
    }

    public Optional<Match> match(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        // "reflect: text" and "reflect - text" keep the rest verbatim
        List<Token> tokens = tokens(trimmed);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        int skip = tokens.get(0).word().equals("mentor") && tokens.get(0).slashed() ? 1 : 0;
        for (boolean fuzzy : new boolean[] {false, true}) {
            for (Phrase phrase : phrases) {
                if (matches(phrase, tokens, skip, fuzzy)
                        && (phrase.takesArgs() || tokens.size() == skip + phrase.words().size())) {
                    Token last = tokens.get(skip + phrase.words().size() - 1);
                    String args = trimmed.substring(last.end()).replaceFirst("^[\\s:;,.\\-\u2013\u2014]+", "").strip();
                    return Optional.of(new Match(phrase.command(), args));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The command whose phrase is closest to what was typed, for a "did you mean ...?" reply: within two
     * edits of the whole text (or of its first words), and never for text that is far from every phrase.
     */
    public Optional<Suggestion> suggest(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String typed = normalise(text).replaceFirst("^mentor ", "");
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        String[] typedWords = typed.split(" ");
        Suggestion best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Phrase phrase : phrases) {
            String joined = String.join(" ", phrase.words());
            int n = Math.min(typedWords.length, phrase.words().size());
            String head = String.join(" ", java.util.Arrays.copyOf(typedWords, n));
            int whole = editDistance(typed, joined);
            // words after a command that takes text ("reflcet: ...") only count as a typo of it when close: one edit
            int headDistance = phrase.takesArgs() ? editDistance(head, joined) : Integer.MAX_VALUE;
            int d = headDistance <= 1 ? Math.min(whole, headDistance) : whole;
            int allowed = joined.length() <= 3 ? 1 : joined.length() <= 6 ? 2 : 3;
            if (d <= allowed && d < bestDistance) {
                bestDistance = d;
                best = new Suggestion(phrase.command(), joined);
            }
        }
        return Optional.ofNullable(best);
    }

    /** A command offered when a text was not understood, with the phrase it was closest to. */
    public record Suggestion(String command, String phrase) {
    }

    /** How many single-letter edits (or neighbour swaps) turn one word into the other. */
    public static int typoDistance(String a, String b) {
        return editDistance(a, b);
    }

    /** Plain Levenshtein distance with neighbouring swaps, uncapped. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static boolean matches(Phrase phrase, List<Token> tokens, int skip, boolean fuzzy) {
        if (tokens.size() - skip < phrase.words().size()) {
            return false;
        }
        for (int i = 0; i < phrase.words().size(); i++) {
            String want = phrase.words().get(i);
            String got = tokens.get(skip + i).word();
            if (!want.equals(got) && !(fuzzy && want.length() >= 4 && editDistance(want, got) <= 1)) {
                return false;
            }
        }
        return true;
    }

    record Token(String word, int start, int end, boolean slashed) {
    }

    /** Words of the text, lower-cased with accents and punctuation removed, with where each started. */
    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '\'')) {
                i++;
            }
            if (i > start) {
                boolean slashed = start > 0 && text.charAt(start - 1) == '/';
                out.add(new Token(normalise(text.substring(start, i)), start, i, slashed));
            }
        }
        return out;
    }

    public static String normalise(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").replace("'", "").trim().replaceAll("\\s+", " ");
    }

}
