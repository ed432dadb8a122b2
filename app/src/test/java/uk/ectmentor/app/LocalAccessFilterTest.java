package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import uk.ectmentor.core.nudges.CalendarFeeds;

/** Who reaches the web chat and the calendar feeds, with hostile addresses and headers. */
class LocalAccessFilterTest {

    private static final CalendarFeeds FEEDS = CalendarFeeds.of("https://bot.example.org", "filter-test-secret-0123");

    private static MockHttpServletResponse call(LocalAccessFilter.Access access, String path, String remote, String header, String value)
            throws Exception {
        return call(access, "POST", path, null, remote, header, value);
    }

    private static MockHttpServletResponse call(LocalAccessFilter.Access access, String method, String path, String key, String remote,
                                                String header, String value) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (key != null) {
            request.setParameter("key", key);
        }
        request.setRemoteAddr(remote);
        if (header != null) {
            request.addHeader(header, value);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new LocalAccessFilter(access, FEEDS).doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(299); // reached the application
        }
        return response;
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({
            "/api/chat/messages, 127.0.0.1, , , 299",
            "/api/chat/messages, ::1, , , 299",
            "/api/chat/messages, 127.1.2.3, , , 299",
            "/api/chat/messages, 10.0.0.7, , , 403",
            "/api/chat/messages, 203.0.113.9, , , 403",
            "/api/chat/inbox, 192.168.1.20, , , 403",
            "/, 172.17.0.1, , , 403",
            "/index.html, 0.0.0.0, , , 403",
            "/api/pairings/demo/calendar.ics, 198.51.100.4, , , 403",
            "/api/chat/messages, 127.0.0.1, X-Forwarded-For, 203.0.113.9, 403",
            "/api/chat/messages, 127.0.0.1, X-Forwarded-For, 127.0.0.1, 403",
            "/api/chat/messages, 127.0.0.1, Forwarded, for=203.0.113.9, 403",
            "/api/chat/messages, 127.0.0.1, X-Real-IP, 203.0.113.9, 403",
            "/api/chat/messages, , , , 403",
            "/api/chat/messages, not-an-address.invalid, , , 403",
            "/slack/events, 203.0.113.9, , , 299",
            "/api/messages, 203.0.113.9, , , 299",
            "/actuator/health, 203.0.113.9, , , 299",
    })
    void loopbackOnlyByDefault(String path, String remote, String header, String value, int status) throws Exception {
        MockHttpServletResponse response = call(LocalAccessFilter.Access.LOOPBACK, path, remote == null ? "" : remote, header, value);
        assertThat(response.getStatus()).isEqualTo(status);
        if (status == 403) {
            assertThat(response.getContentAsString()).contains("answer only on the machine the bot runs on");
        }
    }

    @Test
    void openServesEveryoneAndOffServesNoOne() throws Exception {
        assertThat(call(LocalAccessFilter.Access.OPEN, "/api/chat/messages", "203.0.113.9", "X-Forwarded-For", "x").getStatus()).isEqualTo(299);
        MockHttpServletResponse off = call(LocalAccessFilter.Access.OFF, "/api/chat/messages", "127.0.0.1", null, null);
        assertThat(off.getStatus()).isEqualTo(404);
        assertThat(off.getContentAsString()).contains("turned off");
        assertThat(call(LocalAccessFilter.Access.OFF, "/slack/events", "203.0.113.9", null, null).getStatus()).isEqualTo(299);
    }

    @Test
    void theSettingIsReadStrictly() {
        assertThat(LocalAccessFilter.parse(null)).isEqualTo(LocalAccessFilter.Access.LOOPBACK);
        assertThat(LocalAccessFilter.parse(" Open ")).isEqualTo(LocalAccessFilter.Access.OPEN);
        assertThat(LocalAccessFilter.parse("off")).isEqualTo(LocalAccessFilter.Access.OFF);
        assertThatThrownBy(() -> LocalAccessFilter.parse("yes")).hasMessageContaining("loopback, open or off");
    }

    @Test
    void aCalendarFeedWithItsPairingsKeyIsServedToAnyoneAndNothingElseIs() throws Exception {
        String demoKey = FEEDS.link("demo").orElseThrow().replaceAll(".*key=", "");
        String feed = "/api/pairings/demo/calendar.ics";
        var loopback = LocalAccessFilter.Access.LOOPBACK;
        assertThat(call(loopback, "GET", feed, demoKey, "203.0.113.9", null, null).getStatus()).isEqualTo(299);
        assertThat(call(loopback, "GET", feed, demoKey, "127.0.0.1", "X-Forwarded-For", "203.0.113.9").getStatus()).isEqualTo(299);
        assertThat(call(loopback, "GET", feed, "x" + demoKey.substring(1), "203.0.113.9", null, null).getStatus()).isEqualTo(403);
        assertThat(call(loopback, "GET", feed, null, "203.0.113.9", null, null).getStatus()).isEqualTo(403);
        assertThat(call(loopback, "GET", "/api/pairings/pair-jo-kim/calendar.ics", demoKey, "203.0.113.9", null, null).getStatus())
                .as("another pairing's feed with demo's key").isEqualTo(403);
        assertThat(call(loopback, "GET", "/api/pairings/demo/calendar.ics/../../chat/inbox", demoKey, "203.0.113.9", null, null).getStatus())
                .isEqualTo(403);
        assertThat(call(loopback, "POST", feed, demoKey, "203.0.113.9", null, null).getStatus()).isEqualTo(403);
        assertThat(call(loopback, "GET", "/api/chat/inbox", demoKey, "203.0.113.9", null, null).getStatus()).isEqualTo(403);
    }
}
