package uk.ectmentor.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.engine.ConversationState;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.reflect.LearningLogStore;
import uk.ectmentor.core.reflect.LogEntry;

/** The Mongo stores against the embedded wire-protocol server, through the real driver. */
class MongoStoresTest {
    private final EmbeddedMongo server = EmbeddedMongo.inMemory();
    private final MongoStorage storage = MongoStorage.connect(server.connectionString(), "stores");

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    @Test
    void peopleIdentitiesAndPairingsRoundTrip() {
        var people = storage.people();
        people.saveSchool(new School("s1", "One School", ZoneId.of("Europe/London")));
        people.savePerson(new Person("p1", "s1", "Pat", Role.MENTOR, "Primary", null));
        people.savePerson(new Person("p2", "s1", "Kim", Role.ECT, "Primary", null));
        people.linkIdentity(new UserRef("slack", "T1", "U1"), "p1");
        people.savePairing(new Pairing("pair1", "s1", "p1", "p2", 2, 3));

        assertThat(people.school("s1")).get().extracting(School::zone).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(people.personFor(new UserRef("slack", "T1", "U1"))).get().extracting(Person::name).isEqualTo("Pat");
        assertThat(people.personFor(new UserRef("slack", "T2", "U1"))).isEmpty();
        assertThat(people.pairingsOf("p2")).extracting(Pairing::id).containsExactly("pair1");
        people.savePairing(people.pairing("pair1").orElseThrow().atWeek(2, 4));
        assertThat(people.pairing("pair1")).get().extracting(Pairing::week).isEqualTo(4);
    }

    @Test
    void theLogKeepsOneEntryPerSourceAndListsNewestFirst() {
        LearningLogStore log = storage.learningLog();
        LogEntry a = entry("a", "src-1", "2026-11-20T10:00:00Z");
        LogEntry b = entry("b", "src-2", "2026-11-21T10:00:00Z");
        assertThat(log.append(a).isNew()).isTrue();
        assertThat(log.append(b).isNew()).isTrue();
        LearningLogStore.Appended again = log.append(entry("c", "src-1", "2026-11-22T10:00:00Z"));
        assertThat(again.isNew()).isFalse();
        assertThat(again.entry().id()).isEqualTo("a");
        assertThat(log.recent("p", 10)).extracting(LogEntry::id).containsExactly("b", "a");
    }

    @Test
    void conversationStateRoundTrips() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        storage.conversations().put(ConversationState.empty("p", now).with("k", "v", now).at("gibbs", "feelings", now));
        ConversationState read = storage.conversations().get("p").orElseThrow();
        assertThat(read.flow()).isEqualTo("gibbs");
        assertThat(read.step()).isEqualTo("feelings");
        assertThat(read.get("k")).isEqualTo("v");
        assertThat(read.updatedAt()).isEqualTo(now);
    }

    @Test
    void conversationReferencesAreRefreshedAndMarkedUnreachable() {
        var refs = storage.conversationRefs();
        UserRef who = new UserRef("teams", "tenant-1", "aad-1");
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(refs.find(who)).isEmpty();
        refs.save(who, "{\"serviceUrl\":\"https://a\"}", t0);
        refs.save(who, "{\"serviceUrl\":\"https://b\"}", t0.plusSeconds(60));
        assertThat(refs.find(who)).get().satisfies(s -> {
            assertThat(s.reference()).contains("https://b");
            assertThat(s.reachable()).isTrue();
        });
        refs.markUnreachable(who, t0.plusSeconds(120));
        assertThat(refs.find(who)).get().satisfies(s -> {
            assertThat(s.reachable()).isFalse();
            assertThat(s.reference()).contains("https://b");
            assertThat(s.updatedAt()).isEqualTo(t0.plusSeconds(120));
        });
        refs.save(who, "{\"serviceUrl\":\"https://c\"}", t0.plusSeconds(180));
        assertThat(refs.find(who)).get().extracting(s -> s.reachable()).isEqualTo(true);
    }

    private static LogEntry entry(String id, String source, String at) {
        return new LogEntry(id, "p", "s1", "reflection", 4, 6, "text " + id, Instant.parse(at), false, source);
    }
}
