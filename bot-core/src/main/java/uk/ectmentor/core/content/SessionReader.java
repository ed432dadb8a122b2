package uk.ectmentor.core.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Maps one session file's fields onto the content model, checking each one. It reads on past a mistake
 * so that one run reports every problem in the file, then throws them together.
 */
final class SessionReader {
    private static final Set<String> INTENTION_TYPES = Set.of("learn-that", "learn-how", "other");
    /** The phases scenarios may name. */
    static final List<String> PHASES = List.of("EYFS", "Primary", "Secondary", "SEND", "Alternative provision");
    /** Top-level fields a session file may have; anything else is probably a misspelling. */
    static final Set<String> FIELDS = Set.of("id", "programme", "year", "module", "moduleTitle", "week", "kind",
            "title", "learningIntentions", "introduction", "sections", "researchSummary", "audit", "scenarios",
            "activeIngredients", "suggestedActions", "frameworkStatements");

    private SessionReader() {
    }

    /** Collects problems instead of stopping at the first. */
    static final class Problems {
        final List<ContentException> found = new ArrayList<>();

        <T> T get(Supplier<T> read, T fallback) {
            try {
                return read.get();
            } catch (ContentException e) {
                found.add(e);
                return fallback;
            }
        }

        <T> List<T> each(YamlFields f, String field, Function<YamlFields, T> read) {
            List<Supplier<YamlFields>> items = get(() -> f.items(field), List.of());
            List<T> out = new ArrayList<>();
            for (Supplier<YamlFields> item : items) {
                T value = get(() -> read.apply(item.get()), null);
                if (value != null) {
                    out.add(value);
                }
            }
            return out;
        }
    }

    static Session read(YamlFields f, String source) {
        Problems p = new Problems();
        for (String name : f.names()) {
            if (!FIELDS.contains(name)) {
                p.found.add(f.error(name, "is not a session field (known fields: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")"));
            }
        }
        String id = p.get(() -> f.string("id"), "?");
        SessionKind kind = p.get(() -> kind(f), SessionKind.MENTOR);
        int module = p.get(() -> nonNegative(f, "module"), 0);
        int week = p.get(() -> nonNegative(f, "week"), 0);
        String programme = p.get(() -> f.has("programme") ? f.string("programme") : "ecf", "ecf");
        int year = p.get(() -> f.has("year") ? f.integer("year") : 1, 1);
        String moduleTitle = p.get(() -> f.optionalString("moduleTitle"), null);
        String title = p.get(() -> f.string("title"), "?");
        List<LearningIntention> intentions = p.each(f, "learningIntentions", i -> intention(i, p));
        String introduction = p.get(() -> f.optionalString("introduction"), null);
        List<Section> sections = p.each(f, "sections", s -> section(s, p));
        boolean research = p.get(() -> f.bool("researchSummary", false), false);
        ModuleAudit audit = p.get(() -> f.has("audit") ? audit(f, p) : null, null);
        List<Scenario> scenarios = p.each(f, "scenarios", s -> scenario(s, p));
        List<String> ingredients = p.get(() -> f.strings("activeIngredients"), List.of());
        List<String> actions = p.get(() -> f.strings("suggestedActions"), List.of());
        List<LearningIntention> statements = p.each(f, "frameworkStatements", i -> intention(i, p));
        if (!p.found.isEmpty()) {
            p.found.sort(java.util.Comparator.comparingInt(ContentException::line));
            throw ContentException.of(p.found);
        }
        return new Session(id, programme, year, module, moduleTitle, week, kind, title, intentions, introduction,
                sections, research, audit, scenarios, ingredients, actions, statements, source);
    }

    /** Just the identity of a file that has mistakes (id, kind, year, module, week), so duplicates are still found; null if unreadable. */
    static Session identity(YamlFields f, String source) {
        Problems p = new Problems();
        String id = p.get(() -> f.string("id"), null);
        SessionKind kind = p.get(() -> kind(f), null);
        if (id == null || kind == null) {
            return null;
        }
        return new Session(id, p.get(() -> f.has("programme") ? f.string("programme") : "ecf", "ecf"),
                p.get(() -> f.has("year") ? f.integer("year") : 1, 1), p.get(() -> nonNegative(f, "module"), 0), null,
                p.get(() -> nonNegative(f, "week"), 0), kind, "?", List.of(), null, List.of(), false, null,
                List.of(), List.of(), List.of(), List.of(), source);
    }

    private static SessionKind kind(YamlFields f) {
        String kindText = f.string("kind");
        try {
            return SessionKind.parse(kindText);
        } catch (IllegalArgumentException e) {
            throw f.error("kind", "must be mentor, ect or template, not '" + kindText + "'");
        }
    }

    private static int nonNegative(YamlFields f, String field) {
        int n = f.integer(field);
        if (n < 0) {
            throw f.error(field, "must not be negative, not " + n);
        }
        return n;
    }

    private static ModuleAudit audit(YamlFields session, Problems p) {
        YamlFields a = session.mapping("audit");
        List<ModuleAudit.Level> scale = p.each(a, "scale", l -> new ModuleAudit.Level(l.string("name"), l.string("definition")));
        List<ModuleAudit.Criterion> criteria = p.each(a, "criteria",
                c -> new ModuleAudit.Criterion(c.optionalString("code"), c.string("text")));
        if (scale.isEmpty() && criteria.isEmpty() && p.get(() -> a.items("criteria"), List.of()).isEmpty()
                && p.get(() -> a.items("scale"), List.of()).isEmpty()) {
            throw a.error("criteria", "an audit needs a scale or at least one criterion");
        }
        return new ModuleAudit(scale, criteria);
    }

    private static Scenario scenario(YamlFields f, Problems p) {
        String phase = p.get(() -> phase(f), null);
        String text = p.get(() -> f.string("text"), null);
        List<Scenario.Option> options = p.each(f, "options", o -> new Scenario.Option(o.string("label"), o.string("text")));
        return phase == null || text == null ? null : new Scenario(phase, text, options);
    }

    private static String phase(YamlFields f) {
        String phase = f.string("phase");
        return PHASES.stream().filter(x -> x.equalsIgnoreCase(phase)).findFirst()
                .orElseThrow(() -> f.error("phase", "must be one of " + PHASES + ", not '" + phase + "'"));
    }

    private static LearningIntention intention(YamlFields f, Problems p) {
        String type = p.get(() -> {
            String t = f.has("type") ? f.string("type") : "other";
            if (!INTENTION_TYPES.contains(t)) {
                throw f.error("type", "must be one of " + INTENTION_TYPES.stream().sorted().toList() + ", not '" + t + "'");
            }
            return t;
        }, null);
        String code = p.get(() -> f.optionalString("code"), null);
        String text = p.get(() -> f.string("text"), null);
        return type == null || text == null ? null : new LearningIntention(code, type, text);
    }

    private static Section section(YamlFields f, Problems p) {
        String name = p.get(() -> f.string("name"), null);
        Integer minutes = p.get(() -> {
            Integer m = f.optionalInteger("minutes");
            if (m != null && (m < 0 || m > 600)) {
                throw f.error("minutes", "must be between 0 and 600, not " + m);
            }
            return m;
        }, null);
        String summary = p.get(() -> f.optionalString("summary"), null);
        List<Activity> activities = p.each(f, "activities", a -> activity(a, p));
        return name == null ? null : new Section(name, minutes, summary, activities);
    }

    private static Activity activity(YamlFields a, Problems p) {
        String title = p.get(() -> a.string("title"), null);
        String text = p.get(() -> a.optionalString("text"), null);
        List<String> prompts = p.get(() -> a.strings("prompts"), List.of());
        return title == null ? null : new Activity(title, text, prompts.stream().filter(Objects::nonNull).toList());
    }
}
