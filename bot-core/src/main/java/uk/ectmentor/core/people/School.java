package uk.ectmentor.core.people;

import java.time.ZoneId;

/** A school: the tenant every record belongs to. */
public record School(String id, String name, ZoneId zone) {
}
