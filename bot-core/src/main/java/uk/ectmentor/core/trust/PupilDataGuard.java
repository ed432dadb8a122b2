package uk.ectmentor.core.trust;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spots text that may identify a pupil before it is stored: Unique Pupil Numbers (confirmed by their check
 * letter), full names written near words that point at a pupil, dates of birth, and health or SEND details
 * written next to a name. It errs towards asking: a finding is a prompt to the writer, never a refusal.
 *
 * <p>Pure Java, no state: one instance can be shared.
 */
public final class PupilDataGuard {

    /** What kind of identifier a finding is. */
    public enum Kind {
        UPN("a Unique Pupil Number", "[UPN]"),
        PUPIL_NAME("a pupil's full name", "[pupil]"),
        DATE_OF_BIRTH("a date of birth", "[date of birth]"),
        HEALTH_OR_SEND("a health or SEND detail next to a name", "[health/SEND detail]");

        private final String description;
        private final String placeholder;

        Kind(String description, String placeholder) {
            this.description = description;
            this.placeholder = placeholder;
        }

        public String description() {
            return description;
        }

        public String placeholder() {
            return placeholder;
        }
    }

    /** One likely identifier, at {@code [start, end)} of the checked text. */
    public record Finding(Kind kind, int start, int end) {
    }

    /** The findings (in text order, not overlapping) and the text with each one replaced by a placeholder. */
    public record Result(List<Finding> findings, String redacted) {
        public Result {
            findings = List.copyOf(findings);
        }

        public boolean flagged() {
            return !findings.isEmpty();
        }

        /** The distinct kinds found, in the order of {@link Kind}. */
        public List<Kind> kinds() {
            return findings.stream().map(Finding::kind).distinct().sorted().toList();
        }
    }

    /** The 23 letters a check letter (or a final letter) may be: A to Z without I, O and S. */
    static final String UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private static final Pattern UPN_CANDIDATE = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z][0-9]{11}[0-9A-Za-z](?![A-Za-z0-9])");
    private static final Pattern CAPITALISED = Pattern.compile("\\b\\p{Lu}[\\p{L}]+(?:[-'\u2019]\\p{Lu}[\\p{L}]+)?\\b");
    private static final Pattern PUPIL_CONTEXT = Pattern.compile(
            "\\b(?:pupils?|students?|child(?:ren)?|boys?|girls?|learners?|kids?|year\\s?\\d{1,2}|y\\d{1,2}|yr\\s?\\d{1,2}"
                    + "|reception|nursery|form\\s+group|tutee|son|daughter|mum|dad|parents?|carers?|guardian|detention|excluded|exclusion)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PUPIL_WORD_BEFORE_NAME = Pattern.compile(
            "\\b(?:pupil|student|child|boy|girl|learner|tutee)\\s+$", Pattern.CASE_INSENSITIVE);
    private static final String STAFF = "(?:mentor|colleague|teacher|ta|teaching\\s+assistant|senco|hod|head\\s+of\\s+\\w+|headteacher|head|deputy|"
            + "induction\\s+tutor|tutor|line\\s+manager|ect|trainer|facilitator|author|researcher)";
    private static final Pattern STAFF_BEFORE_NAME = Pattern.compile("\\b(?:my|our|the)?\\s*" + STAFF + "\\s*,?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern STAFF_AFTER_NAME = Pattern.compile("^\\s*(?:,|\\(|-|\\u2013)?\\s*(?:is\\s+)?(?:my|our|the|a|an)?\\s*" + STAFF + "\\b",
            Pattern.CASE_INSENSITIVE);
    private static final String MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private static final Pattern DATE = Pattern.compile(
            "\\b(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})"
                    + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:" + MONTHS + ")\\.?,?\\s+\\d{4}"
                    + "|(?:" + MONTHS + ")\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
                    + "|\\d{4}-\\d{2}-\\d{2})\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BIRTH_WORDS = Pattern.compile(
            "\\b(?:d\\.?o\\.?b\\.?|date\\s+of\\s+birth|born(?:\\s+on)?|birthday(?:\\s+is)?|birth\\s+date)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEALTH = Pattern.compile(
            "\\b(?:adhd|asd|autis(?:m|tic)|asperger'?s?|dyslexi(?:a|c)|dyspraxi(?:a|c)|dyscalculi(?:a|c)|ehcp|ehc\\s+plan"
                    + "|sen\\s+support|send\\s+register|semh|sensory\\s+processing|epilep(?:sy|tic)|seizures?|diabet(?:es|ic)"
                    + "|asthma(?:tic)?|anaphyla(?:xis|ctic)|epipen|allerg(?:y|ic|ies)|insulin|medication|self[-\\s]harm(?:ing)?"
                    + "|eating\\s+disorder|anorexi(?:a|c)|depress(?:ion|ed)|anxiety\\s+disorder|ocd|tourette'?s?|cerebral\\s+palsy"
                    + "|down'?s\\s+syndrome|hearing\\s+(?:impair(?:ed|ment)|aid)|visual(?:ly)?\\s+impair(?:ed|ment)"
                    + "|speech\\s+and\\s+language|salt\\s+referral|camhs|social\\s+services|child\\s+protection|looked[-\\s]after)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?\\n]");

    /** Capitalised words that are not names however they are placed. */
    private static final Set<String> NOT_NAMES = Set.copyOf(java.util.List.of(
            "i", "the", "a", "an", "and", "but", "so", "then", "today", "yesterday", "tomorrow", "this", "that", "these",
            "those", "when", "after", "before", "during", "next", "last", "my", "our", "their", "his", "her", "we", "they",
            "he", "she", "it", "in", "on", "at", "for", "with", "year", "class", "group", "set", "form", "lesson", "term",
            "week", "module", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
            "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "mr", "mrs", "ms", "miss", "dr", "sir", "head", "senco", "ect", "ects", "send", "sen", "ks1", "ks2", "ks3",
            "ks4", "ks5", "gcse", "english", "maths", "mathematics", "science", "history", "geography", "art", "music",
            "pe", "re", "french", "spanish", "german", "computing", "drama", "biology", "chemistry", "physics",
            "whole", "cold", "calling", "feedback", "reading", "writing", "phonics", "school", "academy", "primary",
            "secondary", "trust", "department", "hall", "library", "room", "block", "building", "road", "street",
            "pupil", "pupils", "student", "students", "child", "children", "boy", "boys", "girl", "girls", "teacher",
            "mentor", "tutor", "also", "still", "some", "most", "all", "one", "two", "three", "both", "every", "each"));

    /** Common given names in English schools: the first half of a full name. */
    private static final Set<String> FIRST_NAMES = Set.copyOf(java.util.List.of(
            "oliver", "george", "harry", "noah", "jack", "leo", "arthur", "muhammad", "mohammed", "mohammad", "oscar",
            "charlie", "jacob", "thomas", "henry", "william", "alfie", "joshua", "freddie", "archie", "theo", "james",
            "ethan", "isaac", "alexander", "joseph", "edward", "samuel", "max", "logan", "lucas", "daniel", "theodore",
            "dylan", "harrison", "adam", "finley", "riley", "toby", "benjamin", "mason", "jayden", "kai", "ryan", "liam",
            "tyler", "callum", "connor", "kieran", "jordan", "luke", "matthew", "michael", "david", "sebastian", "reuben",
            "zayn", "ali", "omar", "yusuf", "ibrahim", "ahmed", "hassan", "kofi", "kwame", "tariq", "arjun", "rohan",
            "olivia", "amelia", "isla", "ava", "mia", "ivy", "lily", "isabella", "rosie", "sophia", "grace", "freya",
            "willow", "florence", "emily", "ella", "poppy", "evie", "elsie", "charlotte", "evelyn", "sophie", "daisy",
            "sienna", "chloe", "jessica", "ruby", "phoebe", "millie", "matilda", "harper", "layla", "maya", "zara",
            "aisha", "amira", "fatima", "maryam", "hannah", "leah", "megan", "holly", "lucy", "ellie", "amy", "katie",
            "eleanor", "alice", "lola", "niamh", "erin", "abigail", "scarlett", "molly", "jasmine", "priya", "anaya",
            "chanel", "precious", "tia", "kayla", "jade", "nia", "esme", "imogen", "beatrice", "violet", "aria",
            "jamie", "alex", "sam", "frankie", "morgan", "casey", "robin", "ashley", "taylor"));

    /** Checks {@code text}; null or blank text has no findings. */
    public Result check(String text) {
        if (text == null || text.isBlank()) {
            return new Result(List.of(), text == null ? "" : text);
        }
        List<Finding> found = new ArrayList<>();
        upns(text, found);
        List<Finding> names = names(text);
        found.addAll(names);
        datesOfBirth(text, found);
        health(text, names, found);
        List<Finding> merged = merge(found);
        return new Result(merged, redact(text, merged));
    }

    /** True when {@code candidate} is a well-formed UPN whose first letter matches its check calculation. */
    public static boolean isValidUpn(String candidate) {
        if (candidate == null || candidate.length() != 13) {
            return false;
        }
        String upper = candidate.toUpperCase(Locale.ROOT);
        for (int i = 1; i <= 11; i++) {
            if (!Character.isDigit(upper.charAt(i)) || upper.charAt(i) > '9') {
                return false;
            }
        }
        char last = upper.charAt(12);
        if (!(last >= '0' && last <= '9') && UPN_LETTERS.indexOf(last) < 0) {
            return false;
        }
        return UPN_LETTERS.indexOf(upper.charAt(0)) >= 0 && upper.charAt(0) == checkLetter(upper.substring(1));
    }

    /**
     * The check letter for the 12 characters after it: each character's value (a digit's own value; a final
     * letter's position in {@link #UPN_LETTERS}) times its position in the full UPN (2 to 13), summed, mod 23,
     * read as a position in {@link #UPN_LETTERS}.
     */
    public static char checkLetter(String lastTwelve) {
        if (lastTwelve.length() != 12) {
            throw new IllegalArgumentException("a UPN has 12 characters after its check letter");
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = Character.toUpperCase(lastTwelve.charAt(i));
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (i == 11 && UPN_LETTERS.indexOf(c) >= 0) {
                value = UPN_LETTERS.indexOf(c);
            } else {
                throw new IllegalArgumentException("not a UPN character at position " + (i + 2));
            }
            sum += value * (i + 2);
        }
        return UPN_LETTERS.charAt(sum % 23);
    }

    private static void upns(String text, List<Finding> out) {
        Matcher m = UPN_CANDIDATE.matcher(text);
        while (m.find()) {
            if (isValidUpn(m.group())) {
                out.add(new Finding(Kind.UPN, m.start(), m.end()));
            }
        }
    }

    private static List<Finding> names(String text) {
        List<int[]> words = new ArrayList<>();
        Matcher m = CAPITALISED.matcher(text);
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            int[] first = words.get(i);
            int[] second = words.get(i + 1);
            String between = text.substring(first[1], second[0]);
            if (!between.equals(" ")) {
                continue;
            }
            String a = text.substring(first[0], first[1]).toLowerCase(Locale.ROOT);
            String b = text.substring(second[0], second[1]).toLowerCase(Locale.ROOT);
            if (NOT_NAMES.contains(a) || NOT_NAMES.contains(b) || isStaffTitleBefore(text, first[0])
                    || isNamedAsStaff(text, first[0], second[1])) {
                continue;
            }
            boolean knownFirstName = FIRST_NAMES.contains(a);
            boolean namedAsPupil = PUPIL_WORD_BEFORE_NAME.matcher(text.substring(Math.max(0, first[0] - 12), first[0])).find();
            if (namedAsPupil || knownFirstName && pupilContextNear(text, first[0], second[1])) {
                out.add(new Finding(Kind.PUPIL_NAME, first[0], second[1]));
                i++;
            }
        }
        return out;
    }

    /** "my mentor Sophie Brown", "Sophie Brown, the SENCO": a colleague, not a pupil. */
    private static boolean isNamedAsStaff(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 30), start);
        String after = text.substring(end, Math.min(text.length(), end + 30));
        return STAFF_BEFORE_NAME.matcher(before).find() && !before.isBlank() || STAFF_AFTER_NAME.matcher(after).find();
    }

    private static boolean isStaffTitleBefore(String text, int start) {
        String before = text.substring(Math.max(0, start - 5), start).toLowerCase(Locale.ROOT);
        return before.matches(".*\\b(?:mr|mrs|ms|miss|dr|sir)\\.?\\s+$");
    }

    private static boolean pupilContextNear(String text, int start, int end) {
        String window = text.substring(Math.max(0, start - 60), Math.min(text.length(), end + 60));
        return PUPIL_CONTEXT.matcher(window).find();
    }

    private static void datesOfBirth(String text, List<Finding> out) {
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 30), m.start());
            Matcher birth = BIRTH_WORDS.matcher(before);
            int at = -1;
            while (birth.find()) {
                at = birth.start();
            }
            if (at >= 0 && !SENTENCE_END.matcher(before.substring(at)).find()) {
                out.add(new Finding(Kind.DATE_OF_BIRTH, m.start(), m.end()));
            }
        }
    }

    private static void health(String text, List<Finding> names, List<Finding> out) {
        Matcher m = HEALTH.matcher(text);
        while (m.find()) {
            int from = sentenceStart(text, m.start());
            int to = sentenceEnd(text, m.end());
            boolean named = names.stream().anyMatch(n -> n.start() >= from && n.end() <= to) || hasFirstName(text, from, to);
            if (named) {
                out.add(new Finding(Kind.HEALTH_OR_SEND, m.start(), m.end()));
            }
        }
    }

    private static boolean hasFirstName(String text, int from, int to) {
        Matcher w = CAPITALISED.matcher(text.substring(from, to));
        while (w.find()) {
            String word = w.group().toLowerCase(Locale.ROOT).replaceAll("['\u2019]s$", "");
            if (FIRST_NAMES.contains(word) && !isStaffTitleBefore(text, from + w.start())) {
                return true;
            }
        }
        return false;
    }

    private static int sentenceStart(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static int sentenceEnd(String text, int at) {
        Matcher m = SENTENCE_END.matcher(text);
        return m.find(at) ? m.start() : text.length();
    }

    private static List<Finding> merge(List<Finding> found) {
        List<Finding> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(f -> -f.end()));
        List<Finding> out = new ArrayList<>();
        for (Finding f : sorted) {
            if (!out.isEmpty() && f.start() < out.get(out.size() - 1).end()) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    private static String redact(String text, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (Finding f : findings) {
            sb.append(text, at, f.start()).append(f.kind().placeholder());
            at = f.end();
        }
        return sb.append(text.substring(at)).toString();
    }
}
