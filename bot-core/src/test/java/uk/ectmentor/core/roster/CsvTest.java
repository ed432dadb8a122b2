package uk.ectmentor.core.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        List<Csv.Line> lines = Csv.parse("a,\"b, c\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,\n");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).fields()).containsExactly("a", "b, c", "say \"hi\"");
        assertThat(lines.get(1).number()).isEqualTo(2);
        assertThat(lines.get(1).fields()).containsExactly("two\nlines", "x", "");
    }

    @Test
    void quotingRoundTripsAndDefusesFormulas() {
        assertThat(Csv.quote("plain")).isEqualTo("plain");
        assertThat(Csv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.quote("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.quote("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.parse(Csv.quote("x \"y\", z") + "\n").get(0).fields()).containsExactly("x \"y\", z");
    }
}
