package uk.ectmentor.core.roster;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import uk.ectmentor.core.chat.UserRef;
import uk.ectmentor.core.people.PeopleStore;
import uk.ectmentor.core.people.Pairing;
import uk.ectmentor.core.people.Person;
import uk.ectmentor.core.people.Role;
import uk.ectmentor.core.people.School;
import uk.ectmentor.core.rights.RetentionStore;

/**
 * Imports a school roster from CSV with the columns {@code school, person, role, handle, phase, mentor}
 * (any order, header names case-insensitive; {@code email} is accepted for {@code handle}) and optionally
 * {@code induction_end} (YYYY-MM-DD, for retention). The whole file is checked first and nothing is written
 * if any row is wrong; every problem is reported by row and column.
 *
 * <p>Re-importing the same file changes nothing: ids come from the school name and the handle, existing
 * pairings keep their place in the programme and their meeting time, and existing schools keep their zone.
 *
 * <p>Handles: {@code slack:TEAM:USER}, {@code teams:TENANT:USER}, {@code web:NAME}, or an email address
 * (linked as platform {@code email}, for an adapter to match when the person first writes).
 */
public final class RosterImport {
    static final List<String> REQUIRED = List.of("school", "person", "role", "handle", "phase", "mentor");
    static final List<String> PHASES = List.of("EYFS", "Primary", "Secondary", "SEND", "Alternative provision");

    private final PeopleStore people;
    private final RetentionStore retention;

    /** @param retention where induction end dates go; may be null when the file has none */
    public RosterImport(PeopleStore people, RetentionStore retention) {
        this.people = people;
        this.retention = retention;
    }

    /** What an import did, or why it did nothing. */
    public record Report(List<String> errors, int schools, int people, int pairings) {
        public boolean ok() {
            return errors.isEmpty();
        }

        public String describe() {
            if (!ok()) {
                return "Nothing imported: " + errors.size() + (errors.size() == 1 ? " problem" : " problems") + "\n  "
                        + String.join("\n  ", errors);
            }
            return "Imported " + people + (people == 1 ? " person" : " people") + " in " + schools
                    + (schools == 1 ? " school" : " schools") + ", " + pairings + (pairings == 1 ? " pairing" : " pairings") + ".";
        }
    }

    record Row(int line, String school, String schoolId, String name, Role role, UserRef identity, String handle,
               String phase, String mentor, LocalDate inductionEnd) {
        String personId() {
            return schoolId + "/" + handle.toLowerCase(Locale.ROOT);
        }
    }

    public Report run(String csvText) {
        List<String> errors = new ArrayList<>();
        List<Csv.Line> lines;
        try {
            lines = Csv.parse(csvText == null ? "" : csvText);
        } catch (IllegalArgumentException e) {
            return new Report(List.of(e.getMessage()), 0, 0, 0);
        }
        if (lines.isEmpty()) {
            return new Report(List.of("the file is empty: the first line must name the columns "
                    + String.join(", ", REQUIRED)), 0, 0, 0);
        }
        Map<String, Integer> columns = header(lines.get(0), errors);
        if (!errors.isEmpty()) {
            return new Report(errors, 0, 0, 0);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Row> byHandle = new HashMap<>();
        for (Csv.Line line : lines.subList(1, lines.size())) {
            if (line.fields().stream().allMatch(String::isBlank)) {
                continue;
            }
            Row row = row(line, columns, errors);
            if (row != null) {
                Row earlier = byHandle.putIfAbsent(row.schoolId() + "|" + row.handle().toLowerCase(Locale.ROOT), row);
                if (earlier != null) {
                    errors.add("row " + line.number() + ", column handle: '" + row.handle() + "' is already used on row " + earlier.line());
                } else {
                    rows.add(row);
                }
            }
        }
        Map<Row, String> mentorOf = new LinkedHashMap<>();
        for (Row row : rows) {
            checkIdentity(row, errors);
            if (row.mentor().isEmpty()) {
                continue;
            }
            if (row.role() != Role.ECT) {
                errors.add("row " + row.line() + ", column mentor: only an ECT's row names a mentor");
                continue;
            }
            Optional<String> mentorId = mentorFor(row, rows);
            if (mentorId.isEmpty()) {
                errors.add("row " + row.line() + ", column mentor: no mentor '" + row.mentor() + "' in " + row.school()
                        + " (give the mentor's handle or name from a row with role mentor)");
            } else {
                mentorOf.put(row, mentorId.get());
            }
        }
        if (!errors.isEmpty()) {
            return new Report(errors, 0, 0, 0);
        }
        return apply(rows, mentorOf);
    }

    private static Map<String, Integer> header(Csv.Line line, List<String> errors) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < line.fields().size(); i++) {
            String name = line.fields().get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (name.equals("email") || name.equals("platform_handle") || name.equals("handle_or_email")
                    || name.equals("platform_handle_or_email")) {
                name = "handle";
            }
            if (columns.putIfAbsent(name, i) != null) {
                errors.add("row 1, column " + name + ": the column appears twice");
            }
        }
        for (String want : REQUIRED) {
            if (!columns.containsKey(want)) {
                errors.add("row 1: missing column '" + want + "' (the header must name " + String.join(", ", REQUIRED) + ")");
            }
        }
        return columns;
    }

    private Row row(Csv.Line line, Map<String, Integer> columns, List<String> errors) {
        int n = line.number();
        int before = errors.size();
        String school = field(line, columns, "school");
        String name = field(line, columns, "person");
        String roleText = field(line, columns, "role");
        String handle = field(line, columns, "handle");
        String phaseText = field(line, columns, "phase");
        String mentor = field(line, columns, "mentor");
        String endText = field(line, columns, "induction_end");
        if (line.fields().size() > columns.size()) {
            errors.add("row " + n + ": has " + line.fields().size() + " fields but the header names " + columns.size());
        }
        String schoolId = slug(school);
        if (school.isEmpty() || schoolId.isEmpty()) {
            errors.add("row " + n + ", column school: empty");
        }
        if (name.isEmpty()) {
            errors.add("row " + n + ", column person: empty");
        }
        Role role = null;
        try {
            role = roleText.isEmpty() ? null : Role.parse(roleText);
        } catch (IllegalArgumentException e) {
            role = null;
        }
        if (role == null) {
            errors.add("row " + n + ", column role: '" + roleText + "' is not one of ECT, mentor, induction tutor, admin");
        }
        UserRef identity = identity(handle);
        if (identity == null) {
            errors.add("row " + n + ", column handle: '" + handle + "' is not an email address or platform:team:user "
                    + "(slack:T0123:U0456, teams:TENANT:USER, web:NAME)");
        }
        String phase = null;
        if (!phaseText.isEmpty()) {
            phase = PHASES.stream().filter(p -> p.equalsIgnoreCase(phaseText)).findFirst().orElse(null);
            if (phase == null) {
                errors.add("row " + n + ", column phase: '" + phaseText + "' is not one of " + String.join(", ", PHASES));
            }
        }
        LocalDate end = null;
        if (!endText.isEmpty()) {
            try {
                end = LocalDate.parse(endText);
            } catch (DateTimeParseException e) {
                errors.add("row " + n + ", column induction_end: '" + endText + "' is not a date like 2027-07-31");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Row(n, school, schoolId, name, role, identity, handle, phase, mentor, end);
    }

    private static String field(Csv.Line line, Map<String, Integer> columns, String name) {
        Integer at = columns.get(name);
        return at == null || at >= line.fields().size() ? "" : line.fields().get(at).strip();
    }

    static UserRef identity(String handle) {
        if (handle == null || handle.isEmpty() || handle.length() > 200 || handle.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        if (handle.matches("[^@:]+@[^@:]+\\.[^@:]+")) {
            return new UserRef("email", "-", handle.toLowerCase(Locale.ROOT));
        }
        String[] parts = handle.split(":", -1);
        if (parts.length == 2 && parts[0].equals("web") && !parts[1].isEmpty()) {
            return UserRef.web(parts[1]);
        }
        if (parts.length == 3 && (parts[0].equals("slack") || parts[0].equals("teams"))
                && !parts[1].isEmpty() && !parts[2].isEmpty()) {
            return new UserRef(parts[0], parts[1], parts[2]);
        }
        return null;
    }

    /** A handle already linked to someone in another school is never taken over by this roster. */
    private void checkIdentity(Row row, List<String> errors) {
        people.personFor(row.identity()).ifPresent(existing -> {
            if (!row.schoolId().equals(existing.schoolId())) {
                errors.add("row " + row.line() + ", column handle: '" + row.handle()
                        + "' already belongs to someone in another school");
            }
        });
    }

    private Optional<String> mentorFor(Row ect, List<Row> rows) {
        for (Row r : rows) {
            if (r.schoolId().equals(ect.schoolId()) && r.role() == Role.MENTOR
                    && (r.handle().equalsIgnoreCase(ect.mentor()) || r.name().equalsIgnoreCase(ect.mentor()))) {
                return Optional.of(r.personId());
            }
        }
        UserRef ref = identity(ect.mentor());
        if (ref != null) {
            return people.personFor(ref).filter(p -> p.is(Role.MENTOR) && ect.schoolId().equals(p.schoolId())).map(Person::id);
        }
        return Optional.empty();
    }

    private Report apply(List<Row> rows, Map<Row, String> mentorOf) {
        Map<String, String> schools = new LinkedHashMap<>();
        rows.forEach(r -> schools.putIfAbsent(r.schoolId(), r.school()));
        schools.forEach((id, name) -> {
            ZoneId zone = people.school(id).map(School::zone).orElse(ZoneId.of("Europe/London"));
            people.saveSchool(new School(id, name, zone));
        });
        for (Row r : rows) {
            int year = people.person(r.personId()).map(Person::inductionYear).orElse(r.role() == Role.ECT ? 1 : 0);
            String subject = people.person(r.personId()).map(Person::subject).orElse(null);
            people.savePerson(new Person(r.personId(), r.schoolId(), r.name(), r.role(), r.phase(), subject, year));
            people.linkIdentity(r.identity(), r.personId());
            if (r.inductionEnd() != null && retention != null) {
                retention.setInductionEnd(r.personId(), r.schoolId(), r.inductionEnd());
            }
        }
        mentorOf.forEach((ect, mentorId) -> {
            String id = ect.personId();
            Pairing pairing = people.pairing(id)
                    .map(p -> new Pairing(p.id(), p.schoolId(), mentorId, p.ectId(), p.module(), p.week(), p.meetingDay(), p.meetingTime()))
                    .orElse(new Pairing(id, ect.schoolId(), mentorId, id, 1, 1));
            people.savePairing(pairing);
        });
        return new Report(List.of(), schools.size(), rows.size(), mentorOf.size());
    }

    /** A school name as an id: lower case letters and digits joined by single hyphens. */
    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
