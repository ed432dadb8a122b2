package uk.ectmentor.contenttools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import uk.ectmentor.core.content.Activity;
import uk.ectmentor.core.content.LearningIntention;
import uk.ectmentor.core.content.ModuleAudit;
import uk.ectmentor.core.content.Scenario;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;

/** A session being pieced together from one or more documents. */
final class Draft {
    private static final Pattern P0 = Pattern.compile("\\bect\\b");
    private static final Pattern P1 = Pattern.compile("[^a-z0-9]+");
    private static final Pattern P2 = Pattern.compile("(^-+|-+$)");
    private static final Pattern P3 = Pattern.compile("-+$");
    String file;
    String programme = "imported";
    int year = 1;
    int module;
    int week;
    String moduleTitle;
    SessionKind kind;
    String title;
    /** Used when no better title is found, e.g. the front-matter title of a page. */
    String fallbackTitle;
    String slug;
    final List<LearningIntention> intentions = new ArrayList<>();
    final StringBuilder introduction = new StringBuilder();
    final List<SectionDraft> sections = new ArrayList<>();
    Boolean researchSummary;
    final List<ModuleAudit.Level> scale = new ArrayList<>();
    final List<ScenarioDraft> scenarios = new ArrayList<>();
    final LinkedHashSet<String> ingredients = new LinkedHashSet<>();
    final LinkedHashSet<String> suggestedActions = new LinkedHashSet<>();
    final List<LearningIntention> statements = new ArrayList<>();

    static final class SectionDraft {
        final String name;
        final int line;
        Integer minutes;
        final StringBuilder summary = new StringBuilder();
        final List<ActivityDraft> activities = new ArrayList<>();

        SectionDraft(String name, Integer minutes, int line) {
            this.name = name;
            this.minutes = minutes;
            this.line = line;
        }
    }

    static final class ActivityDraft {
        String title;
        final StringBuilder text = new StringBuilder();
        final List<String> prompts = new ArrayList<>();

        ActivityDraft(String title) {
            this.title = title;
        }
    }

    static final class ScenarioDraft {
        final String phase;
        final StringBuilder text = new StringBuilder();
        final List<Scenario.Option> options = new ArrayList<>();

        ScenarioDraft(String phase) {
            this.phase = phase;
        }
    }

    String key() {
        return programme + "|" + year + "|" + module + "|" + week + "|" + kind + "|" + (module == 0 && week == 0 ? slug : "");
    }

    String id() {
        String k = kind.id();
        if (module > 0 && week > 0) {
            return "m" + module + "w" + week + "-" + k;
        }
        String base = slug == null || slug.isBlank() ? slugify(title()) : slug;
        return base.endsWith("-" + k) ? base : base + "-" + k;
    }

    String title() {
        if (title != null && !title.isBlank()) {
            return title;
        }
        boolean generic = fallbackTitle == null || fallbackTitle.isBlank() || fallbackTitle.toLowerCase(Locale.ROOT).matches(
                ".*(research and practice summary|self-study activities|module introduction|what you.?ll learn|learning intentions).*");
        if (generic && slug != null && !slug.isBlank()) {
            String words = P0.matcher(slug.replace('-', ' ')).replaceAll("ECT");
            return Character.toUpperCase(words.charAt(0)) + words.substring(1) + (kind == SessionKind.ECT ? " self-study" : " session");
        }
        return fallbackTitle != null && !fallbackTitle.isBlank() ? fallbackTitle : "Untitled " + kind.id() + " session";
    }

    boolean everySectionTimed() {
        return !sections.isEmpty() && sections.stream().allMatch(s -> s.minutes != null);
    }

    /** Folds a second page of the same session (say an ECT week split over several pages) into this one. */
    void absorb(Draft other) {
        if (title == null) {
            title = other.title;
        }
        if (fallbackTitle == null) {
            fallbackTitle = other.fallbackTitle;
        }
        if (moduleTitle == null) {
            moduleTitle = other.moduleTitle;
        }
        intentions.addAll(other.intentions);
        append(introduction, other.introduction.toString());
        sections.addAll(other.sections);
        if (other.researchSummary != null) {
            researchSummary = (researchSummary != null && researchSummary) || other.researchSummary;
        }
        if (scale.isEmpty()) {
            scale.addAll(other.scale);
        }
        for (ScenarioDraft s : other.scenarios) {
            addScenario(s);
        }
        ingredients.addAll(other.ingredients);
        suggestedActions.addAll(other.suggestedActions);
        statements.addAll(other.statements);
        file = file + ", " + other.file;
    }

    void addScenario(ScenarioDraft s) {
        for (ScenarioDraft existing : scenarios) {
            if (existing.phase.equals(s.phase)) {
                if (existing.options.isEmpty()) {
                    existing.options.addAll(s.options);
                }
                if (existing.text.length() == 0) {
                    existing.text.append(s.text);
                }
                return;
            }
        }
        scenarios.add(s);
    }

    Session toSession() {
        List<Section> secs = new ArrayList<>();
        for (SectionDraft s : sections) {
            List<Activity> acts = new ArrayList<>();
            for (ActivityDraft a : s.activities) {
                acts.add(new Activity(a.title, blankToNull(a.text.toString()), a.prompts));
            }
            secs.add(new Section(s.name, s.minutes, blankToNull(s.summary.toString()), acts));
        }
        List<Scenario> scen = scenarios.stream()
                .filter(s -> s.text.length() > 0)
                .map(s -> new Scenario(s.phase, s.text.toString(), s.options)).toList();
        ModuleAudit audit = scale.isEmpty() ? null : new ModuleAudit(scale, List.of());
        return new Session(id(), programme, year, module, moduleTitle, week, kind, title(), intentions,
                blankToNull(introduction.toString()), secs, researchSummary != null && researchSummary, audit, scen,
                List.copyOf(ingredients), List.copyOf(suggestedActions), statements, file);
    }

    static void append(StringBuilder sb, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (sb.length() > 0) {
            char last = sb.charAt(sb.length() - 1);
            boolean sentenceEnd = last == '.' || last == '?' || last == '!' || last == ':';
            sb.append(sentenceEnd ? "\n" : " ");
        }
        sb.append(text.strip());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String slugify(String s) {
        String slug = P2.matcher(P1.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
        return slug.length() > 60 ? P3.matcher(slug.substring(0, 60)).replaceAll("") : slug;
    }
}
