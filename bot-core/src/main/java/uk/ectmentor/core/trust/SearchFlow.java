package uk.ectmentor.core.trust;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import uk.ectmentor.core.chat.Message;
import uk.ectmentor.core.engine.Router;
import uk.ectmentor.core.engine.Turn;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.reflect.LogEntry;

/** {@code search log <word>}: the person's own learning-log entries holding a word. Never anyone else's. */
public final class SearchFlow {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);
    private static final int LIMIT = 10;

    private final PeopleStore people;
    private final LogSearch search;

    public SearchFlow(PeopleStore people, LogSearch search) {
        this.people = people;
        this.search = search;
    }

    public void register(Router router) {
        router.commandWithText("search log", this::find, "search my log", "find in my log", "find in log")
              .describe("search log", "search log <word>", "entries in your learning log with that word");
    }

    private List<Message> find(Turn turn) {
        String word = turn.args().strip();
        if (FieldCipher.words(word).size() != 1) {
            return List.of(Message.text("Give me one word to look for (three letters or more), for example *search log feedback*."));
        }
        List<LogEntry> found = search.withWord(turn.person().id(), word, LIMIT);
        if (found.isEmpty()) {
            return List.of(Message.text("Nothing in your learning log has the word \"" + word + "\"."));
        }
        ZoneId zone = people.school(turn.person().schoolId()).map(s -> s.zone()).orElse(ZoneId.of("Europe/London"));
        return List.of(Message.builder()
                .heading("Entries with \"" + word + "\"")
                .bullets(found.stream().map(e -> DAY.format(e.createdAt().atZone(zone)) + " · " + e.kind() + ": "
                        + abbreviate(e.text())).toList())
                .build());
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }
}
