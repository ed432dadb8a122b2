package uk.ectmentor.core.rights;

import java.util.List;
import java.util.Map;

/** Everything stored about one person, wherever it is kept: for export and for erasure. */
public interface PersonalDataStore {
    /**
     * Every record about the person, by collection, in storage order. Encrypted fields are opened; dates are
     * ISO-8601 strings; nested records are maps.
     */
    Map<String, List<Map<String, Object>>> export(String personId);

    /**
     * Erases the person's records everywhere they are known to be kept.
     *
     * @return how many records each collection lost (or had the person's id taken out of)
     */
    Map<String, Long> erase(String personId);
}
