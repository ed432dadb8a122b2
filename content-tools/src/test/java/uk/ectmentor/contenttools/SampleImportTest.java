package uk.ectmentor.contenttools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;

/** The importer over the published Markdown programme (front matter + Markdown), every file. */
class SampleImportTest {

    private static Map<String, Session> byId(Importer.Result r) {
        return r.sessions().stream().collect(Collectors.toMap(Session::id, s -> s));
    }

    @Test
    void theWholeSamplesFolderIsReadAndEveryWeekIsPlaced() throws IOException {
        long files;
        try (Stream<Path> walk = Files.walk(Shared.samples())) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("README.md")).count();
        }
        Importer.Result r = Importer.importAll(List.of(Shared.samples()));

        assertThat(r.filesRead()).isEqualTo((int) files);
        assertThat(r.filesSkipped()).isZero();
        Map<String, Session> s = byId(r);
        assertThat(s.keySet()).containsExactlyInAnyOrder(
                "autumn-week-1-mentor", "autumn-week-2-mentor", "autumn-week-3-mentor", "autumn-week-4-mentor",
                "autumn-week-5-mentor", "autumn-week-6-mentor", "autumn-week-7-mentor",
                "autumn-week-2-ect", "autumn-week-3-ect", "autumn-week-5-ect", "autumn-week-6-ect");
        assertThat(r.sessions()).allSatisfy(x -> {
            assertThat(x.year()).isEqualTo(1);
            assertThat(x.week()).isBetween(1, 7);
            assertThat(x.programme()).isEqualTo("programme-samples");
        });
        // the module overview page is not a session: it is reported, with its file
        assertThat(r.warnings()).anySatisfy(w -> {
            assertThat(w.file()).endsWith("ucl-year-1-enabling-pupil-learning.md");
            assertThat(w.problem()).contains("looks like a module overview rather than one session; skipped");
        });
    }

    @Test
    void mentorMaterialsKeepTheirTitlesSectionsMinutesAndActivities() {
        Map<String, Session> s = byId(Importer.importAll(List.of(Shared.samples())));

        assertThat(s.get("autumn-week-1-mentor").title()).isEqualTo("Module audit");
        assertThat(s.get("autumn-week-1-mentor").sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", 15), tuple("Plan and Theory to Practice", 40), tuple("Next Steps", 5));
        assertThat(s.get("autumn-week-1-mentor").audit().scale()).hasSize(3);
        assertThat(s.get("autumn-week-1-mentor").learningIntentions()).hasSize(3);

        assertThat(s.get("autumn-week-2-mentor").title()).isEqualTo("Understanding teachers as role models");
        assertThat(s.get("autumn-week-2-mentor").sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", 5), tuple("Plan", 5), tuple("Theory to Practice", 35), tuple("Next Steps", 5));
        assertThat(s.get("autumn-week-2-mentor").section("Theory to Practice").orElseThrow().activities()).hasSize(4);

        assertThat(s.get("autumn-week-3-mentor").title()).isEqualTo("Establishing the learning environment");
        assertThat(s.get("autumn-week-3-mentor").sections()).extracting(Section::minutes).containsExactly(5, 10, 35, 5);
        assertThat(s.get("autumn-week-3-mentor").section("Theory to Practice").orElseThrow().activities()).hasSize(3);

        assertThat(s.get("autumn-week-4-mentor").title()).isEqualTo("Supporting the most vulnerable pupils");

        assertThat(s.get("autumn-week-5-mentor").title()).isEqualTo("Understanding pupils as learners");
        assertThat(s.get("autumn-week-5-mentor").sections()).extracting(Section::minutes).containsExactly(5, 5, 35, 5);
        assertThat(s.get("autumn-week-5-mentor").learningIntentions()).extracting(i -> i.type())
                .containsExactly("learn-that", "learn-that", "learn-that", "learn-that", "learn-how", "learn-how", "learn-how");

        assertThat(s.get("autumn-week-6-mentor").title()).isEqualTo("Managing behaviour");
        assertThat(s.get("autumn-week-6-mentor").sections()).extracting(Section::minutes).containsExactly(5, 5, 35, 5);

        // "Theory to Practice 30 mins" has no colon
        assertThat(s.get("autumn-week-7-mentor").title()).isEqualTo("Exploring yourself as a role model");
        assertThat(s.get("autumn-week-7-mentor").sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", 5), tuple("Plan", 20), tuple("Theory to Practice", 30), tuple("Next Steps", 5));
        assertThat(s.get("autumn-week-7-mentor").section("Theory to Practice").orElseThrow().activities()).hasSize(3);
        assertThat(s.values()).filteredOn(x -> x.kind() == SessionKind.MENTOR).hasSize(7);
    }

    @Test
    void ectPagesOfOneWeekAreMergedIntoOneSelfStudy() {
        Map<String, Session> s = byId(Importer.importAll(List.of(Shared.samples())));

        Session w5 = s.get("autumn-week-5-ect");
        assertThat(w5.kind()).isEqualTo(SessionKind.ECT);
        assertThat(w5.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", 15), tuple("Plan and Theory to Practice", 30), tuple("Next Steps", 5));
        assertThat(w5.learningIntentions()).hasSize(6);
        assertThat(w5.researchSummary()).isTrue();

        assertThat(s.get("autumn-week-6-ect").sections()).extracting(Section::minutes).containsExactly(10, 10, 20, 5);
        // untimed self-study pages keep their sections (headings) and their activities (sub-headings)
        Session w2 = s.get("autumn-week-2-ect");
        assertThat(w2.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", null), tuple("Plan", null), tuple("Theory to practice", null), tuple("Next steps", null));
        assertThat(w2.section("Theory to practice").orElseThrow().activities()).extracting(a -> a.title())
                .containsExactly("Observe a colleague", "Scripting");
        assertThat(w2.learningIntentions()).hasSize(10);
    }

    @Test
    void importedPacksRoundTripThroughTheLoader(@TempDir Path out) throws IOException {
        Importer.Result r = Importer.importAll(List.of(Shared.samples(), Shared.dir().resolve("seeds")));
        List<Path> written = Importer.write(r.sessions(), out);

        assertThat(written).hasSize(r.sessions().size());
        assertThat(ContentLoader.check(out)).isEmpty();
        ContentPack pack = ContentLoader.load(out);
        for (Session imported : r.sessions()) {
            Session loaded = pack.byId(imported.id()).orElseThrow();
            assertThat(loaded.title()).isEqualTo(imported.title());
            assertThat(loaded.sections()).isEqualTo(imported.sections());
            assertThat(loaded.learningIntentions()).isEqualTo(imported.learningIntentions());
            assertThat(loaded.scenarios()).isEqualTo(imported.scenarios());
            assertThat(loaded.frameworkStatements()).isEqualTo(imported.frameworkStatements());
        }
        // the imported m4w6 replaces the built-in one by id: a school can load a whole imported programme
        assertThat(pack.byId("m4w6-mentor").orElseThrow().source()).startsWith(out.toString());
    }
}
