package uk.ectmentor.core.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.Block;
import uk.ectmentor.core.chat.Button;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.testing.TestBot;

class HomePageTest {
    private final TestBot bot = new TestBot();
    private final HomePage home = new HomePage(bot.storage.people(), bot.storage.actions(), bot.storage.learningLog(),
            ContentLoader.load(null), bot.clock);

    @AfterEach
    void stop() {
        bot.close();
    }

    private static java.util.List<String> commands(Message m) {
        return m.blocks().stream().filter(b -> b instanceof Block.Buttons).flatMap(b -> ((Block.Buttons) b).buttons().stream())
                .map(Button::value).toList();
    }

    @Test
    void aMentorSeesTheWeekTheNextMeetingAndTheirEctsOpenActions() {
        Message m = home.forUser(UserRef.web("alex"));
        assertThat(m.plainText()).contains("# Hello Alex", "# This week with Sam", "Module 4, week 6",
                "Next meeting: Thursday 26 November at 15:30", "Give Year 9 whole-class feedback", "Nothing yet");
        assertThat(commands(m)).contains("prompts", "reflect", "log", "help");
    }

    @Test
    void theNextMeetingMovesOnOnceThisWeeksHasStarted() {
        bot.clock.advance(Duration.ofHours(23).plusMinutes(31));
        assertThat(home.forUser(UserRef.web("sam")).plainText()).contains("Next meeting: Thursday 3 December at 15:30", "This week with Alex");
    }

    @Test
    void anEctSeesTheirRecentLearningLog() {
        bot.channel().say("sam", "reflect: Modelling the redraft made the difference");
        Message m = home.forUser(UserRef.web("sam"));
        assertThat(m.plainText()).contains("reflection, 25 November: Modelling the redraft made the difference");
        assertThat(commands(m)).doesNotContain("prompts");
    }

    @Test
    void someoneUnknownIsToldHowToGetStarted() {
        assertThat(home.forUser(new UserRef("slack", "T1", "U_NEW")).plainText()).contains("don't know you yet", "link CODE");
    }
}
