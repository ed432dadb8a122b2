package uk.ectmentor.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentValidationTest {

    @Test
    void everyProblemInAPackIsReportedWithFileLineAndField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), """
                id: a
                kind: mentor
                module: 2
                week: 3
                sections:
                  - name: Review
                    minutes: fifteen
                  - name: Plan
                    minutes: 5
                scenarios:
                  - phase: Sixth form
                    text: A scenario
                """);
        Files.writeString(dir.resolve("b.yaml"), """
                id: b
                kind: mentor
                module: 2
                week: 3
                title: Same week as a
                """);
        Files.writeString(dir.resolve("c.yaml"), """
                id: b
                kind: ect
                module: 2
                week: 3
                title: Same id as b
                sectons: []
                """);

        List<String> messages = ContentLoader.check(dir).stream().map(ContentException::getMessage).toList();

        String a = dir.resolve("a.yaml").toString();
        assertThat(messages).containsExactlyInAnyOrder(
                a + ":1: title: is missing",
                a + ":7: sections[0].minutes: must be a whole number, not 'fifteen'",
                a + ":11: scenarios[0].phase: must be one of [EYFS, Primary, Secondary, SEND, Alternative provision], not 'Sixth form'",
                dir.resolve("b.yaml") + ":1: week: year 1 module 2 week 3 already has a mentor session (a in " + a + ")",
                dir.resolve("c.yaml") + ":6: sectons: is not a session field (known fields: activeIngredients, audit, frameworkStatements, "
                        + "id, introduction, kind, learningIntentions, module, moduleTitle, programme, researchSummary, scenarios, "
                        + "sections, suggestedActions, title, week, year)",
                dir.resolve("c.yaml") + ":1: id: 'b' is also used by " + dir.resolve("b.yaml"));
    }

    @Test
    void loadingAnInvalidPackThrowsOneExceptionListingEveryProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.yaml"), "id: x\nkind: mentor\nmodule: one\nweek: 1\n");
        assertThatThrownBy(() -> ContentLoader.load(dir))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("2 problems in the content pack:")
                .hasMessageContaining("x.yaml:3: module: must be a whole number, not 'one'")
                .hasMessageContaining("x.yaml:1: title: is missing")
                .satisfies(e -> assertThat(((ContentException) e).problems()).hasSize(2));
    }

    @Test
    void aMissingSchoolDirectoryIsAProblemNotACrash(@TempDir Path dir) {
        assertThat(ContentLoader.check(dir.resolve("nope")))
                .extracting(ContentException::getMessage)
                .containsExactly(dir.resolve("nope") + ":0: (directory): is not a directory");
    }

    @Test
    void theBuiltInPackHoldsEverySeedSessionAndTheTemplate() {
        ContentPack pack = ContentLoader.load(null);
        assertThat(pack.sessions()).extracting(Session::id).contains("m1w1-mentor", "m4w5-mentor", "m4w6-mentor",
                "m5w7-mentor", "afl-e5-ect", "afl-e5-mentor", "meeting-template");

        Session audit = pack.find(1, 1, SessionKind.MENTOR).orElseThrow();
        assertThat(audit.sections()).extracting(Section::name, Section::minutes).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Review", 15),
                org.assertj.core.groups.Tuple.tuple("Plan and Theory to Practice", 40),
                org.assertj.core.groups.Tuple.tuple("Next Steps", 5));
        assertThat(audit.audit().scale()).extracting(ModuleAudit.Level::name).containsExactly("Emerging", "Developing", "Secure");

        Session year2 = pack.find(5, 7, SessionKind.MENTOR).orElseThrow();
        assertThat(year2.totalMinutes()).isEqualTo(50);
        assertThat(year2.sections().get(0).activities().get(0).prompts()).anyMatch(p -> p.contains("SMART"));

        Session ect = pack.byId("afl-e5-ect").orElseThrow();
        assertThat(ect.kind()).isEqualTo(SessionKind.ECT);
        assertThat(ect.scenarios()).extracting(Scenario::phase)
                .containsExactly("EYFS", "Primary", "Secondary", "SEND", "Alternative provision");
        assertThat(ect.scenarios()).allSatisfy(s -> assertThat(s.options()).extracting(Scenario.Option::label).containsExactly("A", "B", "C"));
        assertThat(ect.suggestedActions()).hasSize(3);
        assertThat(ect.frameworkStatements()).extracting(LearningIntention::code)
                .containsExactly("8.1", "8.2", "8.3", "8.7", "8.9", "8.a", "8.b", "8.c", "8.d", "8.e");
        assertThat(ect.section("1. Developing your reflective practice").orElseThrow().activities().get(0).prompts()).hasSize(6);

        Session mentor = pack.byId("afl-e5-mentor").orElseThrow();
        assertThat(mentor.scenarios()).hasSize(5);
        assertThat(mentor.frameworkStatements()).hasSize(10);

        Session template = pack.byId("meeting-template").orElseThrow();
        assertThat(template.kind()).isEqualTo(SessionKind.TEMPLATE);
        assertThat(template.section("Set precise actions").orElseThrow().activities().get(0).prompts()).hasSize(4);
    }
}
