package uk.ectmentor.app;

import java.nio.file.Path;
import java.util.stream.Collectors;

import uk.ectmentor.core.content.ContentException;

/** The content pack has mistakes: the bot does not start, and says exactly which and where. */
final class InvalidContentPackException extends IllegalStateException {
    private final transient ContentException problems;

    InvalidContentPackException(Path contentDir, ContentException problems) {
        super("The content pack is invalid, so the bot will not start ("
                + (contentDir == null ? "built-in pack" : "BOT_CONTENT_DIR=" + contentDir) + "). "
                + problems.problems().size() + " problem" + (problems.problems().size() == 1 ? "" : "s") + ":\n"
                + problems.problems().stream().map(p -> "  " + p.getMessage()).collect(Collectors.joining("\n")), problems);
        this.problems = problems;
    }

    ContentException problems() {
        return problems;
    }
}
