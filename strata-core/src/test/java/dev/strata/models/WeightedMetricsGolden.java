package dev.strata.models;

/** Keras's logs with weighted_metrics, from Keras 3.15.1 (jax backend), written by tools/golden/train14_weighted.py. Do not edit. */
final class WeightedMetricsGolden {
    private WeightedMetricsGolden() {
    }

    static final float[][] SINGLE_WEIGHTS = {new float[] {0.3422571f, -0.13114834f, -0.3868563f, -0.50702834f, -0.24351397f, 0.5800157f, 0.03587437f, 0.24386284f, 0.009993679f, 0.10221101f, 0.59759134f, -0.38744542f}, new float[] {-0.24027798f, 0.11380203f, 0.3316333f, 0.45399976f}, new float[] {-0.24890155f, -0.47166225f, 0.17126514f, 0.03890837f}, new float[] {-0.13722095f}};
    static final int[][] SINGLE_WEIGHT_SHAPES = {new int[] {3, 4}, new int[] {4}, new int[] {4, 1}, new int[] {1}};
    static final float[] SINGLE_X = new float[] {0.9850893f, 1.0438024f, -0.60256654f, -1.1679802f, 0.6321312f, 0.033512387f, 0.9523683f, 0.028297747f, -0.19812684f, 0.86436176f, 0.27864113f, 0.6071495f, -0.8881351f, 0.97122276f, -0.012303914f, -0.017826593f, -0.6537958f, 0.27230743f, 0.17551255f, 0.3434359f, 0.20076863f, -0.31998733f, -0.08722925f, 0.21117344f, -0.19337116f, 0.7415276f, -0.86673707f, -0.44177148f, -0.97417176f, -1.1343889f, 0.6264045f, -1.4107275f, -1.43812f, -0.49739474f, 0.94340485f, 0.50696516f};
    static final int[] SINGLE_X_SHAPE = new int[] {12, 3};
    static final float[] SINGLE_Y = new float[] {0.18867557f, 1.4233472f, -1.3313991f, 3.2928605f, 0.46742356f, -1.7416798f, -1.2262758f, 0.44862804f, -1.0599315f, -1.1199379f, -1.3049425f, -0.25467974f};
    static final int[] SINGLE_Y_SHAPE = new int[] {12, 1};
    static final float[] SINGLE_W = new float[] {0.2367259f, 0.0f, 5.0f, 2.095929f, 2.6132433f, 2.9132795f, 2.6560295f, 0.26312613f, 1.1991643f, 0.36197743f, 0.31025705f, 0.25043592f};
    static final int[] SINGLE_W_SHAPE = new int[] {12};
    static final float[] SINGLE_XV = new float[] {0.1428848f, 0.60817915f, 0.49913147f, 0.6866086f, 0.27607197f, 1.0929403f, 0.48483357f, -1.2639712f, 0.5075278f, -1.2821151f, -0.033070955f, -0.49049172f, 0.7440447f, -1.245886f, -2.1010687f, -1.0205762f, 0.79429305f, 0.69272465f};
    static final int[] SINGLE_XV_SHAPE = new int[] {6, 3};
    static final float[] SINGLE_YV = new float[] {0.77408326f, 0.2687919f, -0.01921147f, -0.939755f, -0.7089167f, -0.30107617f};
    static final int[] SINGLE_YV_SHAPE = new int[] {6, 1};
    static final float[] SINGLE_WV = new float[] {0.3770837f, 0.0f, 5.0f, 0.9680158f, 2.402089f, 0.8239817f};
    static final int[] SINGLE_WV_SHAPE = new int[] {6};
    static final String[] SINGLE_HISTORY_KEYS = {"loss", "mae", "mse", "val_loss", "val_mae", "val_mse", "val_weighted_mae", "weighted_mae"};
    static final double[][] SINGLE_HISTORY = {{3.944279432296753, 3.7553138732910156}, {1.1263933181762695, 1.114997386932373}, {2.6441845893859863, 2.517504930496216}, {0.25339075922966003, 0.2630959451198578}, {0.48769626021385193, 0.474710613489151}, {0.15884625911712646, 0.16493026912212372}, {0.34470024704933167, 0.3525731563568115}, {1.3886507749557495, 1.3235609531402588}};
    static final String[] SINGLE_EVAL_WEIGHTED_KEYS = {"loss", "mae", "mse", "weighted_mae"};
    static final double[][] SINGLE_EVAL_WEIGHTED = {{3.566121816635132}, {1.1098493337631226}, {2.3906733989715576}, {1.2656141519546509}};
    static final String[] SINGLE_EVAL_KEYS = {"loss", "mae", "mse", "weighted_mae"};
    static final double[][] SINGLE_EVAL = {{1.966593861579895}, {1.1098493337631226}, {1.966593861579895}, {1.1098493337631226}};
    static final float[][] CLASS_WEIGHTS = {new float[] {0.26442942f, -0.47198176f, -0.4135201f, -0.28097355f, -0.04543853f, 0.36558455f, 0.037268646f, -0.2786688f, 0.563318f, -0.16765751f, 0.4084355f, -0.4920089f}, new float[] {0.06951479f, -0.1744101f, -0.08495186f, -0.39462647f}, new float[] {0.4313915f, -0.093684904f, 0.5172082f, -0.03941107f}, new float[] {-0.11492322f}};
    static final int[][] CLASS_WEIGHT_SHAPES = {new int[] {3, 4}, new int[] {4}, new int[] {4, 1}, new int[] {1}};
    static final float[] CLASS_X = new float[] {0.10728848f, -0.23231742f, -1.000593f, 1.4349297f, 0.9524437f, 0.2710751f, -0.45733786f, -0.8137499f, 0.0638467f, -0.27358136f, 0.024224287f, -1.1114066f, 0.5657657f, 2.619403f, -0.3898467f, -1.3520287f, -0.17813623f, 1.6707176f, -0.10805597f, -1.8730307f, -0.05401169f, -0.16265997f, 2.082546f, 1.1330627f, 0.2244146f, 0.5826369f, 0.0125204725f, 0.9676647f, -1.9282962f, 1.5915776f, 0.4321479f, -1.374303f, -0.9770316f, 0.26725006f, -0.98914963f, -0.9925356f};
    static final int[] CLASS_X_SHAPE = new int[] {12, 3};
    static final float[] CLASS_Y = new float[] {0.0f, 1.0f, 1.0f, 0.0f, 1.0f, 0.0f, 1.0f, 0.0f, 1.0f, 1.0f, 0.0f, 1.0f};
    static final int[] CLASS_Y_SHAPE = new int[] {12, 1};
    static final float[] CLASS_XV = new float[] {0.6563498f, 0.7120578f, -1.3665873f, 0.1292096f, 0.5866363f, 1.2929271f, 1.607844f, 2.316203f, -0.9181323f, -1.78982f, -0.79332876f, -0.46637008f, 1.5916287f, -0.20791805f, -0.0025876476f, -0.8165711f, -1.0770266f, 1.4887632f};
    static final int[] CLASS_XV_SHAPE = new int[] {6, 3};
    static final float[] CLASS_YV = new float[] {0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 0.0f};
    static final int[] CLASS_YV_SHAPE = new int[] {6, 1};
    static final String[] CLASS_HISTORY_KEYS = {"accuracy", "binary_crossentropy", "loss", "val_accuracy", "val_binary_crossentropy", "val_loss", "val_weighted_accuracy", "weighted_accuracy"};
    static final double[][] CLASS_HISTORY = {{0.5, 0.5833333134651184}, {0.6887606382369995, 0.6217471361160278}, {1.4923146963119507, 1.347118854522705}, {0.1666666716337204, 0.1666666716337204}, {0.9044947624206543, 0.9993929862976074}, {0.9044947624206543, 0.9993929862976074}, {0.1666666716337204, 0.1666666716337204}, {0.4615384638309479, 0.807692289352417}};
    static final float[][] MULTI_WEIGHTS = {new float[] {-0.31362966f, 0.016550943f, -0.13899449f, 0.11261774f, 0.07485711f, 0.5383925f, -0.08242447f, 0.5472442f, 0.084944054f, 0.08317583f, 0.23981524f, 0.24536328f}, new float[] {-0.4161875f, 0.1703615f, -0.39735037f, -0.33208752f}, new float[] {-0.11681043f, -0.44211832f, -0.45321968f, 0.49544913f}, new float[] {-0.14266486f}, new float[] {-0.018312296f, -0.5765467f, 0.28515157f, 0.37356102f, 0.334842f, 0.21532422f, -0.40479964f, -0.062739596f}, new float[] {-0.04189289f, 0.5852562f}};
    static final int[][] MULTI_WEIGHT_SHAPES = {new int[] {3, 4}, new int[] {4}, new int[] {4, 1}, new int[] {1}, new int[] {4, 2}, new int[] {2}};
    static final float[] MULTI_X = new float[] {0.1980876f, 0.9641864f, -0.80189276f, 0.3955235f, -0.15141334f, -1.9085071f, -0.41675618f, 0.3329166f, 0.14281969f, -0.54559946f, 1.0248587f, -1.3200282f, 0.54262793f, -0.70967805f, -0.3377298f, -0.22257653f, 1.7206442f, -0.18285862f, 1.8060186f, -1.5153724f, -0.7836537f, -0.063511856f, 0.39409846f, -0.874479f, -0.15402438f, -0.67260873f, 0.7029955f, -0.73295456f, 0.057595443f, -0.24847482f, -2.0049977f, -0.7097795f, -0.28118587f, -0.34883142f, -1.0795363f, 1.4572747f};
    static final int[] MULTI_X_SHAPE = new int[] {12, 3};
    static final float[] MULTI_YA = new float[] {0.41616637f, -0.035360225f, -0.5449669f, -0.065964445f, 0.48732066f, 0.003510636f, 0.24969375f, -1.4548069f, 1.6629655f, 0.074404605f, 1.7588856f, -0.23246488f};
    static final int[] MULTI_YA_SHAPE = new int[] {12, 1};
    static final float[] MULTI_YB = new float[] {-0.0050170617f, 1.6028498f, -0.12248673f, 0.4905319f, -0.0061379867f, -0.08171371f, -1.126291f, 1.1494057f, 0.77934307f, -0.42197528f, 1.8510145f, 1.1564908f, -0.99422306f, -0.03532118f, 1.0635996f, -0.74989325f, 0.8036306f, 0.39705312f, 0.2960807f, 0.29351103f, 0.30796066f, -3.0016994f, -0.4666162f, 1.0602845f};
    static final int[] MULTI_YB_SHAPE = new int[] {12, 2};
    static final float[] MULTI_WA = new float[] {2.566657f, 0.0f, 5.0f, 2.7644582f, 2.62612f, 2.2399864f, 0.72291595f, 0.46723756f, 2.2336307f, 1.1543678f, 2.8372447f, 0.42746064f};
    static final int[] MULTI_WA_SHAPE = new int[] {12};
    static final float[] MULTI_WB = new float[] {2.7178795f, 0.0f, 5.0f, 0.51291543f, 0.54281646f, 0.28913444f, 2.1081889f, 1.2343272f, 1.8575317f, 1.24699f, 2.1463106f, 2.6559422f};
    static final int[] MULTI_WB_SHAPE = new int[] {12};
    static final String[] MULTI_HISTORY_KEYS = {"a_loss", "a_mae", "a_weighted_mae", "b_loss", "b_mae", "b_mse", "loss"};
    static final double[][] MULTI_HISTORY = {{1.6946783065795898, 1.3813503980636597}, {0.6482576727867126, 0.5645295977592468}, {0.7125207781791687, 0.6167671084403992}, {1.8019102811813354, 1.7138906717300415}, {0.7117114663124084, 0.6922937631607056}, {1.0645374059677124, 1.0125370025634766}, {2.5956332683563232, 2.238295555114746}};
    static final String[] MULTI_EVAL_ONE_WEIGHT_KEYS = {"a_loss", "a_mae", "a_weighted_mae", "b_loss", "b_mae", "b_mse", "loss"};
    static final double[][] MULTI_EVAL_ONE_WEIGHT = {{1.2095166444778442}, {0.5964669585227966}, {0.6116755604743958}, {2.3399946689605713}, {0.7803446650505066}, {1.218743085861206}, {2.37951397895813}};
    static final String[] MULTI_EVAL_SAVED_KEYS = {"a_loss", "a_mae", "a_weighted_mae", "b_loss", "b_mae", "b_mse", "loss"};
    static final double[][] MULTI_EVAL_SAVED = {{1.2095166444778442}, {0.5964669585227966}, {0.6116755604743958}, {1.645898699760437}, {0.6811464428901672}, {0.9723684787750244}, {2.032466173171997}};
    static final float[][] OBJECTS_WEIGHTS = {new float[] {-0.0141996965f, 0.23016118f, -0.024887051f, 0.55076396f, 0.34045905f, -0.081734955f, 0.37121862f, -0.58662385f, 0.23088665f, -0.36043948f, -0.5661255f, -0.4290621f}, new float[] {-0.57187f, -0.570063f, 0.19824003f, -0.49666855f}, new float[] {0.2442269f, 0.23536836f, 0.27864635f, -0.23781097f}, new float[] {-0.3454051f}};
    static final int[][] OBJECTS_WEIGHT_SHAPES = {new int[] {3, 4}, new int[] {4}, new int[] {4, 1}, new int[] {1}};
    static final float[] OBJECTS_X = new float[] {-0.4203181f, 0.35434672f, -0.0076499586f, -1.6669948f, -0.23480941f, 2.3440688f, 1.1901939f, -1.1071624f, -0.8307346f, -0.32648566f, 0.37593067f, 1.8411306f, 0.28756964f, 1.267149f, -0.034816064f, 0.26183614f, 0.3338488f, -0.018058944f, 1.1972616f, 0.2115157f, 1.3742298f, 0.888418f, 0.14268182f, 0.72444296f};
    static final int[] OBJECTS_X_SHAPE = new int[] {8, 3};
    static final float[] OBJECTS_Y = new float[] {-0.15444934f, -1.3596048f, 1.1778133f, -1.2280976f, 0.5655551f, -1.8963403f, 0.4975044f, 1.2309697f};
    static final int[] OBJECTS_Y_SHAPE = new int[] {8, 1};
    static final float[] OBJECTS_W = new float[] {1.260707f, 0.0f, 5.0f, 1.9822505f, 0.75528026f, 1.3383006f, 0.73023105f, 2.8580527f};
    static final int[] OBJECTS_W_SHAPE = new int[] {8};
    static final String[] OBJECTS_HISTORY_KEYS = {"loss", "mae", "msq", "weighted_msq"};
    static final double[][] OBJECTS_HISTORY = {{3.373721122741699}, {1.2786794900894165}, {1.3576771020889282}, {1.9382487535476685}};
}
