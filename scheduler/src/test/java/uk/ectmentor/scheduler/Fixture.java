package uk.ectmentor.scheduler;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import uk.ectmentor.core.calendar.SchoolCalendars;
import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.content.ContentLoader;
import uk.ectmentor.core.content.ContentPack;
import uk.ectmentor.core.delivery.Sender;
import uk.ectmentor.core.nudges.NudgeInputs;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;
import uk.ectmentor.core.testing.MutableClock;

/** The scheduler on an in-memory MongoDB wire-protocol server, with a clock the test moves. */
final class Fixture implements AutoCloseable {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Duration LEASE = Duration.ofMinutes(5);
    /** Dispatchers in these tests handle up to this many nudges of a batch at once. */
    static final int CONCURRENCY = 4;

    final EmbeddedMongo server = EmbeddedMongo.inMemory();
    final MongoStorage storage = MongoStorage.connect(server.connectionString(), "test");
    final List<MongoStorage> extraConnections = new ArrayList<>();
    final MutableClock clock;
    final ContentPack content = ContentLoader.load(null);
    final SchoolCalendars calendars = SchoolCalendars.englandDefault();
    final NudgeStore store = new NudgeStore(storage.database());
    final NudgePlanner planner = new NudgePlanner(content, NudgeInputs.NONE, NudgePlanner.Times.defaults());
    final SchedulePlanning planning;

    Fixture(Instant start) {
        clock = new MutableClock(start);
        planning = new SchedulePlanning(storage.people(), storage.actions(), calendars, planner, store);
        storage.people().saveSchool(new School("s", "Test School", LONDON));
    }

    Dispatcher dispatcher(String owner, Sender... senders) {
        return dispatcher(owner, Duration.ofHours(1), 50, senders);
    }

    /** A dispatcher with its own connection to the store, as another instance would have. */
    Dispatcher dispatcher(String owner, Duration misfireMaxAge, int batch, Sender... senders) {
        return dispatcher(owner, misfireMaxAge, batch, CONCURRENCY, senders);
    }

    /** As above, handling up to {@code concurrency} nudges of a batch at once (1: one after another). */
    Dispatcher dispatcher(String owner, Duration misfireMaxAge, int batch, int concurrency, Sender... senders) {
        MongoStorage own = MongoStorage.connect(server.connectionString(), "test");
        extraConnections.add(own);
        NudgeComposer composer = new NudgeComposer(own.people(), content, own.actions(), NudgeInputs.NONE);
        return new Dispatcher(new NudgeStore(own.database()), own.people(), own.preferences(), calendars, composer,
                List.of(senders), clock, new Dispatcher.Settings(owner, LEASE, misfireMaxAge, batch, 3, concurrency));
    }

    /** Pairing {@code p<i>}: mentor {@code m<i>}, ECT {@code e<i>}, each with a web identity. */
    Pairing pairing(int i) {
        var people = storage.people();
        people.savePerson(new Person("m" + i, "s", "Mentor " + i, Role.MENTOR, "Primary", null));
        people.savePerson(new Person("e" + i, "s", "Ect " + i, Role.ECT, "Primary", null, 1));
        people.linkIdentity(UserRef.web("m" + i), "m" + i);
        people.linkIdentity(UserRef.web("e" + i), "e" + i);
        Pairing p = new Pairing("p" + i, "s", "m" + i, "e" + i, 4, 6, DayOfWeek.THURSDAY, LocalTime.of(15, 30));
        people.savePairing(p);
        return p;
    }

    /** One meeting-start nudge for pairing i's mentor at a London time. */
    PlannedNudge meetingNudge(int i, LocalDateTime local) {
        return PlannedNudge.of("p" + i, "m" + i, NudgeKind.MEETING_START, null, 4, 6, local, LONDON);
    }

    @Override
    public void close() {
        extraConnections.forEach(MongoStorage::close);
        storage.close();
        server.close();
    }
}
