package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.testing.MutableClock;
import uk.ectmentor.core.testing.TestBot;
import uk.ectmentor.core.testing.Transcript;

/** Boots the whole application on the in-memory embedded store and talks to it over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WebChatApplicationTest {

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(TestBot.START);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    MongoStorage storage;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    static Stream<String> transcripts() {
        return Stream.of("mentor-prompts", "ect-reflection");
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void transcriptsPlayThroughTheWebChat(String name) {
        storage.database().getCollection("learningLog").deleteMany(new org.bson.Document());
        storage.database().getCollection("conversations").deleteMany(new org.bson.Document());
        Transcript.resource("transcripts/" + name + ".transcript").run(channel());
    }

    /** Only health is exposed, so a timer per request would be work on every acknowledgement for nobody. */
    @Test
    void requestsAreNotTimed() {
        channel().postRaw("{\"user\":\"sam\",\"text\":\"help\",\"id\":\"timed-1\"}");
        assertThat(meters.find("http.server.requests").meters()).isEmpty();
    }

    @Test
    void aResentMessageWithTheSameIdIsStoredOnce() {
        WebChannel web = channel();
        String body = "{\"user\":\"sam\",\"text\":\"reflect: resent after a dropped connection\",\"id\":\"same-id-1\"}";
        JsonNode first = web.postRaw(body);
        JsonNode second = web.postRaw(body);
        assertThat(first.toString()).contains("Saved to your learning log");
        assertThat(second.toString()).contains("Already in your learning log");
        assertThat(storage.learningLog().recent("sam", 50))
                .filteredOn(e -> e.text().equals("resent after a dropped connection")).hasSize(1);
    }

    @Test
    void badRequestsGetClearErrorsNotStackTraces() {
        WebChannel web = channel();
        assertThat(web.postRaw("{not json").toString()).contains("\"status\":400").contains("isn't valid JSON");
        assertThat(web.postRaw("{\"text\":\"hi\"}").toString()).contains("\"status\":400").contains("Say who you are");
        assertThat(web.postRaw("{\"user\":{\"$ne\":null},\"text\":\"log\"}").toString()).contains("\"status\":400");
        assertThat(web.postRaw("{\"user\":\"../../etc\",\"text\":\"log\"}").toString()).contains("\"status\":400");
        assertThat(web.postRaw("{\"user\":\"sam\"}").toString()).contains("\"status\":400").contains("either");
    }

    @Test
    void theChatPageAndHealthAreServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("ECT Mentor Bot").contains("/api/chat/messages");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void aRequestRelayedFromElsewhereIsRefusedAndNothingIsStored() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat/messages"))
                        .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.9")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"sam\",\"text\":\"reflect: written by someone else\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("only on the machine the bot runs on");
        assertThat(storage.learningLog().recent("sam", 50)).noneMatch(e -> e.text().contains("written by someone else"));
        HttpResponse<String> calendar = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/pairings/demo/calendar.ics"))
                .header("Forwarded", "for=198.51.100.4").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(calendar.statusCode()).isEqualTo(403);
    }

    private WebChannel channel() {
        return new WebChannel(port, () -> clock.advance(Duration.ofMinutes(1)));
    }
}
