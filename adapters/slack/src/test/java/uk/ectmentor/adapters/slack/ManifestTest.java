package uk.ectmentor.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The install manifests: valid against Slack's published schema, with exactly the scopes and events the bot uses. */
class ManifestTest {
    /** Slack bot scope names (the schema does not check them): a typo here would fail the install. */
    static final Set<String> KNOWN_BOT_SCOPES = Set.of(
            "app_mentions:read", "channels:history", "channels:join", "channels:manage", "channels:read", "chat:write",
            "chat:write.customize", "chat:write.public", "commands", "dnd:read", "emoji:read", "files:read", "files:write",
            "groups:history", "groups:read", "groups:write", "im:history", "im:read", "im:write", "links:read",
            "links:write", "mpim:history", "mpim:read", "mpim:write", "pins:read", "pins:write", "reactions:read",
            "reactions:write", "reminders:read", "reminders:write", "team:read", "usergroups:read", "usergroups:write",
            "users.profile:read", "users:read", "users:read.email", "users:write");
    static final Set<String> SCOPES = Set.of("commands", "chat:write", "im:history", "im:write", "users:read");
    static final Set<String> EVENTS = Set.of("message.im", "app_home_opened");

    static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("manifest.yaml")) ? here : here.resolve("adapters/slack");
    }

    /** The shared schemas: ../shared/schemas beside the repository (CI), found by walking up from here. */
    static Path schema() {
        for (Path p = moduleDir(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/schemas/slack-app-manifest.schema.json");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("slack-app-manifest.schema.json not found in a shared/schemas folder above " + moduleDir());
    }

    static JsonNode load(String file) throws IOException {
        try (InputStream in = Files.newInputStream(moduleDir().resolve(file))) {
            Object yaml = new Yaml().load(in);
            return FakeSlack.JSON.valueToTree(yaml);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"manifest.yaml", "manifest-socket-mode.yaml"})
    void validAgainstSlacksSchemaWithExactlyTheScopesAndEventsUsed(String file) throws IOException {
        JsonNode manifest = load(file);
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(schema())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Set<ValidationMessage> problems = schema.validate(manifest);
        assertThat(problems).as(file).isEmpty();
        com.fasterxml.jackson.databind.node.ObjectNode broken = manifest.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("settings")).put("socket_mode", "yes");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("display_information")).remove("name");
        assertThat(schema.validate(broken)).as("the schema catches mistakes").hasSizeGreaterThanOrEqualTo(2);

        List<String> scopes = texts(manifest.path("oauth_config").path("scopes").path("bot"));
        assertThat(scopes).allSatisfy(s -> assertThat(KNOWN_BOT_SCOPES).contains(s));
        assertThat(scopes).containsExactlyInAnyOrderElementsOf(SCOPES);
        assertThat(texts(manifest.path("settings").path("event_subscriptions").path("bot_events"))).containsExactlyInAnyOrderElementsOf(EVENTS);
        assertThat(manifest.path("features").path("slash_commands").get(0).path("command").asText()).isEqualTo(SlackAdapter.COMMAND);
        assertThat(manifest.path("features").path("app_home").path("home_tab_enabled").asBoolean()).isTrue();
        assertThat(manifest.path("settings").path("interactivity").path("is_enabled").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"manifest.yaml"})
    void theHttpVariantSendsEverythingToTheOneEndpoint(String file) throws IOException {
        JsonNode manifest = load(file);
        assertThat(manifest.path("settings").path("socket_mode_enabled").asBoolean()).isFalse();
        List<String> urls = List.of(manifest.path("settings").path("event_subscriptions").path("request_url").asText(),
                manifest.path("settings").path("interactivity").path("request_url").asText(),
                manifest.path("features").path("slash_commands").get(0).path("url").asText());
        assertThat(urls).allSatisfy(u -> assertThat(u).startsWith("https://").endsWith(SlackEndpoint.PATH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"manifest-socket-mode.yaml"})
    void theSocketModeVariantNeedsNoPublicUrl(String file) throws IOException {
        JsonNode manifest = load(file);
        assertThat(manifest.path("settings").path("socket_mode_enabled").asBoolean()).isTrue();
        assertThat(manifest.toString()).doesNotContain("request_url", "https://");
    }
}
