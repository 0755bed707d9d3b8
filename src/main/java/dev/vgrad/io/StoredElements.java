package dev.vgrad.io;

import java.nio.ByteBuffer;

/**
 * The element types the file formats vgrad reads can hold (named as safetensors names them), read as floats: wider
 * floats rounded as {@code tensor.float()} rounds them, integers and booleans taken while a float holds them exactly
 * (up to 2^24 in magnitude); a larger integer is refused rather than rounded.
 */
final class StoredElements {
    private StoredElements() {}

    /** The dtypes {@link #decode} reads, for error messages. */
    static final String READ = "F32, F64, F16, BF16, I64, I32, I16, I8, U8 and BOOL";

    /** Bytes an element of {@code dtype} takes, or 0 for a dtype vgrad does not read. */
    static int width(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> 0;
        };
    }

    /**
     * {@code count} elements of {@code dtype} from {@code buf} (little-endian) at byte {@code at}, as floats.
     *
     * @throws IllegalArgumentException naming the element, for an integer beyond 2^24 in magnitude
     */
    static float[] decode(ByteBuffer buf, int at, int count, String dtype) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (dtype) {
                case "F32" -> buf.getFloat(at + 4 * i);
                case "F64" -> (float) buf.getDouble(at + 8 * i);
                case "F16" -> Float.float16ToFloat(buf.getShort(at + 2 * i));
                case "BF16" -> Float.intBitsToFloat((buf.getShort(at + 2 * i) & 0xffff) << 16);
                case "I16" -> buf.getShort(at + 2 * i);
                case "I8" -> buf.get(at + i);
                case "U8", "BOOL" -> buf.get(at + i) & 0xff;
                default -> {
                    long n = dtype.equals("I64") ? buf.getLong(at + 8 * i) : buf.getInt(at + 4 * i);
                    if (Math.abs(n) > 1 << 24) {
                        throw new IllegalArgumentException("holds " + n + " at element " + i
                                + ", beyond 2^24, which a float tensor cannot hold exactly");
                    }
                    yield n;
                }
            };
        }
        return v;
    }
}
