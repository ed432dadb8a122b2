package uk.ectmentor.core.actions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.actions.ActionChecker.Quality;

class ActionCheckerTest {

    @Test
    void aPreciseActionPassesEveryCheck() {
        ActionChecker.Result r = ActionChecker.check("Give Year 9 whole-class feedback on Tuesday's homework, then have every "
                + "pupil redraft one answer in the first ten minutes");
        assertThat(r.ok()).as(r.gaps().toString()).isTrue();
        assertThat(ActionChecker.check("Cold call three pupils by name after the hinge question, using the rehearsed script").ok())
                .isTrue();
    }

    @Test
    void anInnerIntentionIsNotObservableAndSaysWhy() {
        ActionChecker.Result r = ActionChecker.check("Think about behaviour management");
        assertThat(r.lacks(Quality.OBSERVABLE)).isTrue();
        assertThat(r.gaps().get(0).why()).contains("think about");
        assertThat(ActionChecker.check("Get better at questioning").lacks(Quality.OBSERVABLE)).isTrue();
    }

    @Test
    void anAspirationIsNotPracticeable() {
        ActionChecker.Result r = ActionChecker.check("Always use cold calling perfectly, by naming pupils after the question");
        assertThat(r.lacks(Quality.PRACTICEABLE)).isTrue();
        assertThat(r.lacks(Quality.OBSERVABLE)).isFalse();
    }

    @Test
    void aLongHorizonOrManyPartsIsNotBiteSized() {
        assertThat(ActionChecker.check("Use mini whiteboards by the end of term at the start of lessons").lacks(Quality.BITE_SIZED))
                .isTrue();
        assertThat(ActionChecker.check("Plan the starter and mark the books and call home and seat the class by the door first")
                .lacks(Quality.BITE_SIZED)).isTrue();
        assertThat(ActionChecker.check("Model one worked example ".repeat(10) + "first").gaps())
                .anySatisfy(g -> assertThat(g.why()).contains("words"));
    }

    @Test
    void whatWithoutHowIsFlaggedAndTheGapAsksTheRightQuestion() {
        ActionChecker.Result r = ActionChecker.check("Use cold calling");
        assertThat(r.lacks(Quality.HOW)).isTrue();
        assertThat(r.lacks(Quality.OBSERVABLE)).isFalse();
        assertThat(r.gaps()).singleElement().satisfies(g -> assertThat(g.ask()).startsWith("How exactly"));
    }

    @Test
    void emptyTextLacksEverythingItCanBeSeenToLack() {
        ActionChecker.Result r = ActionChecker.check("");
        assertThat(r.lacks(Quality.OBSERVABLE)).isTrue();
        assertThat(r.lacks(Quality.HOW)).isTrue();
        assertThat(ActionChecker.check(null).ok()).isFalse();
    }
}
