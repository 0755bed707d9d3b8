package dev.vgrad.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * NumPy scalars as a pickle holds them ({@code numpy.core.multiarray.scalar(dtype, bytes)}): training scripts often
 * save a metric or a counter that NumPy computed (a best accuracy as {@code numpy.float64}). Floats come back as
 * {@link Double}, integers as {@link Long}, booleans as {@link Boolean}; a big-endian one is refused.
 */
final class NumpyScalars {
    private NumpyScalars() {}

    /** A NumPy dtype as {@code numpy.dtype(code, False, True)} pickles it, its byte order set by the BUILD after it. */
    static final class Dtype {
        private final String code;
        private String byteOrder = "=";

        Dtype(String code) {
            this.code = code;
        }

        /** The BUILD state: (version, byte order, ...). */
        void setState(Object state) {
            if (state instanceof List<?> s && s.size() > 1 && s.get(1) instanceof String order) {
                byteOrder = order;
            }
        }

        @Override
        public String toString() {
            return "dtype('" + byteOrder + code + "')";
        }
    }

    /** The value of {@code scalar(dtype, bytes)}. */
    static Object value(List<Object> args) {
        if (args.size() != 2 || !(args.get(0) instanceof Dtype dtype) || !(args.get(1) instanceof byte[] bytes)) {
            throw new IllegalArgumentException("numpy scalar called with " + Pickle.brief(args));
        }
        if (dtype.byteOrder.equals(">")) {
            throw new IllegalArgumentException("a big-endian NumPy scalar " + dtype + "; vgrad reads little-endian");
        }
        int width = switch (dtype.code) {
            case "f8", "i8", "u8" -> 8;
            case "f4", "i4", "u4" -> 4;
            case "f2", "i2", "u2" -> 2;
            case "i1", "u1", "b1" -> 1;
            default -> throw new IllegalArgumentException("a NumPy scalar of " + dtype + ", which vgrad does not read "
                    + "(it reads floats, integers and booleans)");
        };
        if (bytes.length != width) {
            throw new IllegalArgumentException("a NumPy scalar of " + dtype + " in " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (dtype.code) {
            case "f8" -> b.getDouble();
            case "f4" -> (double) b.getFloat();
            case "f2" -> (double) Float.float16ToFloat(b.getShort());
            case "i8" -> b.getLong();
            case "i4" -> (long) b.getInt();
            case "i2" -> (long) b.getShort();
            case "i1" -> (long) b.get();
            case "u4" -> b.getInt() & 0xffffffffL;
            case "u2" -> (long) (b.getShort() & 0xffff);
            case "u1" -> (long) (b.get() & 0xff);
            case "b1" -> b.get() != 0;
            default -> {   // u8
                long v = b.getLong();
                if (v < 0) {
                    throw new IllegalArgumentException("a NumPy uint64 scalar beyond a Java long: "
                            + Long.toUnsignedString(v));
                }
                yield v;
            }
        };
    }
}
