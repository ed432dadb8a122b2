package uk.ectmentor.core.reflect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LogFilterTest {

    @Test
    void modulesWeeksKindsAndVisibilityAreReadInAnyOrderAndSpelling() {
        LogFilter f = LogFilter.parse("reflectons for Module 4, wk 6 shared");
        assertThat(f.module()).isEqualTo(4);
        assertThat(f.week()).isEqualTo(6);
        assertThat(f.kinds()).isEqualTo(Set.of("reflection"));
        assertThat(f.shared()).isTrue();
        assertThat(f.unknown()).isEmpty();
        assertThat(f.describe()).isEqualTo("module 4 · week 6 · reflections · shared");

        LogFilter g = LogFilter.parse("m2 w10 audits meetings");
        assertThat(g.module()).isEqualTo(2);
        assertThat(g.week()).isEqualTo(10);
        assertThat(g.kinds()).containsExactlyInAnyOrder("audit", "meeting");
        assertThat(LogFilter.parse("").isEmpty()).isTrue();
    }

    @Test
    void unknownWordsAreKeptForTheCallerToExplain() {
        assertThat(LogFilter.parse("sam m4").unknown()).isEqualTo(List.of("sam"));
        assertThat(LogFilter.parse("sam m4").module()).isEqualTo(4);
    }

    @Test
    void markdownIsSplitAtLineEndsIntoPiecesThatFitAMessage() {
        String text = ("line of about thirty characters\n").repeat(300);
        List<String> chunks = LogMarkdown.chunks(text, 2500);
        assertThat(chunks).hasSizeGreaterThan(3).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(2500));
        assertThat(String.join("\n", chunks).replace("\n", "")).isEqualTo(text.replace("\n", ""));
    }
}
