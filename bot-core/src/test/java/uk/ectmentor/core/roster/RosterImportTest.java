package uk.ectmentor.core.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.storage.EmbeddedMongo;
import uk.ectmentor.core.storage.MongoStorage;

/** Roster import against the real store: validation by row and column, idempotence, and CSV edge cases. */
class RosterImportTest {
    private static final String GOOD = "school,person,role,handle,phase,mentor,induction_end\n"
            + "Oak Academy,Alex Reid,mentor,slack:T1:U100,Secondary,,\n"
            + "Oak Academy,Sam Okafor,ECT,slack:T1:U200,secondary,Alex Reid,2027-07-31\n"
            + "Oak Academy,Lee Tutor,induction tutor,lee@oak.sch.uk,,,\n"
            + "\"Birch Primary, Leeds\",\"Jo \"\"JJ\"\" Smith\",Mentor,teams:tenant-b:jo,Primary,,\n"
            + "\"Birch Primary, Leeds\",Kim Lo,ect,web:kim,EYFS,teams:tenant-b:jo,\n";

    private final EmbeddedMongo server = EmbeddedMongo.inMemory();
    private final MongoStorage storage = MongoStorage.connect(server.connectionString(), "roster");
    private final RosterImport importer = new RosterImport(storage.people(), storage.retention());

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    @Test
    void importsPeopleIdentitiesAndPairings() {
        RosterImport.Report report = importer.run(GOOD);
        assertThat(report.errors()).isEmpty();
        assertThat(report.describe()).isEqualTo("Imported 5 people in 2 schools, 2 pairings.");

        Person sam = storage.people().personFor(new UserRef("slack", "T1", "U200")).orElseThrow();
        assertThat(sam.schoolId()).isEqualTo("oak-academy");
        assertThat(sam.role()).isEqualTo(Role.ECT);
        assertThat(sam.phase()).isEqualTo("Secondary");
        Pairing pairing = storage.people().pairingsOf(sam.id()).get(0);
        assertThat(storage.people().person(pairing.mentorId())).get().extracting(Person::name).isEqualTo("Alex Reid");
        assertThat(storage.people().personFor(new UserRef("email", "-", "lee@oak.sch.uk"))).get()
                .extracting(Person::role).isEqualTo(Role.INDUCTION_TUTOR);
        assertThat(storage.people().personFor(new UserRef("teams", "tenant-b", "jo"))).get()
                .extracting(Person::name, Person::schoolId).containsExactly("Jo \"JJ\" Smith", "birch-primary-leeds");
        assertThat(storage.people().school("birch-primary-leeds")).get().extracting(s -> s.name()).isEqualTo("Birch Primary, Leeds");
        assertThat(storage.retention().endedBefore(LocalDate.of(2027, 8, 1))).singleElement()
                .satisfies(e -> assertThat(e.personId()).isEqualTo(sam.id()));
    }

    @Test
    void reimportingChangesNothingAndKeepsProgress() {
        importer.run(GOOD);
        Person sam = storage.people().personFor(new UserRef("slack", "T1", "U200")).orElseThrow();
        Pairing moved = storage.people().pairingsOf(sam.id()).get(0).atWeek(3, 2);
        storage.people().savePairing(moved);
        long persons = storage.database().getCollection("persons").countDocuments();
        long pairings = storage.database().getCollection("pairings").countDocuments();
        long identities = storage.database().getCollection("identities").countDocuments();

        assertThat(importer.run(GOOD).ok()).isTrue();
        assertThat(storage.database().getCollection("persons").countDocuments()).isEqualTo(persons);
        assertThat(storage.database().getCollection("pairings").countDocuments()).isEqualTo(pairings);
        assertThat(storage.database().getCollection("identities").countDocuments()).isEqualTo(identities);
        assertThat(storage.people().pairingsOf(sam.id()).get(0)).extracting(Pairing::module, Pairing::week).containsExactly(3, 2);
    }

    @Test
    void aByteOrderMarkWindowsLineEndsAndBlankLinesAreFine() {
        String text = "\uFEFF" + GOOD.replace("\n", "\r\n") + "\r\n,,,,,,\r\n";
        assertThat(importer.run(text).errors()).isEmpty();
    }

    @Test
    void missingColumnsAreNamedAndNothingIsWritten() {
        RosterImport.Report r = importer.run("school,person,handle,phase\nOak,Sam,slack:T1:U1,Primary\n");
        assertThat(r.errors()).containsExactly(
                "row 1: missing column 'role' (the header must name school, person, role, handle, phase, mentor)",
                "row 1: missing column 'mentor' (the header must name school, person, role, handle, phase, mentor)");
        assertThat(storage.database().getCollection("persons").countDocuments()).isZero();
    }

    @Test
    void everyBadRowIsReportedByRowAndColumnAndNothingIsWritten() {
        String text = "School,Person,Role,Email,Phase,Mentor\n"
                + "Oak,Alex,mentor,slack:T1:U1,Secondary,\n"
                + "Oak,Sam,teacher,slack:T1:U2,Secondary,Alex\n"
                + "Oak,,ECT,not a handle,Sixth form,Alex\n"
                + "Oak,Kim,ECT,slack:T1:U1,Secondary,Alex\n"
                + "Oak,Pat,ECT,slack:T1:U4,Secondary,Nobody\n"
                + "Oak,Max,mentor,slack:T1:U5,Secondary,Alex\n"
                + "Oak,Ana,ECT,slack:T1:U6,Secondary,Alex,extra\n";
        RosterImport.Report r = importer.run(text);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).contains(
                "row 3, column role: 'teacher' is not one of ECT, mentor, induction tutor, admin",
                "row 4, column person: empty",
                "row 5, column handle: 'slack:T1:U1' is already used on row 2",
                "row 6, column mentor: no mentor 'Nobody' in Oak (give the mentor's handle or name from a row with role mentor)",
                "row 7, column mentor: only an ECT's row names a mentor",
                "row 8: has 7 fields but the header names 6");
        assertThat(r.errors()).anyMatch(e -> e.startsWith("row 4, column handle: 'not a handle'"));
        assertThat(r.errors()).anyMatch(e -> e.startsWith("row 4, column phase: 'Sixth form'"));
        assertThat(r.describe()).startsWith("Nothing imported: ");
        assertThat(storage.database().getCollection("persons").countDocuments()).isZero();
    }

    @Test
    void anUnclosedQuoteAndAnEmptyFileAreReported() {
        assertThat(importer.run("school,person,role,handle,phase,mentor\n\"Oak,Sam,ECT,web:sam,,\n").errors())
                .containsExactly("line 2: a quoted field is never closed");
        assertThat(importer.run("").errors()).singleElement().asString().startsWith("the file is empty");
        assertThat(importer.run("\uFEFF").errors()).singleElement().asString().startsWith("the file is empty");
    }

    @Test
    void aHandleOfAnotherSchoolIsNeverTakenOver() {
        importer.run(GOOD);
        RosterImport.Report r = importer.run("school,person,role,handle,phase,mentor\n"
                + "Rival School,Sam Okafor,ECT,slack:T1:U200,Secondary,\n");
        assertThat(r.errors()).containsExactly("row 2, column handle: 'slack:T1:U200' already belongs to someone in another school");
        assertThat(storage.people().personFor(new UserRef("slack", "T1", "U200"))).get()
                .extracting(Person::schoolId).isEqualTo("oak-academy");
    }

    @Test
    void aMentorFromAnotherSchoolCannotBeNamed() {
        importer.run(GOOD);
        RosterImport.Report r = importer.run("school,person,role,handle,phase,mentor\n"
                + "Birch Primary Leeds 2,Ana,ECT,web:ana,Primary,slack:T1:U100\n");
        assertThat(r.errors()).singleElement().asString().startsWith("row 2, column mentor: no mentor 'slack:T1:U100'");
    }

    @Test
    void operatorLookingValuesAreStoredAsPlainStrings() {
        String text = "school,person,role,handle,phase,mentor\n"
                + "Oak,\"{\"\"$ne\"\": null}\",ECT,web:{$where},,\n"
                + "Oak,Colon,ECT,web:{$gt:1},,\n";
        assertThat(importer.run(text).errors()).singleElement().asString().startsWith("row 3, column handle: 'web:{$gt:1}'");
        RosterImport.Report r = importer.run(text.substring(0, text.lastIndexOf("Oak,Colon")));
        assertThat(r.errors()).isEmpty();
        Person odd = storage.people().personFor(UserRef.web("{$where}")).orElseThrow();
        assertThat(odd.name()).isEqualTo("{\"$ne\": null}");
        assertThat(storage.people().personFor(UserRef.web("anyone"))).isEmpty();
        assertThat(storage.people().person("{\"$ne\": null}")).isEmpty();
    }
}
