package uk.ectmentor.core.meeting;

import java.util.List;
import java.util.Optional;

/** Meeting records, ECTs' pre-meeting reviews and pairs' contracting answers. */
public interface MeetingStore {
    void save(MeetingRecord record);

    Optional<MeetingRecord> meeting(String id);

    /** The pairing's meeting records, newest first. */
    List<MeetingRecord> meetingsOf(String pairingId, int limit);

    /** Saves the review for its pairing, module and week, replacing an earlier one for the same week. */
    void saveReview(PreMeetingReview review);

    Optional<PreMeetingReview> review(String pairingId, int module, int week);

    /** Saves the pairing's contract, replacing an earlier one. */
    void saveContract(Contract contract);

    Optional<Contract> contract(String pairingId);
}
