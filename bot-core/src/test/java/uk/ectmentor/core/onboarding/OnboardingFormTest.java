package uk.ectmentor.core.onboarding;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;

/**
 * The core checks a submitted form itself, whatever the platform: a required answer left blank is asked for
 * again and nothing else is lost. (Slack and Teams block blank required fields before they reach the bot, so
 * this conversation is played into the core only, not kept with the portable transcripts.)
 */
class OnboardingFormTest {
    private final TestBot bot = new TestBot();

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void aBlankRequiredAnswerIsAskedForAgain() {
        Transcript.parse("onboarding-form", """
                kim> Hi there
                bot: What is your role?
                kim> [Mentor]
                bot: Do you have an invite code?
                kim> [No code: try the demo school]
                bot: A little about you
                kim> [Save] {name=Kim; phase=; subject=Science}
                bot: Nearly: I still need a phase
                kim> [Save] {name=Kim; phase=Secondary; subject=Science}
                bot: When do you meet each week?
                """).run(bot.channel());
    }
}
