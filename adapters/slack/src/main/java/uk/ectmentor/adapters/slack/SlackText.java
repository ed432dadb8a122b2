package uk.ectmentor.adapters.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text to and from Slack: mrkdwn escaping, Slack's markup in what users type, and cutting to a limit. */
final class SlackText {
    private static final Pattern LINK = Pattern.compile("<([^<>|]*)(?:\\|([^<>]*))?>");

    private SlackText() {
    }

    /** Escapes the three characters Slack's mrkdwn treats as markup. The core's *bold* and _italic_ pass through. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** What a person typed, as plain text: links and mentions reduced to their labels, entities decoded. */
    static String fromSlack(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LINK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String target = m.group(1);
            String label = m.group(2);
            String plain;
            if (label != null && !label.isEmpty()) {
                plain = label;
            } else if (target.startsWith("@") || target.startsWith("#")) {
                plain = target;
            } else if (target.startsWith("!")) {
                plain = "@" + target.substring(1);
            } else {
                plain = target.startsWith("mailto:") ? target.substring(7) : target;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(plain));
        }
        m.appendTail(out);
        return unescape(out.toString());
    }

    /** Cuts to at most {@code max} characters, marking the cut with an ellipsis; never splits a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** Escapes and cuts so that the escaped text is at most {@code max} characters (an ellipsis marks a cut). */
    static String escapeCut(String text, int max) {
        List<String> pieces = split(text, max - 1);
        return pieces.size() == 1 ? escape(pieces.get(0)) : escape(pieces.get(0)) + "…";
    }

    /**
     * Splits plain text into pieces whose escaped form fits {@code limit}, breaking at a line end or a space
     * where there is one in the second half of a piece. Nothing is lost: the pieces joined are the text.
     */
    static List<String> split(String text, int limit) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int size = 0;
            int i = start;
            while (i < text.length()) {
                int w = escapedWidth(text.charAt(i));
                if (size + w > limit) {
                    break;
                }
                size += w;
                i++;
            }
            if (i < text.length()) {
                int breakAt = -1;
                for (int j = i; j > start + (i - start) / 2; j--) {
                    char c = text.charAt(j - 1);
                    if (c == '\n') {
                        breakAt = j;
                        break;
                    }
                    if (breakAt < 0 && c == ' ') {
                        breakAt = j;
                    }
                }
                if (breakAt > start) {
                    i = breakAt;
                } else if (Character.isHighSurrogate(text.charAt(i - 1))) {
                    i--;
                }
            }
            if (i == start) {
                i = start + 1;
            }
            String piece = text.substring(start, i).strip();
            if (!piece.isEmpty()) {
                out.add(piece);
            }
            start = i;
        }
        if (out.isEmpty()) {
            out.add(" ");
        }
        return out;
    }

    private static int escapedWidth(char c) {
        if (c == '&') {
            return 5;
        }
        return c == '<' || c == '>' ? 4 : 1;
    }
}
