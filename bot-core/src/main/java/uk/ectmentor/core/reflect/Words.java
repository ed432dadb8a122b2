package uk.ectmentor.core.reflect;

import java.util.Locale;

/** Forgiving word matching for answers inside flows ("skp", "Developng", "YES!"). */
public final class Words {
    private Words() {
    }

    /** Lower case, letters, digits and single spaces only. */
    public static String plain(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").trim().replaceAll("\\s+", " ");
    }

    /** The same word, or one edit away for words of four letters or more. */
    public static boolean near(String word, String target) {
        return word.equals(target) || (target.length() >= 4 && distance(word, target) <= 1);
    }

    /** Single-letter edits (or neighbour swaps) between two words: the engine's own typo measure. */
    public static int distance(String a, String b) {
        return uk.ectmentor.core.engine.Intents.typoDistance(a, b);
    }
}
