package uk.ectmentor.contenttools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared programme documents: ../shared beside the repository clone, or /work/shared. */
final class Shared {
    private Shared() {
    }

    static Path dir() {
        for (Path p : List.of(Path.of("../../shared"), Path.of("../shared"), Path.of("/work/shared"))) {
            if (Files.isDirectory(p.resolve("seeds"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("the shared programme documents (../shared/seeds) are missing");
    }

    static Path seed(String prefix) throws java.io.IOException {
        try (var files = Files.list(dir().resolve("seeds"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    static Path samples() {
        return dir().resolve("programme-samples");
    }
}
