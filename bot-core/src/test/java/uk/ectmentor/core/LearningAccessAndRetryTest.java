package uk.ectmentor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.reflect.LearningLogFlow;
import uk.ectmentor.core.reflect.LogEntry;
import uk.ectmentor.core.testing.LearningFixtures;
import uk.ectmentor.core.testing.TestBot;

/**
 * Nobody reaches another person's entries, even with a forged button, and a platform retry of the turn
 * that finishes a guided reflection, an audit or a plan stores it once.
 */
class LearningAccessAndRetryTest {
    private final TestBot bot = LearningFixtures.bot();
    private int ids;

    @AfterEach
    void stop() {
        bot.close();
    }

    private String say(String user, String text) {
        bot.clock.advance(java.time.Duration.ofMinutes(1));
        return text(bot.engine.handle(Inbound.text(UserRef.web(user), text, "d" + (++ids))));
    }

    private String press(String user, String actionId, String value) {
        bot.clock.advance(java.time.Duration.ofMinutes(1));
        return text(bot.engine.handle(Inbound.action(UserRef.web(user), actionId, value, "d" + (++ids))));
    }

    private static String text(List<Message> replies) {
        return String.join("\n", replies.stream().map(Message::plainText).toList());
    }

    private LogEntry samsOnlyEntry() {
        return bot.storage.learningLog().recent("sam", 10).get(0);
    }

    @Test
    void forgedButtonsCannotShareChangeOrDeleteSomeoneElsesEntry() {
        say("sam", "reflect: a private worry about Year 9");
        String id = samsOnlyEntry().id();

        assertThat(press("alex", LearningLogFlow.SHARE, id)).contains("can't find that entry");
        assertThat(press("kim", LearningLogFlow.SHARE, id)).contains("can't find that entry");
        assertThat(press("jo", LearningLogFlow.DELETE, id)).contains("isn't in your log");
        assertThat(press("kim", LearningLogFlow.UNSHARE, id)).contains("can't find that entry");

        LogEntry after = samsOnlyEntry();
        assertThat(after.id()).isEqualTo(id);
        assertThat(after.shared()).isFalse();
        assertThat(after.text()).isEqualTo("a private worry about Year 9");
        assertThat(say("alex", "log sam")).doesNotContain("private worry");
        assertThat(say("jo", "shared reflections")).doesNotContain("private worry");
    }

    @Test
    void aMentorReadsTheirOwnMenteesSharedEntriesOnly() {
        say("sam", "reflect: sam shares this");
        say("sam", "share last");
        say("kim", "reflect: kim shares this");
        say("kim", "share last");
        say("kim", "reflect: kim keeps this private");

        assertThat(say("alex", "log sam")).contains("sam shares this");
        assertThat(say("alex", "shared reflections")).contains("sam shares this").doesNotContain("kim");
        assertThat(say("jo", "log kim")).contains("kim shares this").doesNotContain("private");
        assertThat(say("jo", "log sam")).doesNotContain("sam shares this").contains("don't mentor anyone called");
        assertThat(say("alex", "log kim")).doesNotContain("kim shares this");
        assertThat(say("kim", "export log")).contains("kim keeps this private").doesNotContain("sam shares");
    }

    @Test
    void aRetriedLastAnswerOfAGuidedReflectionStoresItOnce() {
        say("sam", "gibbs");
        for (int i = 0; i < 5; i++) {
            say("sam", "skip");
        }
        Inbound last = Inbound.text(UserRef.web("sam"), "Try a model answer next lesson.", "final-1");
        String first = text(bot.engine.handle(last));
        String retry = text(bot.engine.handle(last));

        assertThat(first).contains("Saved to your learning log");
        assertThat(retry).contains("Already saved").doesNotContain("Shall I save");
        assertThat(bot.storage.learningLog().recent("sam", 10)).hasSize(1);
    }

    @Test
    void concurrentRetriesOfTheLastAnswerStoreOnce() throws Exception {
        say("sam", "gibbs");
        for (int i = 0; i < 5; i++) {
            say("sam", "skip");
        }
        Inbound last = Inbound.text(UserRef.web("sam"), "Try a model answer next lesson.", "final-2");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Message>>> calls = IntStream.range(0, 8)
                    .<Callable<List<Message>>>mapToObj(i -> () -> bot.engine.handle(last)).toList();
            for (Future<List<Message>> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isNotEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bot.storage.learningLog().recent("sam", 10)).hasSize(1);
    }

    @Test
    void aRetriedAnswerMidFlowIsNotTakenAsTheNextAnswer() {
        say("sam", "gibbs");
        Inbound description = Inbound.text(UserRef.web("sam"), "The starter ran long.", "mid-1");
        assertThat(text(bot.engine.handle(description))).contains("Feelings");
        assertThat(text(bot.engine.handle(description))).contains("Feelings").doesNotContain("Evaluation");
        say("sam", "Annoyed");
        for (int i = 0; i < 4; i++) {
            say("sam", "skip");
        }
        assertThat(samsOnlyEntry().text()).contains("Description: The starter ran long.").contains("Feelings: Annoyed");
    }

    @Test
    void retriedLastAnswersOfAnAuditAndAPlanStoreOnce() {
        say("sam", "audit");
        say("sam", "emerging");
        say("sam", "developing");
        Inbound lastRating = Inbound.text(UserRef.web("sam"), "secure", "audit-last");
        assertThat(text(bot.engine.handle(lastRating))).contains("audit saved");
        assertThat(text(bot.engine.handle(lastRating))).contains("Already saved");

        say("sam", "action plan");
        say("sam", "Plan phonics groups with my mentor so that every child reads daily by Christmas");
        say("sam", "done");
        Inbound date = Inbound.text(UserRef.web("sam"), "15 January", "plan-last");
        assertThat(text(bot.engine.handle(date))).contains("action plan is saved");
        assertThat(text(bot.engine.handle(date))).contains("Already saved");

        assertThat(bot.storage.learningLog().recent("sam", 10)).extracting(LogEntry::kind).containsExactly("action", "audit");
        assertThat(bot.storage.plans().forPerson("sam")).isPresent();
    }

    @Test
    void retriesOfAnEditOrADeleteAnswerChangeNothingMore() {
        say("sam", "reflect: first version");
        say("sam", "edit last");
        Inbound newText = Inbound.text(UserRef.web("sam"), "second version", "edit-1");
        assertThat(text(bot.engine.handle(newText))).contains("Updated.");
        assertThat(text(bot.engine.handle(newText))).contains("Already done").doesNotContain("Shall I save");
        assertThat(samsOnlyEntry().text()).isEqualTo("second version");

        say("sam", "delete last");
        Inbound yes = Inbound.text(UserRef.web("sam"), "yes", "delete-1");
        assertThat(text(bot.engine.handle(yes))).contains("Deleted.");
        assertThat(text(bot.engine.handle(yes))).contains("Already done").doesNotContain("Shall I save");
        assertThat(bot.storage.learningLog().recent("sam", 10)).isEmpty();
    }
}
