package uk.ectmentor.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.trust.PupilDataGuard.Kind;

/** The guard on realistic reflections: what it must catch, and the ordinary practice talk it must leave alone. */
class PupilDataGuardTest {
    private final PupilDataGuard guard = new PupilDataGuard();

    @ParameterizedTest
    @ValueSource(strings = {
        "Whole-class feedback took twenty minutes instead of an hour of marking.",
        "Cold calling after the hinge question showed me who had the misconception.",
        "Year 9 set 3 were much calmer once I used the seating plan Mr Patel suggested.",
        "The redrafting showed most pupils could fix their own method once they saw a model answer.",
        "Pupils with ADHD in my Year 7 class settled better with a visual timetable on the board.",
        "I met Mrs Jamie Holt, the SENCO, on Tuesday 3 November 2026 to plan scaffolds for reading.",
        "Next lesson I will check the Key Stage 3 scheme of work before planning the retrieval quiz.",
        "Mock exams start on 12/01/2027, so Year 11 revision has to be mapped this week.",
        "Born out of frustration, my new routine for the start of Year 8 lessons is working.",
        "Our Ofsted visit on 4 March 2026 focused on curriculum sequencing in Science.",
        "Grace under pressure is what Tom Sherrington calls it; my pupils need clearer steps.",
        "Reference 1234567890123 is the order number for the new textbooks.",
        "Sophie Brown, my mentor, observed my Year 9 lesson on simultaneous equations.",
        "My mentor Sophie Brown modelled cold calling with Year 7 before I tried it.",
    })
    void ordinaryReflectionsAreNotFlagged(String text) {
        assertThat(guard.check(text).findings()).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Spoke to Mia Khan's mum after school about the missing homework.",
        "Harry Patel (Y7) shouted out three times during the starter.",
        "In detention, Oliver Nowak told me the worksheet was too hard.",
        "The girl Chloe Adeyemi sits at the back and never asks for help.",
        "Ethan Walsh has autism and the fire alarm upset him badly.",
    })
    void reflectionsThatNameAPupilAreFlagged(String text) {
        assertThat(guard.check(text).flagged()).as(text).isTrue();
    }

    @Test
    void aPupilNameNearYearIsFlaggedAndRedacted() {
        String text = "Jamie Thompson in Year 8 refused to start the task until I gave him a sentence starter.";
        PupilDataGuard.Result r = guard.check(text);
        assertThat(r.kinds()).containsExactly(Kind.PUPIL_NAME);
        assertThat(text.substring(r.findings().get(0).start(), r.findings().get(0).end())).isEqualTo("Jamie Thompson");
        assertThat(r.redacted()).startsWith("[pupil] in Year 8").doesNotContain("Thompson");
    }

    @Test
    void aColleagueNearbyDoesNotHideAPupilsName() {
        PupilDataGuard.Result r = guard.check("My mentor praised Jamie Thompson in Year 8 for his explanation.");
        assertThat(r.kinds()).containsExactly(Kind.PUPIL_NAME);
    }

    @Test
    void anyNameStraightAfterAPupilWordIsFlagged() {
        PupilDataGuard.Result r = guard.check("The student Kwabena Asante-Boateng asked a brilliant question about fractions.");
        assertThat(r.kinds()).containsExactly(Kind.PUPIL_NAME);
        assertThat(r.redacted()).contains("The student [pupil] asked");
    }

    @Test
    void aDateOfBirthIsFlagged() {
        for (String text : List.of("Her DOB is 14/03/2014 according to the register.",
                "He was born on 2 February 2013, so he is young for the year.",
                "Date of birth: 2012-09-30.")) {
            PupilDataGuard.Result r = guard.check(text);
            assertThat(r.kinds()).as(text).contains(Kind.DATE_OF_BIRTH);
            assertThat(r.redacted()).as(text).contains("[date of birth]");
        }
    }

    @Test
    void healthOrSendDetailTiedToANameIsFlagged() {
        String text = "Olivia has an EHCP for dyslexia so I printed her sheets on cream paper.";
        PupilDataGuard.Result r = guard.check(text);
        assertThat(r.kinds()).containsExactly(Kind.HEALTH_OR_SEND);
        assertThat(r.redacted()).doesNotContain("EHCP").doesNotContain("dyslexia").contains("[health/SEND detail]");
    }

    @Test
    void healthTalkWithoutANameIsAboutPractice() {
        assertThat(guard.check("Autistic pupils found the noise of group work hard; I will plan quieter roles.").flagged()).isFalse();
        assertThat(guard.check("Mr Smith has asthma and the fire drill was hard for him.").flagged()).isFalse();
    }

    @Test
    void severalKindsInOneReflectionAreAllFound() {
        String upn = UpnCheckLetterPropertyTest.randomUpn(new java.util.Random(5));
        String text = "Year 10 boy Liam Carter (UPN " + upn + ", DOB 01/05/2010) has ADHD and was removed from class.";
        PupilDataGuard.Result r = guard.check(text);
        assertThat(r.kinds()).containsExactly(Kind.UPN, Kind.PUPIL_NAME, Kind.DATE_OF_BIRTH, Kind.HEALTH_OR_SEND);
        assertThat(r.redacted()).doesNotContain("Liam", "Carter", upn, "01/05/2010", "ADHD");
        for (int i = 1; i < r.findings().size(); i++) {
            assertThat(r.findings().get(i).start()).isGreaterThanOrEqualTo(r.findings().get(i - 1).end());
        }
    }

    @Test
    void nothingToCheckIsNotFlagged() {
        assertThat(guard.check(null).flagged()).isFalse();
        assertThat(guard.check("   ").flagged()).isFalse();
    }
}
