package uk.ectmentor.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every transcript the core ships, found on the class path (bot-core's test classes or its test jar), so
 * the core and every adapter replay the same set: a new transcript file is picked up everywhere.
 */
public final class Transcripts {
    private Transcripts() {
    }

    /** The names of all transcripts, sorted, without the {@code .transcript} ending. */
    public static List<String> names() {
        try {
            URI uri = Transcripts.class.getClassLoader().getResource("transcripts/mentor-prompts.transcript").toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return list(jar.getPath("/transcripts"));
                }
            }
            return list(Paths.get(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".transcript"))
                    .map(n -> n.substring(0, n.length() - ".transcript".length())).sorted().toList();
        }
    }

    public static Transcript load(String name) {
        return Transcript.resource("transcripts/" + name + ".transcript");
    }
}
