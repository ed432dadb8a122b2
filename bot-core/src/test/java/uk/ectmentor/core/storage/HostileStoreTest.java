package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.reflect.LogEntry;

/** Values that look like Mongo operators or forged ids are plain strings to every store: they match nothing. */
class HostileStoreTest {
    private static final String[] HOSTILE = {"{\"$ne\": null}", "{\"$gt\": \"\"}", "$where", "{$regex: '.*'}", "", ".*"};
    private final EmbeddedMongo server = EmbeddedMongo.inMemory();
    private final MongoStorage storage = MongoStorage.connect(server.connectionString(), "hostile");

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    @Test
    void operatorStringsMatchNothing() {
        storage.people().saveSchool(new School("s1", "One", ZoneId.of("Europe/London")));
        storage.people().savePerson(new Person("p1", "s1", "Pat", Role.ECT, "Primary", null, 1));
        storage.people().linkIdentity(new UserRef("slack", "T1", "U1"), "p1");
        storage.learningLog().append(new LogEntry("e1", "p1", "s1", "reflection", 1, 1, "private", Instant.now(), false, "src"));

        for (String h : HOSTILE) {
            assertThat(storage.people().person(h)).as(h).isEmpty();
            assertThat(storage.people().personFor(new UserRef("slack", "T1", h))).as(h).isEmpty();
            assertThat(storage.people().personFor(new UserRef(h, h, h))).as(h).isEmpty();
            assertThat(storage.people().pairingsOf(h)).as(h).isEmpty();
            assertThat(storage.learningLog().recent(h, 10)).as(h).isEmpty();
            assertThat(storage.learningLog().bySource(h, "src")).as(h).isEmpty();
            assertThat(storage.actions().openFor(h)).as(h).isEmpty();
            assertThat(storage.engagement().activity(h, Instant.EPOCH, Instant.now().plusSeconds(60))).as(h).isEmpty();
            assertThat(storage.engagement().pairings(h)).as(h).isEmpty();
            assertThat(storage.engagement().people(h)).as(h).isEmpty();
            assertThat(storage.personalData().export(h)).as(h).isEmpty();
            assertThat(storage.personalData().erase(h).values()).as(h).allMatch(n -> n == 0L);
            assertThat(storage.auditTrail().recent(h, 10)).as(h).isEmpty();
        }
        assertThat(storage.learningLog().recent("p1", 10)).hasSize(1);
        assertThat(storage.people().person("p1")).isPresent();
    }

    @Test
    void engagementIsScopedBySchool() {
        storage.learningLog().append(new LogEntry("e1", "p1", "s1", "reflection", 1, 1, "a", Instant.parse("2026-11-20T10:00:00Z"), false, "x"));
        storage.learningLog().append(new LogEntry("e2", "p2", "s2", "reflection", 1, 1, "b", Instant.parse("2026-11-20T10:00:00Z"), false, "y"));
        assertThat(storage.engagement().activity("s1", Instant.EPOCH, Instant.parse("2027-01-01T00:00:00Z")))
                .extracting(a -> a.personId()).containsExactly("p1");
    }
}
