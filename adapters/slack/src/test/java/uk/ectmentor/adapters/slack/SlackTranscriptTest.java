package uk.ectmentor.adapters.slack;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;
import uk.ectmentor.core.testing.Transcripts;

/** Every core transcript, replayed through Slack: signed events in, Block Kit read back from the fake Web API. */
@SpringBootTest(classes = SlackTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlackTranscriptTest {
    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        SlackProps.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestBot bot;
    @Autowired
    SlackWork work;

    @BeforeEach
    void quiet() throws InterruptedException {
        work.awaitIdle(Duration.ofSeconds(20));
        FakeSlack.shared().reset();
        bot.clock.advance(Duration.ofHours(1));
    }

    /** Every transcript file the core ships (from bot-core's test jar or its classes folder). */
    static java.util.List<String> transcripts() {
        return Transcripts.names();
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void transcript(String name) {
        SlackChannel channel = new SlackChannel(new SignedRequests(port, SlackTestApp.SECRET, bot.clock), FakeSlack.shared(), work,
                bot.clock, Map.of("alex", SlackTestApp.ALEX, "sam", SlackTestApp.SAM));
        Transcript transcript = Transcripts.load(name);
        bot.reset(transcript.fixture());
        bot.linkEveryone("slack", SlackTestApp.TEAM, handle -> "U_" + handle.toUpperCase(java.util.Locale.ROOT));
        transcript.run(channel);
    }
}
