package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Embedding;
import dev.strata.models.Sequential;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's bad input for sequences, each a clear error naming the layer and what was expected (the lookups' and
 * text layers' own cases, ids outside the vocabulary, empty batches and malformed vocabulary files, are in their
 * tests: StringLookupTest, IntegerLookupTest, TextVectorizationTest, CategoryEncodingTest, EmbeddingTest).
 */
class SequenceBadInputTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void anIdOutsideTheVocabularyInAModelNamesTheEmbedding() {
        Sequential m = new Sequential(new Embedding(5, 2).named("words"), new LSTM(3));
        m.predict(Tensor.of(new float[] {1, 2, 4, 0}, 2, 2));
        assertThatThrownBy(() -> m.predict(Tensor.of(new float[] {1, 2, 7, 0}, 2, 2)))
                .hasMessageContaining("'words'").hasMessageContaining("id 7.0")
                .hasMessageContaining("0 to input_dim - 1 = 4");
    }

    @Test
    void aMaskThatDoesNotFitIsAnErrorNamingTheShapes() {
        Tensor x = Tensor.uniform(Shape.of(2, 4, 3), -1f, 1f);
        assertThatThrownBy(() -> x.withMask(Tensor.ones(2, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(2, 3)").hasMessageContaining("(2, 4, 3)");
        // a batch of 1 fits the tensor by broadcasting, but a recurrent layer needs one mask row per sequence
        assertThatThrownBy(() -> new LSTM(2).named("enc").apply(x.withMask(Tensor.ones(1, 4))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("'enc'")
                .hasMessageContaining("(batch, time) = (2, 4)").hasMessageContaining("(1, 4)");
        assertThatThrownBy(() -> new Bidirectional(new GRU(2)).apply(x.withMask(Tensor.ones(2, 4, 3))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("GRU")
                .hasMessageContaining("(batch, time) = (2, 4)").hasMessageContaining("(2, 4, 3)");
    }

    @Test
    void aSequenceOfTheWrongRankNamesTheLayerAndTheRankExpected() {
        assertThatThrownBy(() -> new LSTM(2).named("enc").apply(Tensor.ones(2, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("'enc'")
                .hasMessageContaining("rank 3 (batch, time, features)").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> new SimpleRNN(2).apply(Tensor.ones(2, 3, 4, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("SimpleRNN")
                .hasMessageContaining("rank 3").hasMessageContaining("(2, 3, 4, 5)");
        assertThatThrownBy(() -> new TimeDistributed(new Dense(2)).named("td").apply(Tensor.ones(2, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("'td'")
                .hasMessageContaining("rank >= 3 (batch, time, ...)");
    }

    @Test
    void aSequenceOfNoStepsNamesTheLayer() {
        assertThatThrownBy(() -> new LSTM(2).named("enc").apply(Tensor.zeros(2, 0, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("'enc'").hasMessageContaining("no steps");
        assertThatThrownBy(() -> new TimeDistributed(new Dense(2)).named("td").apply(Tensor.zeros(2, 0, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("'td'").hasMessageContaining("no steps")
                .hasMessageContaining("(2, 0, 3)");
    }

    @Test
    void anEmptyBatchGivesEmptyOutputsAsKeras() {
        // Keras's recurrent layers (JAX) return empty outputs for an empty batch; so do Strata's, of the right shape
        Tensor empty = Tensor.zeros(0, 4, 3);
        assertThat(new LSTM(2).apply(empty).shape()).isEqualTo(Shape.of(0, 2));
        assertThat(new GRU(2).returnSequences(true).apply(empty).shape()).isEqualTo(Shape.of(0, 4, 2));
        assertThat(new RNN(List.of(new LSTMCell(2), new GRUCell(3))).apply(empty).shape()).isEqualTo(Shape.of(0, 3));
        assertThat(new Bidirectional(new SimpleRNN(2)).apply(empty).shape()).isEqualTo(Shape.of(0, 4));
        assertThat(new TimeDistributed(new Dense(2)).apply(empty).shape()).isEqualTo(Shape.of(0, 4, 2));
    }
}
