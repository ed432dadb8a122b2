package uk.ectmentor.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ectmentor.core.content.ModuleAudit;

class AuditRatingTest {
    private static final List<ModuleAudit.Level> SCALE = List.of(new ModuleAudit.Level("Emerging", "e"),
            new ModuleAudit.Level("Developing", "d"), new ModuleAudit.Level("Secure", "s"));

    @Test
    void ratingsAreReadFromWordsInitialsPrefixesAndTyposWithEvidenceAfter() {
        assertThat(AuditFlow.parse("Secure", SCALE)).isEqualTo(new AuditFlow.Rated("Secure", null));
        assertThat(AuditFlow.parse("d", SCALE)).isEqualTo(new AuditFlow.Rated("Developing", null));
        assertThat(AuditFlow.parse("dev: exit tickets weekly", SCALE)).isEqualTo(new AuditFlow.Rated("Developing", "exit tickets weekly"));
        assertThat(AuditFlow.parse("Emergng - no idea yet", SCALE)).isEqualTo(new AuditFlow.Rated("Emerging", "no idea yet"));
        assertThat(AuditFlow.parse("maybe", SCALE)).isNull();
        assertThat(AuditFlow.parse("42", SCALE)).isNull();
    }
}
