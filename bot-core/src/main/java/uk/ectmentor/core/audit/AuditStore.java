package uk.ectmentor.core.audit;

import java.util.Optional;

/** Module self-assessment audits: at most one record per person, module and round (a redo replaces it). */
public interface AuditStore {
    void save(AuditRecord record);

    Optional<AuditRecord> find(String personId, int module, AuditRecord.Round round);
}
