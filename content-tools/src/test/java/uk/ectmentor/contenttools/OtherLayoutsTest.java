package uk.ectmentor.contenttools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ectmentor.core.content.LearningIntention;
import uk.ectmentor.core.content.Scenario;
import uk.ectmentor.core.content.Section;
import uk.ectmentor.core.content.Session;
import uk.ectmentor.core.content.SessionKind;

/** Layouts unlike the samples: other heading styles, section names, time formats and list markers. */
class OtherLayoutsTest {

    @Test
    void aProviderWithNumberedPartsAndBracketedTimes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("session-notes.md"), """
                # Module 2, Week 3: Questioning to check understanding

                **Mentor meeting**

                ## Learning intentions

                Your ECT will learn that:

                * 2.4 Pupils forget what they have not revisited.

                Your ECT will learn how to:

                * 2d Plan questions that find out what pupils think.

                ## Part 1 – Review (10 minutes)

                1. Look back at the agreed action step.
                   * What happened?
                   * What did pupils do differently?

                ## Part 2 – Deliberate practice (25 minutes)

                ### Rehearse hinge questions

                * Write two hinge questions for next lesson.
                * Practise asking them aloud.

                ### Secondary scenario

                A Year 10 class answers in chorus and the teacher cannot tell who understands.

                A) Use mini whiteboards for every pupil.
                B) Cold call three named pupils.

                ## Part 3 – Next steps (5 min)

                * Set one precise action.
                """);

        Importer.Result r = Importer.importAll(List.of(file));

        assertThat(r.sessions()).hasSize(1);
        Session s = r.sessions().get(0);
        assertThat(s.kind()).isEqualTo(SessionKind.MENTOR);
        assertThat(s.id()).isEqualTo("m2w3-mentor");
        assertThat(s.title()).isEqualTo("Questioning to check understanding");
        assertThat(s.learningIntentions()).extracting(LearningIntention::code, LearningIntention::type)
                .containsExactly(tuple("2.4", "learn-that"), tuple("2d", "learn-how"));
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Review", 10), tuple("Deliberate practice", 25), tuple("Next steps", 5));
        assertThat(s.sections().get(0).activities().get(0).prompts()).containsExactly("What happened?", "What did pupils do differently?");
        assertThat(s.sections().get(1).activities()).extracting(a -> a.title()).containsExactly("Rehearse hinge questions");
        assertThat(s.scenarios()).extracting(Scenario::phase).containsExactly("Secondary");
        assertThat(s.scenarios().get(0).options()).extracting(Scenario.Option::label).containsExactly("A", "B");
    }

    @Test
    void aPlainTextEctSessionWithTimesOnTheirOwnLines(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("y2-module-3-week-2-self-study.txt"), """
                Adapting teaching for pupils with SEND
                Estimated time to complete: 40 minutes

                Warm-up
                Reading time: 10 minutes
                • Read the summary and note two ideas.

                Try it out
                Approximate time to complete: 25 minutes
                1. Plan an adaptation
                Choose one lesson next week.
                2. Share it
                Show your plan to a colleague.

                Looking ahead
                Suggested time: 5 minutes
                """);

        Importer.Result r = Importer.importAll(List.of(file));

        Session s = r.sessions().get(0);
        assertThat(s.kind()).isEqualTo(SessionKind.ECT);
        assertThat(s.year()).isEqualTo(2);
        assertThat(s.module()).isEqualTo(3);
        assertThat(s.week()).isEqualTo(2);
        assertThat(s.title()).isEqualTo("Adapting teaching for pupils with SEND");
        assertThat(s.sections()).extracting(Section::name, Section::minutes).containsExactly(
                tuple("Warm-up", 10), tuple("Try it out", 25), tuple("Looking ahead", 5));
        assertThat(s.sections().get(1).activities()).extracting(a -> a.title()).containsExactly("1. Plan an adaptation", "2. Share it");
    }
}
