package uk.ectmentor.core.nudges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Calendar links: keyed per pairing, checked in constant time, refused when forged or borrowed. */
class CalendarFeedsTest {
    private final CalendarFeeds feeds = CalendarFeeds.of("https://bot.example.org/", "a-long-enough-secret-1234");

    @Test
    void aLinkOpensItsOwnPairingOnly() {
        String link = feeds.link("demo").orElseThrow();
        assertThat(link).startsWith("https://bot.example.org/api/pairings/demo/calendar.ics?key=");
        String key = link.substring(link.indexOf("key=") + 4);
        assertThat(key).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(feeds.opens("demo", key)).isTrue();
        assertThat(feeds.opens("pair-jo-kim", key)).as("another pairing's key").isFalse();
        assertThat(feeds.opens("demo", key.substring(1))).isFalse();
        assertThat(feeds.opens("demo", key.toUpperCase())).isFalse();
        assertThat(feeds.opens("demo", "")).isFalse();
        assertThat(feeds.opens("demo", null)).isFalse();
        assertThat(feeds.opens("demo", "é".repeat(32))).isFalse();
        assertThat(CalendarFeeds.of("https://bot.example.org", "another-secret-of-16+").opens("demo", key))
                .as("a key made under another secret").isFalse();
    }

    @Test
    void withoutASecretLinksHaveNoKeyAndNothingOpensThem() {
        CalendarFeeds local = CalendarFeeds.of("http://127.0.0.1:8080", null);
        assertThat(local.keyed()).isFalse();
        assertThat(local.link("demo")).contains("http://127.0.0.1:8080/api/pairings/demo/calendar.ics");
        assertThat(local.opens("demo", "anything")).isFalse();
        assertThat(CalendarFeeds.NONE.link("demo")).isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> CalendarFeeds.of("https://x", "short")).hasMessageContaining("at least 16");
    }
}
