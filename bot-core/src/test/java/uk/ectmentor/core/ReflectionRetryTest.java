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
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.testing.TestBot;

/** A platform retry carries the same delivery id: the reflection is stored once, whatever the timing. */
class ReflectionRetryTest {
    private final TestBot bot = new TestBot();

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void aRetriedDeliveryIsStoredOnce() {
        Inbound delivery = Inbound.text(UserRef.web("sam"), "reflect: exit tickets were quicker than marking books", "evt-1");
        List<Message> first = bot.engine.handle(delivery);
        List<Message> retry = bot.engine.handle(delivery);

        assertThat(first.get(0).plainText()).contains("Saved to your learning log");
        assertThat(retry.get(0).plainText()).contains("Already in your learning log");
        assertThat(bot.storage.learningLog().recent("sam", 10)).hasSize(1);
    }

    @Test
    void concurrentRetriesOfOneDeliveryStoreOnce() throws Exception {
        Inbound delivery = Inbound.text(UserRef.web("sam"), "reflect: cold calling kept everyone thinking", "evt-2");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Message>>> calls = IntStream.range(0, 16)
                    .<Callable<List<Message>>>mapToObj(i -> () -> bot.engine.handle(delivery)).toList();
            for (Future<List<Message>> f : pool.invokeAll(calls)) {
                assertThat(f.get().get(0).plainText()).containsIgnoringCase("learning log");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bot.storage.learningLog().recent("sam", 10)).hasSize(1);
    }

    @Test
    void distinctDeliveriesWithTheSameTextAreBothKept() {
        bot.engine.handle(Inbound.text(UserRef.web("sam"), "reflect: same words", "evt-3"));
        bot.engine.handle(Inbound.text(UserRef.web("sam"), "reflect: same words", "evt-4"));
        assertThat(bot.storage.learningLog().recent("sam", 10)).hasSize(2);
    }

    @Test
    void anOversizeMessageIsRefusedPolitelyAndNothingIsStored() {
        String huge = "reflect: " + "x".repeat(ConversationEngine.MAX_TEXT + 1);
        List<Message> reply = bot.engine.handle(Inbound.text(UserRef.web("sam"), huge, "evt-5"));
        assertThat(reply.get(0).plainText()).contains("Nothing was saved").contains("shorter parts");
        assertThat(bot.storage.learningLog().recent("sam", 10)).isEmpty();
    }

    @Test
    void aStrangerIsGreetedAndNothingIsStored() {
        List<Message> reply = bot.engine.handle(Inbound.text(UserRef.web("mallory"), "reflect: let me in", "evt-6"));
        assertThat(reply.get(0).plainText()).contains("don't know you yet");
        assertThat(bot.storage.learningLog().recent("mallory", 10)).isEmpty();
    }

    @Test
    void aButtonFromAnUnknownActionGetsAFriendlyAnswer() {
        List<Message> reply = bot.engine.handle(Inbound.action(UserRef.web("alex"), "no.such.action", "x", "evt-7"));
        assertThat(reply.get(0).plainText()).contains("no longer does anything");
    }
}
