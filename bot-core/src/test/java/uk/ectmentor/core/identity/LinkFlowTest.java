package uk.ectmentor.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.testing.TestBot;

class LinkFlowTest {
    private final TestBot bot = new TestBot();
    private final UserRef slack = new UserRef("slack", "T1", "U1");
    private final UserRef teams = new UserRef("teams", "tenant-1", "29:abc");
    private int ids;

    @AfterEach
    void stop() {
        bot.close();
    }

    private String say(UserRef who, String text) {
        List<Message> replies = bot.engine.handle(Inbound.text(who, text, "d" + (++ids)));
        return String.join("\n", replies.stream().map(Message::plainText).toList());
    }

    private String codeFor(UserRef who) {
        String reply = say(who, "link");
        Matcher m = Pattern.compile("linking code is \\*([A-Z0-9]{6})\\*").matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return m.group(1);
    }

    @Test
    void aCodeFromOnePlatformLinksAnotherIdentityOnceOnly() {
        String code = codeFor(UserRef.web("sam"));
        assertThat(say(slack, "hello")).contains("don't know you yet");

        assertThat(say(slack, "link " + code.toLowerCase())).contains("Linked. Hello Sam");
        assertThat(bot.storage.people().personFor(slack)).map(Person::id).contains("sam");
        assertThat(bot.storage.people().identitiesOf("sam")).contains(slack, UserRef.web("sam"));

        assertThat(say(teams, "link " + code)).contains("isn't valid");
        assertThat(bot.storage.people().personFor(teams)).isEmpty();
    }

    @Test
    void anExpiredCodeIsRefusedAndCleanedUp() {
        String code = codeFor(UserRef.web("alex"));
        bot.clock.advance(LinkFlow.VALIDITY.plus(Duration.ofMinutes(1)));
        String other = codeFor(UserRef.web("sam"));
        assertThat(bot.storage.linkCodes().deleteExpired(bot.clock.instant())).isEqualTo(1);
        assertThat(say(teams, "link " + code)).contains("isn't valid");
        assertThat(say(teams, "/mentor link " + other)).contains("Linked. Hello Sam");
    }

    @Test
    void aCodeUsedFromTheSameAccountOrAnotherPersonDoesNotLink() {
        String code = codeFor(UserRef.web("sam"));
        assertThat(say(UserRef.web("sam"), "link " + code)).contains("other platform");
        String second = codeFor(UserRef.web("sam"));
        assertThat(say(UserRef.web("alex"), "link " + second)).contains("already belongs to someone");
        assertThat(bot.storage.people().personFor(UserRef.web("alex"))).map(Person::id).contains("alex");
        assertThat(say(teams, "link XY")).contains("6 letters and digits");
    }

    @Test
    void deliveriesAreTakenInOnceAndForgottenLater() {
        var dedup = bot.storage.inboundDedup();
        assertThat(dedup.firstDelivery("slack:Ev1", bot.clock.instant())).isTrue();
        assertThat(dedup.firstDelivery("slack:Ev1", bot.clock.instant())).isFalse();
        bot.clock.advance(Duration.ofDays(3));
        assertThat(dedup.firstDelivery("slack:Ev2", bot.clock.instant())).isTrue();
        assertThat(dedup.forgetBefore(bot.clock.instant().minus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(dedup.firstDelivery("slack:Ev1", bot.clock.instant())).isTrue();
        assertThat(dedup.firstDelivery("slack:Ev2", bot.clock.instant())).isFalse();
    }
}
