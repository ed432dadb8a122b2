package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.delivery.DeliveryResult;
import uk.ectmentor.core.delivery.Sender;

/** The scheduler in the running application: the web sender among the senders, the inbox, the calendar feed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bot.scheduler.enabled=false")
@ActiveProfiles("test")
class SchedulerWiringTest {
    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("ect-scheduler-wiring").toString();
        registry.add("bot.data-dir", () -> dir);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    List<Sender> senders;

    @Autowired
    org.springframework.beans.factory.ObjectProvider<uk.ectmentor.core.nudges.NudgeInputs> nudgeInputs;

    @Autowired
    uk.ectmentor.core.storage.MongoStorage storage;

    @Test
    void theSchedulerGetsTheStoresNudgeInputs() {
        uk.ectmentor.core.nudges.NudgeInputs inputs = nudgeInputs.getIfAvailable();
        assertThat(inputs).isInstanceOf(uk.ectmentor.core.nudges.StoredNudgeInputs.class);
        storage.meetings().saveReview(new uk.ectmentor.core.meeting.PreMeetingReview("demo", "sam", 9, 9, null, null,
                "Tried cold calling", "Most could explain", "Keep it", java.time.Instant.now()));
        assertThat(inputs.preMeetingAnswers("sam", 9, 9)).contains("What I did: Tried cold calling");
    }

    @Test
    void aNudgeSentToTheWebChatIsShownOnceOnTheNextInboxFetch() {
        Sender web = senders.stream().filter(s -> s.platform().equals("web")).findFirst().orElseThrow();
        assertThat(web.send(UserRef.web("sam"), List.of(Message.builder().heading("How did the meeting go?").build())).outcome())
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        ResponseEntity<Map> first = http.getForEntity("/api/chat/inbox?user=sam", Map.class);
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody().get("messages").toString()).contains("heading").contains("How did the meeting go?");
        assertThat(http.getForEntity("/api/chat/inbox?user=sam", Map.class).getBody().get("messages")).isEqualTo(List.of());
        assertThat(http.getForEntity("/api/chat/inbox?user=no%20way", Map.class).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theDemoPairingHasAnICalendarFeed() {
        ResponseEntity<String> ics = http.getForEntity("/api/pairings/demo/calendar.ics", String.class);
        assertThat(ics.getStatusCode().value()).isEqualTo(200);
        assertThat(ics.getHeaders().getContentType().toString()).startsWith("text/calendar");
        assertThat(ics.getBody()).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VEVENT");
        assertThat(http.getForEntity("/api/pairings/nobody/calendar.ics", String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theNudgeCommandsAreRegistered() {
        ResponseEntity<Map> reply = http.postForEntity("/api/chat/messages", Map.of("user", "alex", "text", "nudges"), Map.class);
        assertThat(reply.getBody().toString()).contains("Your nudges");
    }
}
