package uk.ectmentor.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentLoaderTest {

    @Test
    void theBuiltInPackServesModule4Weeks5And6() {
        ContentPack pack = ContentLoader.load(null);
        Session week6 = pack.find(4, 6, SessionKind.MENTOR).orElseThrow();
        assertThat(week6.title()).isEqualTo("Putting effective marking and feedback into practice");
        assertThat(week6.sections()).extracting(Section::name, Section::minutes).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Review", 5), org.assertj.core.groups.Tuple.tuple("Plan", 5),
                org.assertj.core.groups.Tuple.tuple("Theory to Practice", 35), org.assertj.core.groups.Tuple.tuple("Next Steps", 5));
        assertThat(week6.section("theory to practice").orElseThrow().activities()).hasSize(4);
        assertThat(week6.learningIntentions()).extracting(LearningIntention::code).containsExactly("6.3", "6l");
        assertThat(week6.totalMinutes()).isEqualTo(50);
        assertThat(pack.find(4, 5, SessionKind.MENTOR)).isPresent();
    }

    @Test
    void aMinutesValueThatIsNotANumberNamesFileLineAndField() {
        String yaml = """
                id: x
                kind: mentor
                module: 1
                week: 1
                title: T
                sections:
                  - name: Review
                    minutes: fifteen
                """;
        assertThatThrownBy(() -> ContentLoader.parse("school/x.yaml", yaml))
                .isInstanceOf(ContentException.class)
                .hasMessage("school/x.yaml:8: sections[0].minutes: must be a whole number, not 'fifteen'");
    }

    @Test
    void missingTitleAndUnknownKindAreNamed() {
        assertThatThrownBy(() -> ContentLoader.parse("a.yaml", "id: a\nkind: mentor\nmodule: 1\nweek: 1\n"))
                .hasMessage("a.yaml:1: title: is missing");
        assertThatThrownBy(() -> ContentLoader.parse("b.yaml", "id: b\nkind: pupil\nmodule: 1\nweek: 1\ntitle: T\n"))
                .hasMessage("b.yaml:2: kind: must be mentor, ect or template, not 'pupil'");
    }

    @Test
    void brokenYamlAndEmptyFilesAreReportedNotThrownRaw() {
        assertThatThrownBy(() -> ContentLoader.parse("c.yaml", "id: [unclosed\n"))
                .isInstanceOf(ContentException.class).hasMessageStartingWith("c.yaml:");
        assertThatThrownBy(() -> ContentLoader.parse("d.yaml", ""))
                .hasMessage("d.yaml:1: (document): the file is empty");
    }

    @Test
    void aSchoolPackReplacesASessionById(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("w6.yaml"), """
                id: m4w6-mentor
                kind: mentor
                module: 4
                week: 6
                title: Our own week 6
                sections:
                  - name: Review
                    minutes: 10
                """);
        ContentPack pack = ContentLoader.load(dir);
        assertThat(pack.find(4, 6, SessionKind.MENTOR).orElseThrow().title()).isEqualTo("Our own week 6");
        assertThat(pack.find(4, 5, SessionKind.MENTOR)).isPresent();
    }

    @Test
    void twoFilesWithOneIdAreRefused(@TempDir Path dir) throws Exception {
        String body = "id: same\nkind: ect\nmodule: 1\nweek: 1\ntitle: T\n";
        Files.writeString(dir.resolve("a.yaml"), body);
        Files.writeString(dir.resolve("b.yaml"), body);
        assertThatThrownBy(() -> ContentLoader.directory(dir)).isInstanceOf(ContentException.class)
                .hasMessageContaining("'same' is also used by");
    }
}
