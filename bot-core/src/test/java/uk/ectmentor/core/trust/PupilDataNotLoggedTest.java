package uk.ectmentor.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import uk.ectmentor.core.chat.Inbound;
import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.reflect.ReflectionFlow;
import uk.ectmentor.core.testing.TestBot;

/** Flagged text never reaches a log line, at any level, on any path through the reflection flow. */
class PupilDataNotLoggedTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level level;
    private TestBot bot;

    @BeforeEach
    void capture() {
        level = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
        bot = new TestBot();
    }

    @AfterEach
    void release() {
        bot.close();
        root.detachAppender(appender);
        root.setLevel(level);
    }

    @Test
    void noFlaggedDetailAppearsInTheLogs() {
        String upn = UpnCheckLetterPropertyTest.randomUpn(new Random(42));
        String text = "Ruby Castellano in Year 6 (UPN " + upn + ", DOB 03/04/2015) has epilepsy.";
        List<Message> warned = bot.engine.handle(Inbound.text(UserRef.web("sam"), "reflect: " + text, "d1"));
        assertThat(warned.get(0).plainText()).contains("Before I save this").doesNotContain(upn).doesNotContain("Castellano");
        bot.engine.handle(Inbound.action(UserRef.web("sam"), ReflectionFlow.REDACT_DRAFT, "d1", "d2"));
        bot.engine.handle(Inbound.text(UserRef.web("sam"), text, "d3"));
        bot.engine.handle(Inbound.action(UserRef.web("sam"), ReflectionFlow.SAVE_DRAFT, "d3", "d4"));
        bot.engine.handle(Inbound.action(UserRef.web("sam"), ReflectionFlow.KEEP_DRAFT, "d3", "d5"));
        bot.engine.handle(Inbound.text(UserRef.web("sam"), "log", "d6"));

        LoggerFactory.getLogger(ReflectionFlow.class).trace("capture check");
        assertThat(appender.list).as("the capture sees the bot's own loggers at TRACE")
                .anyMatch(e -> e.getFormattedMessage().equals("capture check"));
        for (ILoggingEvent e : appender.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain(upn).doesNotContain("Castellano").doesNotContain("03/04/2015").doesNotContain("epilepsy");
        }
    }
}
