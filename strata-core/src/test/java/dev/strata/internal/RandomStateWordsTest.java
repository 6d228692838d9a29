package dev.strata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator state in its saved form (metadata.json, BackupAndRestore's metadata): four hex words. */
class RandomStateWordsTest {
    @Test
    void wordsRoundTripAndContinueTheSameSequence() {
        RandomState.setSeed(7);
        List<String> words = RandomState.stateWords();
        assertThat(words).hasSize(4).allSatisfy(w -> assertThat(w).matches("[0-9a-f]{16}"));
        long next = RandomState.nextSeed();
        RandomState.setSeed(8);
        RandomState.setState(RandomState.parseWords(words));
        assertThat(RandomState.nextSeed()).isEqualTo(next);
    }

    @Test
    void badWordsAreNamed() {
        assertThatThrownBy(() -> RandomState.parseWords(List.of("1", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a list of four hex words, got [\"1\", \"2\"]");
        assertThatThrownBy(() -> RandomState.parseWords(List.of("1", "2", "xyz", "4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("word 2 is not hex: 'xyz'");
        assertThatThrownBy(() -> RandomState.parseWords(List.of("1", "", "3", "4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("word 1 is not a hex string of at most 16 digits");
        assertThatThrownBy(() -> RandomState.parseWords(List.of("1", "2", "3", 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("word 3 is not a hex string of at most 16 digits");
    }
}
