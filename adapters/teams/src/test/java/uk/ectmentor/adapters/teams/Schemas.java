package uk.ectmentor.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.JoniRegularExpressionFactory;

/** The platforms' published schemas from ../shared/schemas (found by walking up from the module). */
final class Schemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema card;
    private static JsonSchema manifest;

    private Schemas() {
    }

    static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("shared/schemas");
            if (Files.isRegularFile(candidate.resolve("adaptive-card-1.5.0.json"))) {
                return candidate;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("no shared/schemas above " + Path.of("").toAbsolutePath());
    }

    private static JsonSchema load(String file, SpecVersion.VersionFlag version) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(dir().resolve(file).toFile());
            node.remove("id");
            node.remove("$id");
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .regularExpressionFactory(JoniRegularExpressionFactory.getInstance()).build();
            return JsonSchemaFactory.getInstance(version).getSchema(node, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless {@code card} (Teams' own {@code msteams} property stripped) is a valid Adaptive Card 1.5. */
    static synchronized void assertValidCard(JsonNode card) {
        if (Schemas.card == null) {
            Schemas.card = load("adaptive-card-1.5.0.json", SpecVersion.VersionFlag.V6);
        }
        ObjectNode copy = card.deepCopy();
        copy.remove("msteams");
        Set<ValidationMessage> errors = Schemas.card.validate(copy);
        assertThat(errors).as("Adaptive Card 1.5 schema errors in %s", card).isEmpty();
        assertThat(card.path("version").asText()).isEqualTo("1.5");
    }

    static synchronized Set<ValidationMessage> manifestErrors(JsonNode manifestJson) {
        if (manifest == null) {
            manifest = load("teams-app-manifest.schema.json", SpecVersion.VersionFlag.V4);
        }
        return manifest.validate(manifestJson);
    }
}
