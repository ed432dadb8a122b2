package uk.ectmentor.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Properties of the UPN check letter, over generated numbers (seeded, so a failure repeats): every
 * generated valid UPN is found in text; changing any one digit breaks its check letter; near-misses
 * (wrong length, forbidden letters, a wrong check letter) are never flagged.
 */
class UpnCheckLetterPropertyTest {
    private static final int CASES = 400;
    private final PupilDataGuard guard = new PupilDataGuard();

    static String randomUpn(Random random) {
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            tail.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(4) == 0) {
            tail.append(PupilDataGuard.UPN_LETTERS.charAt(random.nextInt(23)));
        } else {
            tail.append((char) ('0' + random.nextInt(10)));
        }
        return PupilDataGuard.checkLetter(tail.toString()) + tail.toString();
    }

    @RepeatedTest(5)
    void generatedUpnsAreValidAndFoundInText(RepetitionInfo run) {
        Random random = new Random(8_000L + run.getCurrentRepetition());
        for (int n = 0; n < CASES; n++) {
            String upn = randomUpn(random);
            assertThat(PupilDataGuard.isValidUpn(upn)).as(upn).isTrue();
            assertThat(PupilDataGuard.isValidUpn(upn.toLowerCase())).as(upn).isTrue();
            String text = "Their number is " + upn + ", which I copied from the register.";
            PupilDataGuard.Result result = guard.check(text);
            assertThat(result.findings()).as(text).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(PupilDataGuard.Kind.UPN);
                assertThat(text.substring(f.start(), f.end())).isEqualTo(upn);
            });
            assertThat(result.redacted()).doesNotContain(upn).contains("[UPN]");
        }
    }

    @RepeatedTest(5)
    void changingAnyOneDigitInvalidatesTheCheckLetter(RepetitionInfo run) {
        Random random = new Random(9_000L + run.getCurrentRepetition());
        for (int n = 0; n < CASES; n++) {
            String upn = randomUpn(random);
            int position = 1 + random.nextInt(12);
            char original = upn.charAt(position);
            if (!Character.isDigit(original)) {
                position = 1 + random.nextInt(11);
                original = upn.charAt(position);
            }
            char changed = (char) ('0' + (original - '0' + 1 + random.nextInt(9)) % 10);
            String altered = upn.substring(0, position) + changed + upn.substring(position + 1);
            assertThat(PupilDataGuard.isValidUpn(altered)).as(upn + " -> " + altered).isFalse();
            assertThat(guard.check("number " + altered).flagged()).as(altered).isFalse();
        }
    }

    @RepeatedTest(3)
    void nearMissesAreNotFlagged(RepetitionInfo run) {
        Random random = new Random(10_000L + run.getCurrentRepetition());
        for (int n = 0; n < CASES; n++) {
            String upn = randomUpn(random);
            char check = upn.charAt(0);
            char other = PupilDataGuard.UPN_LETTERS.charAt((PupilDataGuard.UPN_LETTERS.indexOf(check) + 1 + random.nextInt(22)) % 23);
            String[] misses = {
                other + upn.substring(1),              // wrong check letter
                upn.substring(0, 12),                  // one short
                upn + "7",                             // one long
                "I" + upn.substring(1),                // a letter never used as a check letter
                upn.substring(0, 12) + "O",            // a letter never used at the end
                upn.charAt(0) + upn.substring(2) + "1",// shifted
            };
            for (String miss : misses) {
                assertThat(PupilDataGuard.isValidUpn(miss) && miss.equals(upn)).isFalse();
                if (!PupilDataGuard.isValidUpn(miss)) {
                    assertThat(guard.check("ref " + miss + " noted").findings())
                            .as(miss).noneMatch(f -> f.kind() == PupilDataGuard.Kind.UPN);
                }
            }
        }
    }

    @Test
    void aKnownWorkedExampleMatchesTheCalculation() {
        // 12 characters 000000000001: only position 13 counts, 1 x 13 = 13, 13 mod 23 = 13 -> the 14th letter, P
        assertThat(PupilDataGuard.checkLetter("000000000001")).isEqualTo('P');
        // a final letter counts by its place in the 23 letters: B is 1, so 1 x 13 again
        assertThat(PupilDataGuard.checkLetter("00000000000B")).isEqualTo('P');
        assertThat(PupilDataGuard.isValidUpn("P000000000001")).isTrue();
        assertThat(PupilDataGuard.isValidUpn("Q000000000001")).isFalse();
    }

    @Test
    void numbersInsideLongerRunsAreNotUpns() {
        String upn = randomUpn(new Random(1));
        assertThat(guard.check("x" + upn).flagged()).isFalse();
        assertThat(guard.check(upn + "9").flagged()).isFalse();
    }
}
