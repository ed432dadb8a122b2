package uk.ectmentor.app;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid content pack at start-up into a short description and what to do, without a stack trace. */
class ContentPackFailureAnalyzer extends AbstractFailureAnalyzer<InvalidContentPackException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidContentPackException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the files named above (file:line: field: problem), check them with "
                        + "'java -jar ect-mentor-bot.jar content validate DIR', then start the bot again.", cause);
    }
}
