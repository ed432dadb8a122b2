package uk.ectmentor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The harness's own arithmetic: no load, no child processes (those run from bench/run.sh). */
class BenchSmokeTest {

    @Test
    void signsAsSlackDocumentsIt() {
        // the worked example in Slack's "Verifying requests from Slack" guide
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertThat(Slack.signature("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[1000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(LoadRun.percentile(sorted, 50)).isEqualTo(500);
        assertThat(LoadRun.percentile(sorted, 99)).isEqualTo(990);
        assertThat(LoadRun.percentile(sorted, 99.9)).isEqualTo(999);
        assertThat(LoadRun.percentile(new long[0], 99)).isEqualTo(-1);
    }

    @Test
    void theCrossingIsTheFirstRateWhoseP99IsOverASecond() {
        List<LoadRun.Result> results = List.of(
                new LoadRun.Result("bot teams", 50, 500, 500, 0, 10, 1_000, 900_000, 950_000, 990_000),
                new LoadRun.Result("bot teams", 100, 1000, 1000, 0, 10, 1_000, 1_200_000, 1_500_000, 1_600_000),
                new LoadRun.Result("bot slack-event", 100, 1000, 1000, 0, 10, 1_000, 20_000, 30_000, 40_000));
        assertThat(LoadBench.crossings(results)).contains("bot teams: 100 req/s").contains("bot slack-event: not reached up to 100 req/s");
    }

    @Test
    void gcPausesAreCountedWithinTheStepOnly() {
        List<String> log = List.of(
                "[1000ms] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 78M->30M(96M) 9.547ms",
                "[2000ms] GC(2) Pause Young (Concurrent Start) (G1 Evacuation Pause) 80M->59M(96M) 5.320ms",
                "[2001ms] GC(3) Concurrent Mark Cycle",
                "[2500ms] GC(3) Pause Remark 60M->60M(96M) 1.2ms",
                "[2600ms] GC(3) Concurrent Mark Cycle 600.123ms",
                "[9000ms] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 78M->30M(96M) 20.000ms");
        GcPauses step = GcPauses.between(log, 1500, 3000);
        assertThat(step.count()).isEqualTo(2);
        assertThat(step.totalMs()).isCloseTo(6.52, org.assertj.core.data.Offset.offset(0.001));
        assertThat(step.longestMs()).isEqualTo(5.32);
        assertThat(step).hasToString("2, 7 ms, longest 5.3 ms");
        assertThat(GcPauses.between(log, 3000, 4000)).hasToString("none");
        assertThat(GcPauses.between(java.nio.file.Path.of("no-such-gc.log"), 0, Long.MAX_VALUE)).hasToString("-");
    }

    @Test
    void eventsAndCommandsCarryWhatBoltNeeds() throws Exception {
        var event = Slack.JSON.readTree(Slack.dmEvent("U1", "reflect: \"quoted\" & <odd>", "Ev1", 1_700_000_000L));
        assertThat(event.path("type").asText()).isEqualTo("event_callback");
        assertThat(event.path("event").path("channel_type").asText()).isEqualTo("im");
        assertThat(event.path("event").path("text").asText()).isEqualTo("reflect: \"quoted\" & <odd>");
        assertThat(Slack.command("U1", "log & more", "t1", "http://127.0.0.1:1/r")).contains("command=%2Fmentor", "text=log+%26+more");
    }
}
