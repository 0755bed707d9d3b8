package dev.vgrad.optim;

import dev.vgrad.Tensor;

/**
 * A double held exactly in a float tensor, for state dicts: its 64 bits as four 16-bit integers, each exact in a
 * float. A learning rate a schedule computed in double, saved as one float, would come back rounded, and a resumed
 * run would drift from the one it continues.
 */
final class ExactDouble {
    private ExactDouble() {}

    /** The four 16-bit chunks of v's bits, most significant first. */
    static Tensor of(double v) {
        long bits = Double.doubleToRawLongBits(v);
        float[] chunks = new float[4];
        for (int i = 0; i < 4; i++) {
            chunks[i] = (bits >>> (48 - 16 * i)) & 0xFFFF;
        }
        return Tensor.of(chunks, 4);
    }

    /** The double {@link #of} wrote; key names the entry in the error for anything else. */
    static double from(String key, Tensor t) {
        float[] chunks = t.toArray();
        long bits = 0;
        for (int i = 0; i < chunks.length; i++) {
            float c = chunks[i];
            if (chunks.length != 4 || !(c >= 0 && c <= 0xFFFF && c == Math.rint(c))) {
                throw new IllegalArgumentException("loadStateDict: " + key + " must hold four integers in [0, 65535] "
                        + "(a double's bits), got " + java.util.Arrays.toString(chunks));
            }
            bits = bits << 16 | (long) c;
        }
        return Double.longBitsToDouble(bits);
    }
}
