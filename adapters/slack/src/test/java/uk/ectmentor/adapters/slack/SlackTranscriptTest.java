package uk.ectmentor.adapters.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

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
    static Stream<String> transcripts() throws IOException, URISyntaxException {
        URI uri = Transcript.class.getClassLoader().getResource("transcripts/mentor-prompts.transcript").toURI();
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return names(jar.getPath("/transcripts"));
            }
        }
        return names(Paths.get(uri).getParent());
    }

    private static Stream<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".transcript"))
                    .map(n -> n.substring(0, n.length() - ".transcript".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void transcript(String name) {
        SlackChannel channel = new SlackChannel(new SignedRequests(port, SlackTestApp.SECRET, bot.clock), FakeSlack.shared(), work,
                bot.clock, Map.of("alex", SlackTestApp.ALEX, "sam", SlackTestApp.SAM));
        Transcript.resource("transcripts/" + name + ".transcript").run(channel);
    }
}
