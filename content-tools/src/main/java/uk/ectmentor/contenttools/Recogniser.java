package uk.ectmentor.contenttools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ectmentor.core.content.LearningIntention;
import uk.ectmentor.core.content.ModuleAudit;
import uk.ectmentor.core.content.Scenario;
import uk.ectmentor.core.content.SessionKind;

/**
 * Finds a session's structure in a document's lines: title, year, module, week and kind; timed
 * sections; learning intentions with codes; numbered activities and bullet prompts; audit scale
 * definitions; phase scenarios with lettered options; active ingredients, suggested actions and
 * framework statements. It works from general cues (minutes after a name, "time to complete", list
 * markers, code shapes, phase names), not from one provider's layout.
 */
final class Recogniser {
    private static final Pattern P0 = Pattern.compile("\\.[A-Za-z]+$");
    private static final Pattern P1 = Pattern.compile("[^a-z0-9]+");
    private static final Pattern P2 = Pattern.compile(".*research (and|&) practice summary.*");
    private static final Pattern P3 = Pattern.compile(".*\\bmentor (session|materials?|support|meeting)\\b.*");
    private static final Pattern P4 = Pattern.compile(".*\\b(self[- ]study|self[- ]directed study|ect session)\\b.*");
    private static final Pattern P5 = Pattern.compile("[▪•·\\uF0A7\\uF0B7]");
    private static final Pattern P8 = Pattern.compile("[▪•·\\uF0A7\\uF0B7]");
    private static final Pattern P9 = Pattern.compile("^\\d{1,2}[.)]\\s*");
    private static final Pattern P10 = Pattern.compile("[.…:]+$");
    private static final Pattern P11 = Pattern.compile("[:\\-–—(]+$");
    private static final Pattern P12 = Pattern.compile(".*\\b(estimated|approximate|time to complete)\\b.*");
    private static final Pattern P13 = Pattern.compile("\\s+");
    private static final Pattern P14 = Pattern.compile(".*\\b(than|for|of|about|within|to|least|most|over|under|in|around|last|lasts|take|takes|up|first|next|only|every|each|the|a|an|and|or|with|by|at)$");
    private static final Pattern P15 = Pattern.compile("[:]+$");
    private static final Pattern P16 = Pattern.compile("\\s+");
    private static final Pattern P17 = Pattern.compile("(?i)module\\s*\\d+.*");
    private static final Pattern P18 = Pattern.compile("^\\d{1,2}[.)]\\s*(?=[A-Z])");
    private static final Pattern P19 = Pattern.compile("(learning intentions?|what you.ll learn|what your ect will learn|aims)( (for|in) (this|the) (session|week|topic))?");
    private static final Pattern P20 = Pattern.compile("(topic |session )?introduction|overview");
    private static final Pattern P21 = Pattern.compile("(a )?research (and|&) practice summary|research summary|(a )?reminder of what the evidence says");
    private static final Pattern P22 = Pattern.compile(".*(framework|ecf|ittecf|itt) statements");
    private static final Pattern P23 = Pattern.compile("related .*statements");
    private static final Pattern P24 = Pattern.compile("suggested (actions?|action steps)|possible actions");
    private static final Pattern P25 = Pattern.compile("references|bibliography|further reading|appendix.*|use of artificial intelligence|session elements|contents");
    private static final Pattern P26 = Pattern.compile("(mentor )?meeting activities|mentor meeting activities");
    private static final Pattern P27 = Pattern.compile("review|plan|theory to practice|plan and theory to practice|next steps?|check[- ]in|reflection");
    private static final Pattern P28 = Pattern.compile("^\\d{1,2}[.)]\\s*");
    private static final Pattern P29 = Pattern.compile("\\s+");
    private static final Pattern P30 = Pattern.compile("(you|your ect|your mentee|the ect|ects?) will learn (that|how to)\\s*:");
    private static final Pattern P31 = Pattern.compile(".*\\bthere (is|are) no research.*");
    private static final Pattern P32 = Pattern.compile(".*\\blearn that\\b.*");
    private static final Pattern P33 = Pattern.compile(".*\\blearn how( to)?\\b.*");
    private static final Pattern P34 = Pattern.compile("\\s+");
    private static final Pattern P35 = Pattern.compile("[^a-z0-9 ]");
    private static final Pattern P36 = Pattern.compile(".*\\b(eyfs|early years|nursery|reception)\\b.*");
    private static final Pattern P37 = Pattern.compile(".*\\b(send|special (educational )?needs|special school)\\b.*");
    private static final Pattern P38 = Pattern.compile(".*\\b(alternative provision|ap|pru)\\b.*");
    private static final Pattern P39 = Pattern.compile(".*\\b(primary|ks1|ks2)\\b.*");
    private static final Pattern P40 = Pattern.compile(".*\\b(secondary|ks3|ks4)\\b.*");
    private static final Pattern P41 = Pattern.compile("[;,]$|;\\s*and$|\\s+and$");
    private static final Pattern P42 = Pattern.compile("\\.[A-Za-z]+$");
    private static final String NUM_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|twenty-five|thirty|thirty-five|forty|forty-five|fifty|fifty-five|sixty|ninety";
    /** "Review: 15 mins", "Review 5 mins", "Theory to Practice - 35 minutes", "Plan (10 min)", "Plan: 5-10 mins". */
    static final Pattern TIMED = Pattern.compile(
            "^(?<name>[A-Za-z][A-Za-z0-9 '’&/,.+–—-]{0,60}?)\\s*[:\\-–—(]?\\s*(?<n>\\d{1,3}|" + NUM_WORDS + ")(?:\\s*(?:-|–|to)\\s*(?<n2>\\d{1,3}))?\\s*(?:mins?|minutes?)\\.?\\)?\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** "Approximate time to complete: 8 minutes", "Estimated time to complete: 45 minutes", "Reading time: 5 minutes". */
    static final Pattern TIME_LINE = Pattern.compile(
            "^(?:approximate|estimated|approx\\.?|suggested)?\\s*(?:reading\\s+)?time(?:\\s+to)?(?:\\s+complete)?\\s*:?\\s*(?<n>\\d{1,3})\\s*(?:mins?|minutes?)\\.?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BULLET = Pattern.compile("^(?:[-*+•▪◦·‣●○■□–]|\\uF0A7|\\uF0B7)\\s*(?<t>.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(?<n>\\d{1,2})\\s*[.)]\\s+(?<t>\\S.*)$");
    private static final Pattern LETTERED = Pattern.compile("^(?<l>[a-hA-H])\\s*[).]\\s+(?<t>\\S.*)$");
    private static final Pattern CODE = Pattern.compile("^(?<c>\\d{1,2}\\.\\d{1,2}|\\d{1,2}\\.[a-z]|\\d{1,2}[a-z])\\.?\\s+(?<t>\\S.*)$");
    private static final Pattern MD_HEADING = Pattern.compile("^(?<h>#{1,6})\\s+(?<t>.*?)\\s*#*\\s*$");
    private static final Pattern MODULE_WEEK = Pattern.compile("\\bmodule\\s*(?<m>\\d{1,2})\\s*[,:\\-–]?\\s*week\\s*(?<w>\\d{1,2})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern MODULE_TITLE = Pattern.compile("^module\\s*(?<m>\\d{1,2})\\s*[:\\-–]\\s*(?<t>\\S.{2,100})$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEK_TITLE = Pattern.compile("^week\\s*(?<w>\\d{1,2})\\s*[:\\-–]\\s*(?<t>\\S.{2,120})$", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("(?:\\b|_)(?:year|yr|y)[\\s_-]*(?<y>[12])(?:\\b|_)", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEK_IN_NAME = Pattern.compile("week[\\s_-]*(?<w>\\d{1,2})", Pattern.CASE_INSENSITIVE);
    private static final Pattern MODULE_IN_NAME = Pattern.compile("(?:module|mod|m)[\\s_-]*(?<m>\\d{1,2})(?=\\D|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCALE = Pattern.compile("^(?<n>Emerging|Developing|Secure|Embedding|Established|Expert)\\s*[:\\-–—]\\s*(?<d>\\S.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCENARIO = Pattern.compile("^(?:specialist\\s*[-–:]?\\s*)?(?<p>.{2,40}?)\\s+(?:setting\\s+)?scenario\\s*:?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKUP = Pattern.compile("\\[(?:bookmark|image):[^\\]]*\\]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");

    private enum Block { NONE, INTENTIONS, INTRO, RESEARCH, SECTION, SCENARIO, STATEMENTS, SUGGESTED, IGNORE, OTHER }

    private final SourceText src;
    private final List<Warning> warnings;
    private final Draft d = new Draft();
    private Block block = Block.NONE;
    private Draft.SectionDraft section;
    private Draft.ActivityDraft activity;
    private Draft.ScenarioDraft scenario;
    private String intentionType = "other";
    private boolean inIngredients;
    private boolean bulletNext;
    private int sectionHeadingLevel = 0;
    private LearningIntention lastIntention;
    private List<LearningIntention> intentionTarget;
    private int lastScaleIndex = -1;
    private int firstTextLine = -1;
    private boolean titleFromWeekLine;
    private final java.util.Set<Integer> weekHeadings = new java.util.TreeSet<>();
    private boolean skipNextTimeLine;
    private boolean sawContent;
    private int textLines;
    /** The whole document's time when it gives one at the top (not a section). */
    Integer totalMinutes;
    private int unplacedFrom = -1;
    private int unplacedCount;

    private Recogniser(SourceText src, List<Warning> warnings) {
        this.src = src;
        this.warnings = warnings;
    }

    /** The session in {@code src}, or null when it holds no recognisable session (reported in {@code warnings}). */
    static Draft recognise(SourceText src, String programme, List<Warning> warnings) {
        Recogniser r = new Recogniser(src, warnings);
        r.d.file = src.file();
        r.d.programme = programme;
        r.fromName(Path.of(src.file()));
        r.fromFrontMatter(src.frontMatter());
        r.scan();
        return r.finish();
    }

    private void fromName(Path path) {
        String name = P0.matcher(path.getFileName().toString()).replaceFirst("");
        String lower = name.toLowerCase(Locale.ROOT);
        Matcher w = WEEK_IN_NAME.matcher(name);
        if (w.find()) {
            d.week = Integer.parseInt(w.group("w"));
        }
        Matcher m = MODULE_IN_NAME.matcher(name);
        if (m.find()) {
            d.module = Integer.parseInt(m.group("m"));
        }
        String dirs = path.getParent() == null ? "" : path.getParent().toString();
        Matcher y = YEAR.matcher(name);
        Matcher yd = YEAR.matcher(dirs);
        if (y.find()) {
            d.year = Integer.parseInt(y.group("y"));
        } else if (yd.find()) {
            d.year = Integer.parseInt(yd.group("y"));
        }
        if (lower.contains("research-and-practice-summary") || lower.contains("research_and_practice_summary")) {
            d.researchSummary = true;
        }
        List<String> tokens = List.of(P1.split(lower));
        if (tokens.contains("mentor")) {
            d.kind = SessionKind.MENTOR;
            d.slug = Draft.slugify(lower.substring(0, lower.indexOf("mentor") + "mentor".length()));
        } else if (tokens.contains("ect") || lower.contains("self-study") || lower.contains("self_study")) {
            d.kind = SessionKind.ECT;
            int at = lower.indexOf("ect");
            d.slug = Draft.slugify(at >= 0 ? lower.substring(0, at + 3) : lower);
        }
    }

    private void fromFrontMatter(Map<String, Object> fm) {
        String title = str(fm.get("title"));
        String caption = str(fm.get("caption"));
        for (String s : new String[] {title, caption, str(fm.get("heading"))}) {
            if (s == null) {
                continue;
            }
            Matcher w = WEEK_IN_NAME.matcher(s);
            if (d.week == 0 && w.find()) {
                d.week = Integer.parseInt(w.group("w"));
            }
            Matcher y = YEAR.matcher(s);
            if (y.find()) {
                d.year = Integer.parseInt(y.group("y"));
            }
            if (d.kind == null) {
                d.kind = kindCue(s);
            }
        }
        if (fm.get("module") != null) {
            d.module = toInt(fm.get("module"), d.module);
        }
        if (fm.get("week") != null) {
            d.week = toInt(fm.get("week"), d.week);
        }
        if (title != null) {
            d.fallbackTitle = title;
        }
        if (title != null && P2.matcher(title.toLowerCase(Locale.ROOT)).matches()) {
            d.researchSummary = true;
        }
    }

    private static int toInt(Object o, int fallback) {
        try {
            return Integer.parseInt(String.valueOf(o).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o).strip();
    }

    private static SessionKind kindCue(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (P3.matcher(l).matches()) {
            return SessionKind.MENTOR;
        }
        if (P4.matcher(l).matches()) {
            return SessionKind.ECT;
        }
        return null;
    }

    private void scan() {
        List<String> lines = src.lines();
        int nonBlank = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = clean(raw);
            if (line.isEmpty()) {
                if (line.isEmpty() && !raw.isBlank() && P5.matcher(raw.strip()).matches()) {
                    bulletNext = true;
                }
                continue;
            }
            int n = i + 1;
            nonBlank++;
            textLines = nonBlank;
            if (firstTextLine < 0) {
                firstTextLine = n;
            }
            boolean cueLine = nonBlank == 1 || (!raw.contains("](") && !BULLET.matcher(line).matches());
            if (nonBlank <= 40 && d.kind == null && cueLine) {
                d.kind = kindCue(line);
            }
            line(line, raw, n, nextText(lines, i));
        }
        flushUnplaced();
    }

    private String nextText(List<String> lines, int i) {
        for (int j = i + 1; j < lines.size() && j < i + 4; j++) {
            String c = clean(lines.get(j));
            if (!c.isEmpty()) {
                return c;
            }
        }
        return "";
    }

    static String clean(String raw) {
        String s = MARKUP.matcher(raw).replaceAll("");
        s = LINK.matcher(s).replaceAll("$1");
        s = s.replace('\u00A0', ' ').replace("**", "").replace("__", "").strip();
        if (P8.matcher(s).matches()) {
            return "";
        }
        if (s.equalsIgnoreCase("click here to return to content page")) {
            return "";
        }
        return s;
    }

    private void line(String line, String raw, int n, String next) {
        Matcher h = src.markdown() ? MD_HEADING.matcher(line) : null;
        boolean mdHeading = h != null && h.matches();
        int level = mdHeading ? h.group("h").length() : 0;
        String text = mdHeading ? h.group("t") : line;
        if (text.isEmpty()) {
            return;
        }

        // metadata anywhere near the top
        Matcher mw = MODULE_WEEK.matcher(text);
        if (mw.find() && d.module == 0) {
            d.module = Integer.parseInt(mw.group("m"));
            d.week = Integer.parseInt(mw.group("w"));
        }
        Matcher mt = MODULE_TITLE.matcher(text);
        if (mt.matches() && !text.contains(",") && d.moduleTitle == null) {
            d.moduleTitle = mt.group("t").strip();
            if (d.module == 0) {
                d.module = Integer.parseInt(mt.group("m"));
            }
            return;
        }
        Matcher wt = WEEK_TITLE.matcher(text);
        if (wt.matches()) {
            weekHeadings.add(Integer.parseInt(wt.group("w")));
        }
        if (wt.matches() && !titleFromWeekLine && block != Block.SECTION) {
            titleFromWeekLine = true;
            d.title = wt.group("t").strip();
            if (d.week == 0) {
                d.week = Integer.parseInt(wt.group("w"));
            }
            return;
        }

        // "time to complete" lines time the heading before them, or the whole document at the top
        Matcher tl = TIME_LINE.matcher(text);
        if (tl.matches()) {
            int minutes = Integer.parseInt(tl.group("n"));
            if (skipNextTimeLine || (section == null && d.sections.isEmpty() && totalMinutes == null && textLines <= 3)) {
                skipNextTimeLine = false;
                totalMinutes = minutes;
                return;
            }
            if (section != null && section.line >= n - 3 && section.minutes == null) {
                section.minutes = minutes;
            } else if (section != null && section.line >= n - 4) {
                warnings.add(new Warning(src.file(), n, "a second time (" + minutes + " min) for section '" + section.name + "'; kept " + section.minutes + " min"));
            }
            return;
        }
        if (TIME_LINE.matcher(next).matches() && !next.isEmpty() && isHeadingLike(text)) {
            String name = P9.matcher(text).replaceFirst("");
            if (section == null && d.sections.isEmpty() && totalMinutes == null && textLines <= 3) {
                if (d.title == null) {
                    d.title = name;
                }
                skipNextTimeLine = true;
                return;
            }
            startSection(stripNumberPrefix(text), null, n, level);
            return;
        }

        String heading = P10.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").strip();
        boolean headingLike = mdHeading || isHeadingLike(text);

        // timed section headers
        Matcher timed = TIMED.matcher(text);
        if (timed.matches() && (!BULLET.matcher(line).matches() || mdHeading)) {
            String name = P11.matcher(timed.group("name").strip()).replaceAll("").strip();
            String lname = name.toLowerCase(Locale.ROOT);
            if (P12.matcher(lname).matches()) {
                return;
            }
            if (P13.split(name).length > 8 || P14.matcher(lname).matches()) {
                content(text, raw, n);
                return;
            }
            if (name.toLowerCase(Locale.ROOT).contains("meeting activities") && !next.isEmpty() && TIMED.matcher(next).matches()) {
                return;
            }
            startSection(name, minutes(timed.group("n"), timed.group("n2"), n), n, level);
            return;
        }

        if (headingLike) {
            Block b = blockFor(heading);
            if (b != null) {
                if (b == Block.SECTION && block == Block.IGNORE) {
                    return;
                }
                if (b == Block.SECTION) {
                    startSection(P15.matcher(text).replaceAll(""), null, n, level);
                    return;
                }
                enter(b, n);
                if (b == Block.RESEARCH && !heading.startsWith("research")) {
                    d.researchSummary = d.researchSummary == null ? Boolean.TRUE : d.researchSummary;
                }
                return;
            }
            Matcher sc = SCENARIO.matcher(text);
            if (sc.matches() && !heading.startsWith("applying")) {
                String phase = phase(sc.group("p"));
                if (phase == null) {
                    warnings.add(new Warning(src.file(), n, "scenario for '" + sc.group("p") + "' is not one of the known phases "
                            + "(EYFS, Primary, Secondary, SEND, Alternative provision); skipped"));
                    enter(Block.IGNORE, n);
                } else {
                    enter(Block.SCENARIO, n);
                    scenario = new Draft.ScenarioDraft(phase);
                    d.addScenario(scenario);
                    scenario = d.scenarios.stream().filter(s -> s.phase.equals(phase)).findFirst().orElse(scenario);
                }
                return;
            }
            if (mdHeading) {
                mdHeadingElsewhere(text, level, n);
                return;
            }
        }

        if (kindCue(text) != null && P16.split(text).length <= 6 && !text.endsWith(".")) {
            return;
        }
        if (text.toLowerCase(Locale.ROOT).contains("active ingredients") && text.endsWith(":")) {
            inIngredients = true;
            return;
        }

        Matcher scale = SCALE.matcher(text);
        if (scale.matches() && block != Block.SCENARIO) {
            d.scale.add(new ModuleAudit.Level(capitalise(scale.group("n")), scale.group("d").strip()));
            lastScaleIndex = n;
            return;
        }
        if (lastScaleIndex > 0 && !d.scale.isEmpty() && n <= lastScaleIndex + 2 && startsLower(text)) {
            ModuleAudit.Level last = d.scale.remove(d.scale.size() - 1);
            d.scale.add(new ModuleAudit.Level(last.name(), last.definition() + " " + text));
            lastScaleIndex = n;
            return;
        }

        if (src.markdown() || d.title != null || block != Block.NONE || section != null) {
            content(text, raw, n);
        } else if (d.title == null && isHeadingLike(text) && block == Block.NONE && !MODULE_WEEK.matcher(text).matches()
                && !P17.matcher(text).matches()) {
            d.title = text;
        } else {
            content(text, raw, n);
        }
    }

    private static String stripNumberPrefix(String s) {
        return P18.matcher(s).replaceFirst("");
    }

    private void mdHeadingElsewhere(String text, int level, int n) {
        if (block == Block.SECTION && section != null && level > sectionHeadingLevel) {
            activity = new Draft.ActivityDraft(text);
            section.activities.add(activity);
            inIngredients = false;
            return;
        }
        if (d.title == null && level <= 2 && block == Block.NONE && section == null && !sawContent) {
            d.title = text;
            return;
        }
        if (block != Block.SECTION || level <= sectionHeadingLevel) {
            enter(Block.OTHER, n);
        }
    }

    private Integer minutes(String n, String n2, int line) {
        String top = n2 != null ? n2 : n;
        if (n2 != null) {
            warnings.add(new Warning(src.file(), line, "a range of minutes (" + n + "-" + n2 + "); used the upper figure"));
        }
        if (top.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(top);
        }
        return switch (top.toLowerCase(Locale.ROOT)) {
            case "one" -> 1; case "two" -> 2; case "three" -> 3; case "four" -> 4; case "five" -> 5; case "six" -> 6;
            case "seven" -> 7; case "eight" -> 8; case "nine" -> 9; case "ten" -> 10; case "fifteen" -> 15; case "twenty" -> 20;
            case "twenty-five" -> 25; case "thirty" -> 30; case "thirty-five" -> 35; case "forty" -> 40; case "forty-five" -> 45;
            case "fifty" -> 50; case "fifty-five" -> 55; case "sixty" -> 60; case "ninety" -> 90;
            default -> null;
        };
    }

    private static Block blockFor(String h) {
        if (P19.matcher(h).matches()) {
            return Block.INTENTIONS;
        }
        if (P20.matcher(h).matches()) {
            return Block.INTRO;
        }
        if (P21.matcher(h).matches()) {
            return Block.RESEARCH;
        }
        if (P22.matcher(h).matches() || P23.matcher(h).matches()) {
            return Block.STATEMENTS;
        }
        if (P24.matcher(h).matches()) {
            return Block.SUGGESTED;
        }
        if (P25.matcher(h).matches()) {
            return Block.IGNORE;
        }
        if (P26.matcher(h).matches()) {
            return Block.OTHER;
        }
        if (P27.matcher(h).matches()) {
            return Block.SECTION;
        }
        return null;
    }

    private static boolean isHeadingLike(String s) {
        if (s.length() > 90 || s.isEmpty()) {
            return false;
        }
        char last = s.charAt(s.length() - 1);
        if (last == '.' || last == ',' || last == ';' || last == '?' || last == '!') {
            return false;
        }
        if (BULLET.matcher(s).matches() && !Character.isLetterOrDigit(s.charAt(0))) {
            return false;
        }
        String first = P28.matcher(s).replaceFirst("");
        return !first.isEmpty() && !Character.isLowerCase(first.charAt(0)) && P29.split(s).length <= 12;
    }

    private void enter(Block b, int n) {
        flushUnplaced();
        block = b;
        inIngredients = false;
        activity = null;
        lastIntention = null;
        if (b != Block.SECTION) {
            section = null;
        }
        if (b == Block.INTENTIONS) {
            intentionTarget = d.intentions;
            intentionType = "other";
        } else if (b == Block.STATEMENTS) {
            intentionTarget = d.statements;
            intentionType = "other";
        }
        if (b != Block.SCENARIO) {
            scenario = null;
        }
    }

    private static final Pattern PART_PREFIX = Pattern.compile("(?i)^(?:(?:part|step|section|stage)\\s*\\d{1,2}|\\d{1,2})\\s*[.:)\\-–—]*\\s*(?=\\p{L})");

    private void startSection(String rawName, Integer minutes, int n, int level) {
        String stripped = PART_PREFIX.matcher(rawName.strip()).replaceFirst("");
        String name = stripped.isBlank() ? rawName : stripped;
        enter(Block.SECTION, n);
        section = new Draft.SectionDraft(name.strip(), minutes, n);
        d.sections.add(section);
        sectionHeadingLevel = level;
    }

    private void content(String text, String raw, int n) {
        sawContent = true;
        String lower = text.toLowerCase(Locale.ROOT);
        if (block != Block.INTENTIONS && block != Block.STATEMENTS && text.endsWith(":") && text.length() < 60
                && P30.matcher(lower).matches()) {
            enter(Block.INTENTIONS, n);
        }
        Matcher bullet = BULLET.matcher(text);
        boolean isBullet = bulletNext || (bullet.matches() && !text.startsWith("--"));
        String item = bulletNext ? text : (bullet.matches() ? bullet.group("t").strip() : text);
        bulletNext = false;
        if (item.isEmpty()) {
            return;
        }
        if (isBullet && inIngredients) {
            d.ingredients.add(trimList(item));
            return;
        }
        if (!isBullet) {
            inIngredients = false;
        }
        switch (block) {
            case INTENTIONS, STATEMENTS -> intention(item, isBullet);
            case INTRO -> Draft.append(d.introduction, item);
            case RESEARCH -> {
                if (P31.matcher(item.toLowerCase(Locale.ROOT)).matches()) {
                    d.researchSummary = false;
                } else if (d.researchSummary == null) {
                    d.researchSummary = true;
                }
            }
            case SECTION -> sectionContent(item, isBullet, raw);
            case SCENARIO -> scenarioContent(item);
            case SUGGESTED -> {
                if (isBullet) {
                    d.suggestedActions.add(trimList(item));
                }
            }
            case IGNORE, OTHER -> {
            }
            case NONE -> {
                if (isBullet || NUMBERED.matcher(text).matches()) {
                    unplaced(n);
                }
            }
        }
    }

    private void intention(String item, boolean isBullet) {
        String l = item.toLowerCase(Locale.ROOT);
        if (P32.matcher(l).matches() && item.length() < 80) {
            intentionType = "learn-that";
            return;
        }
        if (P33.matcher(l).matches() && item.length() < 80) {
            intentionType = "learn-how";
            return;
        }
        if (item.endsWith(":") && !isBullet) {
            return;
        }
        Matcher code = CODE.matcher(item);
        if (code.matches()) {
            lastIntention = new LearningIntention(code.group("c"), intentionType, code.group("t").strip());
            intentionTarget.add(lastIntention);
            return;
        }
        if (!isBullet && lastIntention != null && (startsLower(item) || !endsSentence(lastIntention.text()))) {
            intentionTarget.set(intentionTarget.size() - 1,
                    new LearningIntention(lastIntention.code(), lastIntention.type(), lastIntention.text() + " " + item));
            lastIntention = intentionTarget.get(intentionTarget.size() - 1);
            return;
        }
        if (isBullet || block == Block.INTENTIONS) {
            lastIntention = new LearningIntention(null, intentionType, item);
            intentionTarget.add(lastIntention);
        }
    }

    private void sectionContent(String item, boolean isBullet, String raw) {
        Matcher num = NUMBERED.matcher(isBullet ? "" : item);
        Matcher letter = LETTERED.matcher(item);
        boolean indented = raw.startsWith("  ") || raw.startsWith("\t\t");
        if (num.matches() && !startsLower(num.group("t")) && !(indented && activity != null && src.markdown())) {
            String t = num.group("t").strip();
            activity = new Draft.ActivityDraft(shortTitle(num.group("n"), t));
            if (!activity.title.endsWith(t)) {
                Draft.append(activity.text, t);
            }
            section.activities.add(activity);
            return;
        }
        if (isBullet || num.matches() || (letter.matches() && activity != null)) {
            String prompt = num.matches() ? num.group("t") : letter.matches() && !isBullet ? letter.group("t") : item;
            current().prompts.add(trimList(prompt));
            return;
        }
        if (activity != null && !activity.prompts.isEmpty() && startsLower(item)) {
            int last = activity.prompts.size() - 1;
            activity.prompts.set(last, activity.prompts.get(last) + " " + item);
            return;
        }
        if (activity != null) {
            if (activity.prompts.isEmpty()) {
                Draft.append(activity.text, item);
            } else {
                Draft.append(activity.text, item);
            }
        } else {
            Draft.append(section.summary, item);
        }
    }

    private Draft.ActivityDraft current() {
        if (activity == null) {
            activity = new Draft.ActivityDraft("Prompts");
            section.activities.add(activity);
        }
        return activity;
    }

    private static String shortTitle(String number, String text) {
        String t = text;
        int stop = firstSentenceEnd(t);
        if (stop > 0 && stop < t.length() - 1) {
            t = t.substring(0, stop);
        }
        String[] words = P34.split(t);
        if (words.length > 12) {
            t = String.join(" ", java.util.Arrays.copyOf(words, 10)) + "…";
        }
        return number + ". " + t;
    }

    private static int firstSentenceEnd(String s) {
        for (int i = 0; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if ((c == '.' || c == '?' || c == '!') && s.charAt(i + 1) == ' ') {
                return i;
            }
        }
        return -1;
    }

    private void scenarioContent(String item) {
        Matcher opt = LETTERED.matcher(item);
        if (opt.matches() && Character.isUpperCase(opt.group("l").charAt(0))) {
            scenario.options.add(new Scenario.Option(opt.group("l"), opt.group("t").strip()));
            return;
        }
        String l = item.toLowerCase(Locale.ROOT);
        if (l.startsWith("here are some options") || l.startsWith("reflect on the content") || l.startsWith("as you read the content")
                || l.startsWith("schools should delete")) {
            return;
        }
        if (scenario.options.isEmpty() && scenario.text.length() < 4000) {
            Draft.append(scenario.text, item);
        }
    }

    static String phase(String p) {
        String l = P35.matcher(p.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        if (P36.matcher(l).matches()) {
            return "EYFS";
        }
        if (P37.matcher(l).matches()) {
            return "SEND";
        }
        if (P38.matcher(l).matches()) {
            return "Alternative provision";
        }
        if (P39.matcher(l).matches()) {
            return "Primary";
        }
        if (P40.matcher(l).matches()) {
            return "Secondary";
        }
        return null;
    }

    private void unplaced(int n) {
        if (unplacedFrom < 0) {
            unplacedFrom = n;
        }
        unplacedCount++;
    }

    private void flushUnplaced() {
        if (unplacedCount > 0) {
            warnings.add(new Warning(src.file(), unplacedFrom, unplacedCount + " list item" + (unplacedCount == 1 ? "" : "s")
                    + " outside any section or known heading; not imported"));
        }
        unplacedFrom = -1;
        unplacedCount = 0;
    }

    private static String trimList(String s) {
        return P41.matcher(s.strip()).replaceAll("").strip();
    }

    private static boolean startsLower(String s) {
        return !s.isEmpty() && Character.isLowerCase(s.charAt(0));
    }

    private static boolean endsSentence(String s) {
        return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") || s.endsWith(":");
    }

    private static String capitalise(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    private static final Pattern LABEL_PREFIX = Pattern.compile("(?i)^(?:module\\s*\\d{1,2}\\s*[,:\\-–]?\\s*)?(?:week\\s*\\d{1,2})\\s*[:\\-–—]\\s*(?=\\S)");

    private Draft finish() {
        flushUnplaced();
        if (d.title != null) {
            String t = LABEL_PREFIX.matcher(d.title).replaceFirst("");
            d.title = t.isBlank() ? d.title : t;
        }
        if (weekHeadings.size() >= 2) {
            warnings.add(new Warning(src.file(), Math.max(firstTextLine, 1), "covers weeks " + weekHeadings
                    + ", so it looks like a module overview rather than one session; skipped"));
            return null;
        }
        if (d.kind == null) {
            warnings.add(new Warning(src.file(), 1, "cannot tell whether this is a mentor session or ECT self-study "
                    + "(no cue in the file name, front matter or opening lines); skipped"));
            return null;
        }
        if (d.title == null && d.fallbackTitle == null) {
            warnings.add(new Warning(src.file(), Math.max(firstTextLine, 1), "no title found; named after the file"));
            d.fallbackTitle = P42.matcher(Path.of(src.file()).getFileName().toString()).replaceFirst("");
        }
        for (Draft.SectionDraft s : d.sections) {
            if (s.minutes == null && d.sections.stream().anyMatch(o -> o.minutes != null)) {
                warnings.add(new Warning(src.file(), s.line, "section '" + s.name + "' has no minutes"));
            }
        }
        return d;
    }
}
