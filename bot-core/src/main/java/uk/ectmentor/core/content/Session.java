package uk.ectmentor.core.content;

import java.util.List;
import java.util.Optional;

/**
 * One session of a programme: a mentor meeting or an ECT's self-directed study.
 *
 * @param id         stable id, e.g. {@code m4w6-mentor}
 * @param module     module number (0 when the session belongs to no numbered module, e.g. an elective)
 * @param week       week number within the module (0 when none)
 * @param audit      the module self-assessment audit, for sessions that run one (else null)
 * @param scenarios  practice scenarios by phase
 * @param source     where the session was loaded from (file name), for error messages
 */
public record Session(String id, String programme, int year, int module, String moduleTitle, int week,
                      SessionKind kind, String title, List<LearningIntention> learningIntentions,
                      String introduction, List<Section> sections, boolean researchSummary,
                      ModuleAudit audit, List<Scenario> scenarios, List<String> activeIngredients,
                      List<String> suggestedActions, List<LearningIntention> frameworkStatements,
                      String source) {

    public Session {
        learningIntentions = List.copyOf(learningIntentions);
        sections = List.copyOf(sections);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        activeIngredients = activeIngredients == null ? List.of() : List.copyOf(activeIngredients);
        suggestedActions = suggestedActions == null ? List.of() : List.copyOf(suggestedActions);
        frameworkStatements = frameworkStatements == null ? List.of() : List.copyOf(frameworkStatements);
    }

    /** Total minutes of all timed sections. */
    public int totalMinutes() {
        return sections.stream().mapToInt(s -> s.minutes() == null ? 0 : s.minutes()).sum();
    }

    /** The section with this name, ignoring case; sections can be named in the document's own words. */
    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    public String code() {
        return "m" + module + "w" + week;
    }
}
