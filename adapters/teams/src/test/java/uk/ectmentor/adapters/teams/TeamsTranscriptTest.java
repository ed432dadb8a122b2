package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;
import uk.ectmentor.core.testing.Transcripts;

/**
 * The core's transcripts played through Teams: every file in bot-core's transcripts folder, once with
 * buttons as Action.Execute invokes and once as Action.Submit messages, on the fixture each one names.
 */
@SpringBootTest(classes = TeamsTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TeamsTranscriptTest {
    private static final FakeConnector connector = new FakeConnector();

    @LocalServerPort
    int port;
    @Autowired
    TestBot bot;
    @Autowired
    uk.ectmentor.core.delivery.OrderedWork work;

    /** Every card the transcripts made Teams send was validated; across all of them there are many. */
    private static final java.util.concurrent.atomic.AtomicInteger CARDS_CHECKED = new java.util.concurrent.atomic.AtomicInteger();

    @AfterAll
    static void stop() {
        connector.close();
        assertThat(CARDS_CHECKED.get()).as("cards seen and validated across the transcripts").isGreaterThan(100);
    }

    /** Every transcript the core ships, each with buttons pressed both ways. */
    static Stream<Arguments> transcripts() {
        return Transcripts.names().stream()
                .flatMap(n -> Stream.of(Arguments.of(n, TeamsChannel.Press.EXECUTE), Arguments.of(n, TeamsChannel.Press.SUBMIT)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("transcripts")
    void transcript(String name, TeamsChannel.Press press) {
        TeamsChannel channel = new TeamsChannel(port, connector, bot.clock, press, work);
        Transcript transcript = Transcripts.load(name);
        bot.reset(transcript.fixture());
        bot.linkEveryone("teams", TeamsTestApp.TENANT, handle -> "aad-" + handle);
        transcript.run(channel);
        CARDS_CHECKED.addAndGet(channel.cardsChecked);
        assertThat(channel.largestCard).as("Teams refuses messages over about 28 KB").isLessThan(28_000);
    }
}
