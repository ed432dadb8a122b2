package uk.ectmentor.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class SmartCheckTest {

    @Test
    void aVagueTargetMissesFourLettersAndSaysWhy() {
        var results = SmartCheck.check("Get better at behaviour");
        assertThat(SmartCheck.missing("Get better at behaviour")).containsExactly(
                SmartCheck.Letter.SPECIFIC, SmartCheck.Letter.MEASURABLE, SmartCheck.Letter.ACHIEVABLE, SmartCheck.Letter.TIME_BOUND);
        assertThat(results.get(SmartCheck.Letter.RELEVANT).why()).contains("behaviour");
        assertThat(results.get(SmartCheck.Letter.SPECIFIC).why()).contains("no doing word");
    }

    @Test
    void aFullTargetMeetsEveryLetter() {
        assertThat(SmartCheck.missing("Plan phonics groups with my mentor so that every child reads daily by Christmas")).isEmpty();
        assertThat(SmartCheck.missing("Use exit tickets in 3 lessons a week with Year 8, supported by my mentor, to close gaps by 14 February")).isEmpty();
    }

    @Test
    void allOrNothingWordsAreNotAchievableAndMayAsAVerbIsNoDate() {
        var results = SmartCheck.check("Make sure every pupil always hands in homework with help from the office by the end of term");
        assertThat(results.get(SmartCheck.Letter.ACHIEVABLE).met()).isFalse();
        assertThat(results.get(SmartCheck.Letter.ACHIEVABLE).why()).contains("always");
        assertThat(SmartCheck.check("Pupils may use calculators when I model the method with support").get(SmartCheck.Letter.TIME_BOUND).met()).isFalse();
        assertThat(SmartCheck.check("Review seating by 3 May").get(SmartCheck.Letter.TIME_BOUND).met()).isTrue();
        assertThat(SmartCheck.check("Use exit tickets in 3 lessons a week with Year 8").get(SmartCheck.Letter.TIME_BOUND).met()).isFalse();
        assertThat(SmartCheck.check("Use exit tickets in 3 lessons a week until half term").get(SmartCheck.Letter.TIME_BOUND).why()).contains("half term");
    }

    @Test
    void reviewDatesAreReadAsPeopleTypeThem() {
        LocalDate today = LocalDate.parse("2026-11-25");
        assertThat(ReviewDate.parse("2027-01-15", today)).contains(LocalDate.parse("2027-01-15"));
        assertThat(ReviewDate.parse("15/1/2027", today)).contains(LocalDate.parse("2027-01-15"));
        assertThat(ReviewDate.parse("15 January", today)).contains(LocalDate.parse("2027-01-15"));
        assertThat(ReviewDate.parse("Friday 15th Jan", today)).contains(LocalDate.parse("2027-01-15"));
        assertThat(ReviewDate.parse("January 15, 2027", today)).contains(LocalDate.parse("2027-01-15"));
        assertThat(ReviewDate.parse("1 December", today)).contains(LocalDate.parse("2026-12-01"));
        assertThat(ReviewDate.parse("in 6 weeks", today)).contains(LocalDate.parse("2027-01-06"));
        assertThat(ReviewDate.parse("in two months", today)).contains(LocalDate.parse("2027-01-25"));
        assertThat(ReviewDate.parse("next tuesday", today)).isEmpty();
        assertThat(ReviewDate.parse("31 February", today)).isEmpty();
        assertThat(ReviewDate.parse("soon", today)).isEmpty();
    }
}
