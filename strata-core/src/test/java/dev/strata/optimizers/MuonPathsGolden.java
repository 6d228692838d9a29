package dev.strata.optimizers;

/** Keras's variable paths and Muon's AdamW choice, from Keras 3.15.1 (jax backend), written by tools/golden/train14_muon_paths.py. Do not edit. */
final class MuonPathsGolden {
    private MuonPathsGolden() {
    }

    static final String[] SEQUENTIAL_PATHS = {"seq/embedding_proj/kernel", "seq/embedding_proj/bias", "seq/hidden/kernel", "seq/hidden/bias", "seq/output_dense/kernel", "seq/output_dense/bias"};
    static final boolean[][] SEQUENTIAL_ADAMW = {{true, true, false, true, false, true}, {true, true, false, true, true, true}, {true, true, true, true, false, true}, {true, true, true, true, false, true}, {true, true, false, true, false, true}, {true, true, false, true, false, true}};
    static final String[] FUNCTIONAL_PATHS = {"hidden/kernel", "hidden/bias", "output_dense/kernel", "output_dense/bias"};
    static final boolean[][] FUNCTIONAL_ADAMW = {{false, true, false, true}, {false, true, true, true}, {true, true, false, true}, {false, true, false, true}, {false, true, false, true}, {false, true, false, true}};
    static final String[] NESTED_PATHS = {"block/inner_a/kernel", "block/inner_a/bias", "block/inner_b/kernel", "block/inner_b/bias", "head/kernel", "head/bias"};
    static final boolean[][] NESTED_ADAMW = {{false, true, false, true, false, true}, {false, true, false, true, false, true}, {false, true, false, true, false, true}, {false, true, false, true, false, true}, {false, true, true, true, true, true}, {true, true, true, true, false, true}};
    static final String[][] EXCLUDES = {{}, {"output"}, {"hidden"}, {"^seq/hidden"}, {"block/inner_b", "head"}, {"inner"}};
}
