package dev.vgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A small slice of Fashion-MNIST shipped inside vgrad (the first 2 000 training and 500 test images of the
 * original, Zalando SE, MIT license), so that the trainer runs on real images where the full dataset is not
 * installed.
 */
public final class FashionMnistSubset {
    private static final String DIR = "/dev/vgrad/data/fashion-mnist-subset/";

    private FashionMnistSubset() {}

    /** The embedded training (2 000) or test (500) split, normalized as {@link Mnist#load}. */
    public static TensorDataset load(boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        String images = prefix + "-images-idx3-ubyte.gz", labels = prefix + "-labels-idx1-ubyte.gz";
        return Mnist.fromIdx(read(images), read(labels), Path.of(DIR + images), Path.of(DIR + labels));
    }

    private static dev.vgrad.Tensor read(String name) throws IOException {
        try (InputStream in = FashionMnistSubset.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IOException("the embedded dataset is missing " + DIR + name);
            }
            return Idx.read(in, "embedded " + name);
        }
    }
}
