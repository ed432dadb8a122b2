package uk.ectmentor.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntentsTest {
    private final Intents intents = new Intents();

    IntentsTest() {
        intents.add("prompts", "prompts", false);
        intents.add("next", "next", false);
        intents.add("next steps", "next steps", false);
        intents.add("reflect", "reflect", true);
        intents.add("my actions", "my actions", false);
    }

    @Test
    void longestPhraseWins() {
        assertThat(intents.match("next steps")).get().extracting(Intents.Match::command).isEqualTo("next steps");
        assertThat(intents.match("next")).get().extracting(Intents.Match::command).isEqualTo("next");
    }

    @Test
    void caseSlashesPunctuationAndTheMentorPrefixAreIgnored() {
        assertThat(intents.match("  PROMPTS! ")).get().extracting(Intents.Match::command).isEqualTo("prompts");
        assertThat(intents.match("/mentor my actions")).get().extracting(Intents.Match::command).isEqualTo("my actions");
        assertThat(intents.match("My Actions?")).get().extracting(Intents.Match::command).isEqualTo("my actions");
    }

    @Test
    void oneTypoIsForgivenInLongerWords() {
        assertThat(intents.match("promtps")).get().extracting(Intents.Match::command).isEqualTo("prompts");
        assertThat(intents.match("reflcet: x")).get().extracting(Intents.Match::command).isEqualTo("reflect");
        intents.add("log", "log", false);
        assertThat(intents.match("lg")).isEmpty();
    }

    @Test
    void argumentsKeepTheirOriginalText() {
        assertThat(intents.match("Reflect:  Pupils' answers ~ improved.")).get()
                .extracting(Intents.Match::args).isEqualTo("Pupils' answers ~ improved.");
    }

    @Test
    void aCommandWithoutArgumentsDoesNotSwallowASentence() {
        assertThat(intents.match("next lesson I will use mini whiteboards")).isEmpty();
    }

    @Test
    void nothingMatchesEmptyOrUnknownText() {
        assertThat(intents.match("")).isEmpty();
        assertThat(intents.match("???")).isEmpty();
        assertThat(intents.match("make me a coffee")).isEmpty();
    }
}
