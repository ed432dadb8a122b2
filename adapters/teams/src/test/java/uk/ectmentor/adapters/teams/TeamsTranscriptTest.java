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

/**
 * The core's transcripts played through Teams: every file in bot-core's transcripts folder, once with
 * buttons as Action.Execute invokes and once as Action.Submit messages, on a fresh bot each time.
 */
@SpringBootTest(classes = TeamsTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class TeamsTranscriptTest {
    private static final FakeConnector connector = new FakeConnector();

    @LocalServerPort
    int port;
    @Autowired
    TestBot bot;

    @AfterAll
    static void stop() {
        connector.close();
    }

    static Stream<Arguments> transcripts() throws IOException {
        List<String> names = new ArrayList<>();
        Path dir = Path.of("../../bot-core/src/test/resources/transcripts");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".transcript"))
                        .map(n -> n.substring(0, n.length() - ".transcript".length())).sorted().forEach(names::add);
            }
        }
        if (names.isEmpty()) {
            names.addAll(List.of("ect-reflection", "mentor-prompts"));
        }
        return names.stream().flatMap(n -> Stream.of(Arguments.of(n, TeamsChannel.Press.EXECUTE), Arguments.of(n, TeamsChannel.Press.SUBMIT)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("transcripts")
    void transcript(String name, TeamsChannel.Press press) {
        TeamsChannel channel = new TeamsChannel(port, connector, bot.clock, press);
        Transcript.resource("transcripts/" + name + ".transcript").run(channel);
        assertThat(channel.cardsChecked).as("cards seen and validated").isPositive();
        assertThat(channel.largestCard).as("Teams refuses messages over about 28 KB").isLessThan(28_000);
    }
}
