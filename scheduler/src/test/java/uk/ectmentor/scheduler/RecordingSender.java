package uk.ectmentor.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;

/** A platform that records what it was sent (the Sender port is our own boundary). */
final class RecordingSender implements Sender {
    record Sent(UserRef to, List<Message> messages) {
        String text() {
            return messages.stream().map(Message::plainText).collect(Collectors.joining("\n"));
        }
    }

    private final String platform;
    private final BiFunction<UserRef, Integer, DeliveryResult> behaviour;
    final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private int calls;

    RecordingSender(String platform) {
        this(platform, (to, n) -> DeliveryResult.delivered());
    }

    /** @param behaviour what to answer, given the recipient and the call number (1-based) */
    RecordingSender(String platform, BiFunction<UserRef, Integer, DeliveryResult> behaviour) {
        this.platform = platform;
        this.behaviour = behaviour;
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public DeliveryResult send(UserRef to, List<Message> messages) {
        int n;
        synchronized (this) {
            n = ++calls;
        }
        DeliveryResult result = behaviour.apply(to, n);
        if (result.outcome() == DeliveryResult.Outcome.DELIVERED) {
            sent.add(new Sent(to, messages));
        }
        return result;
    }

    synchronized int calls() {
        return calls;
    }

    Map<String, Long> countByUser() {
        synchronized (sent) {
            return sent.stream().collect(Collectors.groupingBy(s -> s.to().userId(), Collectors.counting()));
        }
    }
}
