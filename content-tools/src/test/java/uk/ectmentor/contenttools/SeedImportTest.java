package uk.ectmentor.contenttools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.content.Activity;
import uk.ectmentor.core.content.LearningIntention;
import uk.ectmentor.core.content.ModuleAudit;
import uk.ectmentor.core.content.Scenario;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;

/** The importer over the five seed documents (plain-text exports of Word and PDF files). */
class SeedImportTest {

    static Session only(String seedPrefix) throws IOException {
        Importer.Result r = Importer.importAll(List.of(Shared.seed(seedPrefix)));
        assertThat(r.filesRead()).isEqualTo(1);
        assertThat(r.sessions()).hasSize(1);
        return r.sessions().get(0);
    }

    @Test
    void module4Week6MentorSession() throws IOException {
        Session s = only("000");
        assertThat(s.id()).isEqualTo("m4w6-mentor");
        assertThat(s.kind()).isEqualTo(SessionKind.MENTOR);
        assertThat(s.module()).isEqualTo(4);
        assertThat(s.week()).isEqualTo(6);
        assertThat(s.title()).isEqualTo("Putting effective marking and feedback into practice");
        assertThat(s.moduleTitle()).isEqualTo("Making productive use of assessment");
        assertThat(s.researchSummary()).isFalse();
        assertThat(s.learningIntentions()).extracting(LearningIntention::code, LearningIntention::type)
                .containsExactly(tuple("6.3", "learn-that"), tuple("6l", "learn-how"));
        assertThat(s.learningIntentions().get(0).text()).endsWith("be able to justify its use.");
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", 5), tuple("Plan", 5), tuple("Theory to Practice", 35), tuple("Next Steps", 5));
        Section t2p = s.section("Theory to Practice").orElseThrow();
        assertThat(t2p.activities()).extracting(Activity::title).containsExactly(
                "1. Analyse artefacts", "2. Scripting / rehearsal", "3. Discuss / sharing of practice", "4. Collaborative planning");
        assertThat(t2p.activities()).extracting(a -> a.prompts().size()).containsExactly(2, 4, 4, 2);
        assertThat(s.section("Review").orElseThrow().activities().get(0).prompts()).hasSize(3);
    }

    @Test
    void module1Week1AuditWithScaleDefinitions() throws IOException {
        Session s = only("002");
        assertThat(s.id()).isEqualTo("m1w1-mentor");
        assertThat(s.title()).isEqualTo("Module audit");
        assertThat(s.moduleTitle()).isEqualTo("Enabling pupil learning");
        assertThat(s.learningIntentions()).hasSize(3);
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", 15), tuple("Plan and Theory to Practice", 40), tuple("Next Steps", 5));
        assertThat(s.section("Review").orElseThrow().activities().get(0).prompts()).hasSize(6);
        Section plan = s.section("Plan and Theory to Practice").orElseThrow();
        assertThat(plan.activities()).hasSize(2);
        assertThat(plan.activities().get(1).prompts()).hasSize(5);
        assertThat(s.audit().scale()).extracting(ModuleAudit.Level::name).containsExactly("Emerging", "Developing", "Secure");
        assertThat(s.audit().scale().get(1).definition()).endsWith("further work in this area.");
    }

    @Test
    void module5Week7ActionPlanning() throws IOException {
        Session s = only("004");
        assertThat(s.id()).isEqualTo("m5w7-mentor");
        assertThat(s.title()).isEqualTo("Review of Year 1 and planning for Year 2");
        assertThat(s.moduleTitle()).isEqualTo("Fulfilling professional responsibilities");
        assertThat(s.learningIntentions()).hasSize(2);
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Mentor Meeting Activities", 45), tuple("Next Steps", 5));
        Activity planning = s.sections().get(0).activities().get(0);
        assertThat(planning.title()).isEqualTo("1. Action planning");
        assertThat(planning.prompts()).hasSize(6).anyMatch(p -> p.contains("SMART"));
    }

    @Test
    void electiveSelfStudyForTheEct() throws IOException {
        Session s = only("003");
        assertThat(s.kind()).isEqualTo(SessionKind.ECT);
        assertThat(s.title()).isEqualTo("Assessment for learning");
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Introduction", 3), tuple("Developing your reflective practice", 8),
                tuple("Working with others to develop your practice", 8), tuple("Applying your learning: scenarios", 5),
                tuple("Summary", 2), tuple("Next steps", 2));
        assertThat(s.section("Next steps").orElseThrow().activities()).extracting(a -> a.prompts().size()).containsExactly(3, 5);
        assertThat(s.scenarios()).extracting(Scenario::phase)
                .containsExactly("EYFS", "Primary", "Secondary", "SEND", "Alternative provision");
        assertThat(s.scenarios()).allSatisfy(sc -> assertThat(sc.options()).extracting(Scenario.Option::label).containsExactly("A", "B", "C"));
        assertThat(s.activeIngredients()).hasSize(6);
        assertThat(s.suggestedActions()).hasSize(3);
        assertThat(s.frameworkStatements()).extracting(LearningIntention::code)
                .containsExactly("8.1", "8.2", "8.3", "8.7", "8.9", "8.a", "8.b", "8.c", "8.d", "8.e");
        assertThat(s.frameworkStatements()).extracting(LearningIntention::type)
                .containsExactly("learn-that", "learn-that", "learn-that", "learn-that", "learn-that",
                        "learn-how", "learn-how", "learn-how", "learn-how", "learn-how");
    }

    @Test
    void mentorSupportMaterialsForTheElective() throws IOException {
        Session s = only("001");
        assertThat(s.kind()).isEqualTo(SessionKind.MENTOR);
        assertThat(s.title()).startsWith("ECT Programme Mentor support materials");
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Introduction", 1), tuple("Developing your practice in relation to assessment and feedback", 8),
                tuple("Next steps: preparing for your mentoring session", 5));
        assertThat(s.sections().get(2).activities().get(0).prompts()).hasSize(5);
        assertThat(s.scenarios()).hasSize(5).allSatisfy(sc -> assertThat(sc.options()).hasSize(3));
        assertThat(s.activeIngredients()).contains("clarity of purpose: knowing why you are reflecting");
        assertThat(s.frameworkStatements()).hasSize(10);
    }

    @Test
    void allFiveSeedsTogetherGiveFiveSessions() {
        Importer.Result r = Importer.importAll(List.of(Shared.dir().resolve("seeds")));
        assertThat(r.filesRead()).isEqualTo(5);
        assertThat(r.sessions()).hasSize(5);
        assertThat(r.fullyTimed()).isEqualTo(5);
    }
}
