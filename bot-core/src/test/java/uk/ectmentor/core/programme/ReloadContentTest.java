package uk.ectmentor.core.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ectmentor.core.MentorBot;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.demo.DemoData;
import uk.ectmentor.core.engine.ConversationEngine;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.testing.CoreChannel;
import uk.ectmentor.core.testing.Reply;
import uk.ectmentor.core.testing.TestBot;

class ReloadContentTest {
    private final TestBot bot = new TestBot();

    @AfterEach
    void close() {
        bot.close();
    }

    private static String text(List<Reply> replies) {
        return String.join("\n", replies.stream().map(Reply::text).toList());
    }

    @Test
    void aProgrammeAdminReloadsTheSchoolPackAndABrokenPackIsRefusedWithItsProblems(@TempDir Path dir) throws IOException {
        bot.storage.people().savePerson(new Person("pat", DemoData.SCHOOL, "Pat", Role.ADMIN, null, null));
        bot.storage.people().linkIdentity(UserRef.web("pat"), "pat");
        ContentPack pack = ContentLoader.load(dir);
        ConversationEngine engine = MentorBot.engine(bot.storage.botParts(pack, bot.clock, Duration.ofHours(12), uk.ectmentor.core.calendar.SchoolCalendars.englandDefault()));
        CoreChannel chat = new CoreChannel(engine, () -> bot.clock.advance(Duration.ofMinutes(1)));
        int builtIn = pack.size();

        Files.writeString(dir.resolve("m2w1.yaml"), "id: m2w1-mentor\nkind: mentor\nmodule: 2\nweek: 1\ntitle: Our own week one\n");
        assertThat(text(chat.say("alex", "reload content"))).contains("Only a programme admin can reload");
        assertThat(text(chat.say("pat", "reload content")))
                .contains("Programme content reloaded: " + (builtIn + 1) + " sessions (before: " + builtIn + ")");
        assertThat(text(chat.say("alex", "session m2w1"))).contains("Our own week one");

        Files.writeString(dir.resolve("m2w1.yaml"), "id: m2w1-mentor\nkind: mentor\nmodule: 2\nweek: one\n");
        String refused = text(chat.say("pat", "reload content"));
        assertThat(refused).contains("has 2 problems, so I kept the content already loaded (" + (builtIn + 1) + " sessions)",
                dir.resolve("m2w1.yaml") + ":1: title: is missing", dir.resolve("m2w1.yaml") + ":4: week: must be a whole number, not 'one'");
        assertThat(text(chat.say("alex", "session m2w1"))).contains("Our own week one");
    }
}
