package uk.ectmentor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ectmentor.core.trust.FieldCipher;

/** The trust command-line tools on the embedded on-disk store, as a lead would run them with the bot stopped. */
class TrustCommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T16:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(CliCommands.CliCommand command, String... args) {
        out.reset();
        err.reset();
        return command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Map<String, String> env() {
        return Map.of("BOT_DATA_DIR", dir.resolve("data").toString());
    }

    @Test
    void importIsIdempotentAndTheEngagementCsvFollows() throws Exception {
        Path csv = dir.resolve("roster.csv");
        Files.writeString(csv, "\uFEFFschool,person,role,handle,phase,mentor\r\n"
                + "Oak Academy,Alex Reid,mentor,slack:T1:U100,Secondary,\r\n"
                + "Oak Academy,Sam Okafor,ECT,slack:T1:U200,Secondary,Alex Reid\r\n");
        TrustCommands.Roster roster = new TrustCommands.Roster(env()::get, CLOCK);

        assertThat(run(roster, "import", csv.toString())).isZero();
        assertThat(out.toString()).contains("Imported 2 people in 1 school, 1 pairing.");
        assertThat(run(roster, "import", csv.toString())).isZero();
        assertThat(out.toString()).contains("Imported 2 people in 1 school, 1 pairing.");
        assertThat(dir.resolve("data").resolve(FieldCipher.KEY_FILE)).exists();

        assertThat(run(roster, "engagement", "oak-academy", "2")).isZero();
        assertThat(out.toString()).startsWith("pairing,mentor,ect,week_of,meetings,reflections,actions_set,actions_done\n")
                .contains(",Alex Reid,Sam Okafor,2026-11-16,0,0,0,0").contains(",Alex Reid,Sam Okafor,2026-11-23,0,0,0,0");
    }

    @Test
    void aBadFileIsReportedByRowAndColumnWithExitCodeOne() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "school,person,role,handle,phase,mentor\nOak,Sam,pupil,slack:T1:U1,,\n");
        assertThat(run(new TrustCommands.Roster(env()::get, CLOCK), "import", csv.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Nothing imported").contains("row 2, column role: 'pupil'");
    }

    @Test
    void usageAndMissingFilesAreFriendly() {
        TrustCommands.Roster roster = new TrustCommands.Roster(env()::get, CLOCK);
        assertThat(run(roster)).isEqualTo(2);
        assertThat(err.toString()).contains("usage: roster import FILE.csv");
        assertThat(run(roster, "import", dir.resolve("nope.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no file");
        assertThat(run(roster, "engagement", "no-such-school")).isEqualTo(2);
        assertThat(err.toString()).contains("no school with id 'no-such-school'");
        assertThat(run(roster, "engagement", "x", "lots")).isEqualTo(2);
    }

    @Test
    void reencryptAndRetentionRun() {
        assertThat(run(new TrustCommands.Reencrypt(env()::get))).isZero();
        assertThat(out.toString()).contains("re-sealed 0 records");
        assertThat(run(new TrustCommands.Retention(env()::get, CLOCK), "24")).isZero();
        assertThat(out.toString()).contains("erased the records of 0 people");
        assertThat(run(new TrustCommands.Retention(env()::get, CLOCK), "soon")).isEqualTo(2);
    }

    @Test
    void theCommandsAreRegistered() {
        assertThat(CliCommands.COMMANDS).containsKeys("roster", "reencrypt", "retention");
    }
}
