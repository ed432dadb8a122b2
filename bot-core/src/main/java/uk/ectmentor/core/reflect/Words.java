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

    /** Optimal string alignment distance, capped at 2 when the lengths differ by more than one. */
    public static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return 2;
        }
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
}
