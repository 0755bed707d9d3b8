package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST-format datasets (MNIST, Fashion-MNIST) from a directory of IDX files named as the originals
 * ({@code train-images-idx3-ubyte[.gz]}, ...). Images come flattened to 784 values and normalized as seed 004's
 * {@code Normalize((0.5,), (0.5,))}: {@code (pixel / 255 - 0.5) / 0.5}, in [-1, 1]; labels are class indices.
 */
public final class Mnist {
    /** Rows and columns of an image. */
    public static final int SIDE = 28;
    /** Number of classes; labels are 0 to CLASSES - 1. */
    public static final int CLASSES = 10;

    private Mnist() {}

    /** The training (60 000) or test (10 000) split from {@code dir}. */
    public static TensorDataset load(Path dir, boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        return checked(Idx.read(images, PIXELS), Idx.read(labels), images, labels, true);
    }

    /**
     * What {@link #normalize} makes of each byte value, looked up while the images are read: one pass over
     * Fashion-MNIST's 47 million pixels instead of widening them and then three in-place passes (on a Zen 3 the
     * passes took 0.3 s of a cold start, their kernels still uncompiled). The same operations make the table, so its
     * entries are the bits the passes produce.
     */
    private static final float[] PIXELS = normalize(Tensor.arange(256)).toArray();

    /** Seed 004's {@code Normalize((0.5,), (0.5,))} of pixels 0..255, in place: {@code (pixel / 255 - 0.5) / 0.5}. */
    private static Tensor normalize(Tensor pixels) {
        return pixels.div_(255f).sub_(0.5f).div_(0.5f);
    }

    /**
     * Pairs raw IDX images [N, 28, 28] and labels [N] into a normalized dataset, checking that they agree, that the
     * images are 28 x 28 and that every label is a class, so bad data fails at load time rather than mid-training.
     */
    public static TensorDataset fromIdx(Tensor images, Tensor labels, Path imageFile, Path labelFile) throws IOException {
        return checked(images, labels, imageFile, labelFile, false);
    }

    /** {@link #fromIdx}; with {@code normalized} the images are read normalized already (through {@link #PIXELS}). */
    private static TensorDataset checked(Tensor images, Tensor labels, Path imageFile, Path labelFile,
                                         boolean normalized) throws IOException {
        if (images.dim() != 3) {
            throw new IOException(imageFile + ": expected 3 dimensions (count, rows, columns), found "
                    + java.util.Arrays.toString(images.shape()));
        }
        if (labels.dim() != 1 || labels.size(0) != images.size(0)) {
            throw new IOException(labelFile + ": expected " + images.size(0) + " labels to match " + imageFile
                    + ", found shape " + java.util.Arrays.toString(labels.shape()));
        }
        if (images.size(1) != SIDE || images.size(2) != SIDE) {
            throw new IOException(imageFile + ": images are " + images.size(1) + "x" + images.size(2) + ", expected "
                    + SIDE + "x" + SIDE + " as in MNIST and Fashion-MNIST");
        }
        float[] classes = labels.toArray();
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= CLASSES) {
                throw new IOException(labelFile + ": label " + (int) classes[i] + " at position " + i
                        + " is not a class (0 to " + (CLASSES - 1) + ")");
            }
        }
        // In place with the same float operations as seed 004's out-of-place normalization, on one copy of the
        // caller's tensor, which must stay as it was: every copy of the training images is 188 MB that the collection
        // during loading may have to move (Fashion-MNIST on a Zen 3: three out-of-place passes left 361 MB live
        // after it, one copy 182 MB).
        Tensor flat = images.reshape(images.size(0), -1);
        return new TensorDataset(normalized ? flat : normalize(flat.clone()), labels);
    }

    private static Path find(Path dir, String name) throws IOException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("missing data file " + dir.resolve(name) + "[.gz] (for Fashion-MNIST: apt-get install "
                + "dataset-fashion-mnist, which puts it in /usr/share/datasets/fashion-mnist)");
    }
}
