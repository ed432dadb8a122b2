package uk.ectmentor.scheduler;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/pairings/{id}/calendar.ics}: the pairing's planned nudges from a week ago to the end of
 * the school year (or a year ahead), as an iCalendar feed a person can subscribe to.
 */
@RestController
class PairingCalendarController {
    private static final Pattern ID = Pattern.compile(uk.ectmentor.core.nudges.CalendarFeeds.PAIRING_ID);
    private final SchedulePlanning planning;
    private final Clock clock;

    PairingCalendarController(SchedulePlanning planning, Clock clock) {
        this.planning = planning;
        this.clock = clock;
    }

    @GetMapping(path = "/api/pairings/{id}/calendar.ics")
    ResponseEntity<String> calendar(@PathVariable("id") String id) {
        if (!ID.matcher(id).matches()) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("A pairing id is letters, digits, dots, dashes or underscores.\n");
        }
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        Optional<List<PlannedNudge>> nudges = planning.preview(id, today.minusWeeks(1), today.plusYears(1), clock.instant());
        if (nudges.isEmpty()) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("No pairing '" + id + "'.\n");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar; charset=utf-8"))
                .body(IcsWriter.write(id, nudges.get(), clock.instant()));
    }
}
