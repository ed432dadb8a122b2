package uk.ectmentor.core.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;

/** Invite codes expire after 14 days, and a person (or a stranger's identity) gets five wrong codes an hour. */
class InviteCodeLimitsTest {
    private final TestBot bot = new TestBot();

    @AfterEach
    void stop() {
        bot.close();
    }

    private String say(String user, String text) {
        return String.join("\n", bot.engine.handle(Inbound.text(UserRef.web(user), text, "d-" + System.nanoTime()))
                .stream().map(Message::plainText).toList());
    }

    /** An unpaired ECT in the demo school, known to the bot. */
    private void unpairedEct(String id) {
        bot.storage.people().savePerson(new Person(id, DemoData.SCHOOL, "Ed", Role.ECT, "Primary", null, 1));
        bot.storage.people().linkIdentity(UserRef.web(id), id);
    }

    private String mentorCode() {
        bot.storage.people().savePerson(new Person("mo", DemoData.SCHOOL, "Mo", Role.MENTOR, "Primary", null));
        bot.storage.invites().save(new Invite("K7P2QX", DemoData.SCHOOL, "mo", true, bot.clock.instant(), null));
        return "K7P2QX";
    }

    @Test
    void aPairingCodeExpiresAfterFourteenDays() {
        unpairedEct("ed");
        String code = mentorCode();
        bot.clock.advance(Duration.ofDays(14));
        assertThat(say("ed", "join " + code)).contains("That code has expired").contains("14 days");
        assertThat(bot.storage.invites().find(code).orElseThrow().usedBy()).isNull();
        assertThat(bot.storage.people().pairingsOf("ed")).isEmpty();
    }

    @Test
    void aCodeStillWorksTheDayBeforeItExpires() {
        unpairedEct("ed");
        String code = mentorCode();
        bot.clock.advance(Duration.ofDays(13));
        say("ed", "join " + code);
        assertThat(bot.storage.people().pairingsOf("ed")).hasSize(1);
    }

    @Test
    void aStrangerCannotUseAnExpiredCode() {
        String code = mentorCode();
        bot.clock.advance(Duration.ofDays(15));
        Transcript.parse("expired-code", """
                newbie> hello
                bot: What is your role?
                newbie> [ECT]
                bot: Do you have an invite code?
                newbie> %s
                bot: That code has expired
                bot: Do you have an invite code?
                """.formatted(code)).run(bot.channel());
    }

    @Test
    void fiveWrongCodesAnHourThenEvenTheRightOneWaits() {
        unpairedEct("ed");
        String code = mentorCode();
        for (int i = 0; i < OnboardingFlow.MAX_FAILED_CODES; i++) {
            assertThat(say("ed", "join AAAA" + (char) ('A' + i) + "2")).contains("I can't find a pairing code");
        }
        assertThat(say("ed", "join " + code)).contains("too many codes");
        assertThat(bot.storage.people().pairingsOf("ed")).isEmpty();
        // another person is not held back by Ed's attempts
        unpairedEct("fay");
        assertThat(say("fay", "join ZZZZZ2")).contains("I can't find a pairing code");
        // an hour later Ed may try again
        bot.clock.advance(Duration.ofHours(1));
        say("ed", "join " + code);
        assertThat(bot.storage.people().pairingsOf("ed")).hasSize(1);
    }

    @Test
    void aStrangerGetsFiveWrongCodesAnHour() {
        String code = mentorCode();
        say("guess", "hello");
        say("guess", "ECT");
        for (int i = 0; i < OnboardingFlow.MAX_FAILED_CODES; i++) {
            assertThat(say("guess", "BBBBB" + i)).contains("I can't find the code");
        }
        assertThat(say("guess", code)).contains("too many codes").doesNotContain("That's the code for");
        bot.clock.advance(Duration.ofHours(1));
        assertThat(say("guess", code)).contains("That's the code for");
    }

    @Test
    void attemptsAreCountedAtomicallyAndForgottenAfterADay() {
        var invites = bot.storage.invites();
        assertThat(invites.failedAttempt("x", bot.clock.instant())).isEqualTo(1);
        assertThat(invites.failedAttempt("x", bot.clock.instant())).isEqualTo(2);
        assertThat(invites.failedAttempts("x", bot.clock.instant())).isEqualTo(2);
        assertThat(invites.failedAttempts("y", bot.clock.instant())).isZero();
        bot.clock.advance(Duration.ofDays(2));
        invites.failedAttempt("y", bot.clock.instant());
        assertThat(bot.storage.database().getCollection("codeAttempts").countDocuments()).isEqualTo(1);
        assertThat(List.of(invites.failedAttempts("x", bot.clock.instant()))).containsExactly(0);
    }
}
