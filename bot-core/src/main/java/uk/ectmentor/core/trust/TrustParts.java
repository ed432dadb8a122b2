package uk.ectmentor.core.trust;

import uk.ectmentor.core.rights.AuditTrail;
import uk.ectmentor.core.rights.PersonalDataStore;
import uk.ectmentor.core.roster.EngagementStore;

/** The stores behind data rights and the engagement report, handed to {@code MentorBot} in one piece. */
public record TrustParts(PersonalDataStore personalData, AuditTrail audit, EngagementStore engagement, LogSearch search) {
}
