package dev.vgrad.memory;

/**
 * A flat float buffer that tensors view through their shape, strides and offset. Several tensors (views)
 * may share one storage.
 */
public final class Storage {
    private final float[] data;

    /** A zero-filled storage of {@code size} floats. */
    public Storage(int size) {
        this.data = new float[size];
    }

    /** Wraps {@code data} without copying: the storage and the caller share it. */
    public static Storage wrap(float[] data) {
        return new Storage(data);
    }

    private Storage(float[] data) {
        this.data = data;
    }

    /** The backing array. */
    public float[] array() {
        return data;
    }

    /** The number of floats in the buffer. */
    public int size() {
        return data.length;
    }
}
