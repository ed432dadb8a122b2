package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The app package: a manifest valid against the published Teams schema, and icons of the sizes Teams asks for. */
class TeamsAppPackageTest {
    private static final String APP_ID = "8d5c1e7a-0b1f-4c55-9d43-2f6a7e1c9b20";

    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return TeamsAppPackage.cli(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void thePackageHoldsAValidManifestAndBothIcons() throws IOException {
        Path zip = dir.resolve("out/ect-mentor-teams.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(out, err, "package", "--app-id", APP_ID, "--host", "https://bot.example.org/", "--out", zip.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("https://bot.example.org/api/messages");

        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(files).containsOnlyKeys("manifest.json", "color.png", "outline.png");

        JsonNode manifest = TeamsChannel.JSON.readTree(files.get("manifest.json"));
        assertThat(Schemas.manifestErrors(manifest)).isEmpty();
        assertThat(manifest.path("manifestVersion").asText()).isEqualTo(TeamsAppPackage.MANIFEST_VERSION);
        assertThat(manifest.path("id").asText()).isEqualTo(APP_ID);
        assertThat(manifest.path("bots").get(0).path("botId").asText()).isEqualTo(APP_ID);
        assertThat(manifest.path("validDomains").get(0).asText()).isEqualTo("bot.example.org");
        assertThat(manifest.path("bots").get(0).path("commandLists").get(0).path("commands").findValuesAsText("title"))
                .containsExactly("help", "prompts", "reflect", "log", "my actions", "session");

        BufferedImage color = ImageIO.read(new ByteArrayInputStream(files.get("color.png")));
        assertThat(color.getWidth()).isEqualTo(192);
        assertThat(color.getHeight()).isEqualTo(192);
        assertThat(color.getRGB(0, 0) >>> 24).as("colour icon is opaque").isEqualTo(0xFF);

        BufferedImage outline = ImageIO.read(new ByteArrayInputStream(files.get("outline.png")));
        assertThat(outline.getWidth()).isEqualTo(32);
        assertThat(outline.getHeight()).isEqualTo(32);
        boolean anyWhite = false;
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 32; y++) {
                int argb = outline.getRGB(x, y);
                int alpha = argb >>> 24;
                if (alpha != 0) {
                    assertThat(argb & 0xFFFFFF).as("outline pixels are white").isEqualTo(0xFFFFFF);
                    anyWhite = true;
                }
            }
        }
        assertThat(anyWhite).isTrue();
        assertThat(outline.getRGB(0, 0) >>> 24).as("outline background is transparent").isZero();
    }

    @Test
    void aBrokenManifestIsCaughtByTheSchema() {
        var manifest = TeamsAppPackage.manifest(new TeamsAppPackage.Settings(APP_ID, "bot.example.org", null, null, null, null));
        manifest.put("accentColor", "teal");
        assertThat(Schemas.manifestErrors(manifest)).isNotEmpty();
    }

    @Test
    void badArgumentsGetAClearMessageAndNoFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path zip = dir.resolve("x.zip");
        assertThat(run(out, err, "package", "--app-id", "not-a-guid", "--host", "bot.example.org", "--out", zip.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--app-id must be the bot's Microsoft App ID");
        assertThat(run(out, err, "package", "--app-id", APP_ID, "--host", "not a host", "--out", zip.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--host must be");
        assertThat(run(out, err, "package", "--app-id", APP_ID, "--host", "bot.example.org")).isEqualTo(2);
        assertThat(run(out, err, "publish")).isEqualTo(2);
        assertThat(zip).doesNotExist();
    }
}
