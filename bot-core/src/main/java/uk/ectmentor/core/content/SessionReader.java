package uk.ectmentor.core.content;

import java.util.List;
import java.util.Set;

/** Maps one session file's fields onto the content model, checking each one. */
final class SessionReader {
    private static final Set<String> INTENTION_TYPES = Set.of("learn-that", "learn-how", "other");
    /** The phases scenarios may name. */
    static final List<String> PHASES = List.of("EYFS", "Primary", "Secondary", "SEND", "Alternative provision");

    private SessionReader() {
    }

    static Session read(YamlFields f, String source) {
        String kindText = f.string("kind");
        SessionKind kind;
        try {
            kind = SessionKind.parse(kindText);
        } catch (IllegalArgumentException e) {
            throw f.error("kind", "must be mentor or ect, not '" + kindText + "'");
        }
        int module = f.integer("module");
        int week = f.integer("week");
        if (module < 0 || week < 0) {
            throw f.error(module < 0 ? "module" : "week", "must not be negative");
        }
        List<LearningIntention> intentions = f.list("learningIntentions").stream()
                .map(SessionReader::intention)
                .toList();
        List<Section> sections = f.list("sections").stream().map(SessionReader::section).toList();
        return new Session(
                f.string("id"),
                f.has("programme") ? f.string("programme") : "ecf",
                f.has("year") ? f.integer("year") : 1,
                module,
                f.optionalString("moduleTitle"),
                week,
                kind,
                f.string("title"),
                intentions,
                f.optionalString("introduction"),
                sections,
                f.bool("researchSummary", false),
                f.has("audit") ? audit(f) : null,
                f.list("scenarios").stream().map(SessionReader::scenario).toList(),
                f.strings("activeIngredients"),
                f.strings("suggestedActions"),
                f.list("frameworkStatements").stream().map(SessionReader::intention).toList(),
                source);
    }

    private static ModuleAudit audit(YamlFields session) {
        YamlFields a = session.mapping("audit");
        List<ModuleAudit.Level> scale = a.list("scale").stream()
                .map(l -> new ModuleAudit.Level(l.string("name"), l.string("definition"))).toList();
        List<ModuleAudit.Criterion> criteria = a.list("criteria").stream()
                .map(c -> new ModuleAudit.Criterion(c.optionalString("code"), c.string("text"))).toList();
        if (criteria.isEmpty()) {
            throw a.error("criteria", "an audit needs at least one criterion");
        }
        return new ModuleAudit(scale, criteria);
    }

    private static Scenario scenario(YamlFields f) {
        String phase = f.string("phase");
        if (PHASES.stream().noneMatch(p -> p.equalsIgnoreCase(phase))) {
            throw f.error("phase", "must be one of " + PHASES + ", not '" + phase + "'");
        }
        List<Scenario.Option> options = f.list("options").stream()
                .map(o -> new Scenario.Option(o.string("label"), o.string("text"))).toList();
        return new Scenario(PHASES.stream().filter(p -> p.equalsIgnoreCase(phase)).findFirst().orElseThrow(),
                f.string("text"), options);
    }

    private static LearningIntention intention(YamlFields f) {
        String type = f.has("type") ? f.string("type") : "other";
        if (!INTENTION_TYPES.contains(type)) {
            throw f.error("type", "must be one of " + INTENTION_TYPES + ", not '" + type + "'");
        }
        return new LearningIntention(f.optionalString("code"), type, f.string("text"));
    }

    private static Section section(YamlFields f) {
        Integer minutes = f.optionalInteger("minutes");
        if (minutes != null && (minutes < 0 || minutes > 600)) {
            throw f.error("minutes", "must be between 0 and 600, not " + minutes);
        }
        List<Activity> activities = f.list("activities").stream()
                .map(a -> new Activity(a.string("title"), a.optionalString("text"), a.strings("prompts")))
                .toList();
        return new Section(f.string("name"), minutes, f.optionalString("summary"), activities);
    }
}
