package dev.vgrad.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * NumPy scalars and arrays as a pickle holds them ({@code numpy.core.multiarray.scalar(dtype, bytes)} and
 * {@code _reconstruct} followed by a BUILD of shape, dtype and bytes): training scripts often save a metric, a counter
 * or a table that NumPy computed (a best accuracy as {@code numpy.float64}). Scalar floats come back as {@link Double},
 * integers as {@link Long}, booleans as {@link Boolean}, arrays of numbers as float tensors; big-endian ones are
 * refused.
 */
final class NumpyValues {
    private NumpyValues() {}

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

    /** A NumPy array as {@code _reconstruct} makes it, empty until the BUILD after it gives its shape and data. */
    static final class Array {}

    /**
     * A NumPy array's BUILD state (version, shape, dtype, Fortran order, raw bytes) as a float tensor, its elements
     * read as a storage of that dtype would be ({@link StoredElements}).
     */
    static dev.vgrad.Tensor array(Object state) {
        if (!(state instanceof List<?> s) || s.size() != 5 || !(s.get(1) instanceof List<?> shape)
                || !(s.get(2) instanceof Dtype dtype) || !(s.get(3) instanceof Boolean fortran)
                || !(s.get(4) instanceof byte[] bytes)) {
            throw new IllegalArgumentException("a NumPy array with the state " + Pickle.brief(state)
                    + " (vgrad reads arrays of numbers)");
        }
        String stored = switch (dtype.code) {
            case "f8" -> "F64";
            case "f4" -> "F32";
            case "f2" -> "F16";
            case "i8" -> "I64";
            case "i4" -> "I32";
            case "i2" -> "I16";
            case "i1" -> "I8";
            case "u1" -> "U8";
            case "b1" -> "BOOL";
            default -> throw new IllegalArgumentException("a NumPy array of " + dtype + ", which vgrad does not read");
        };
        if (dtype.byteOrder.equals(">")) {
            throw new IllegalArgumentException("a big-endian NumPy array " + dtype + "; vgrad reads little-endian");
        }
        int[] dims = new int[shape.size()];
        long numel = 1;
        for (int d = 0; d < dims.length; d++) {
            if (!(shape.get(d) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a NumPy array of shape " + Pickle.brief(shape));
            }
            dims[d] = (int) (long) n;
            numel *= n;
        }
        if (numel * StoredElements.width(stored) != bytes.length || numel > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a NumPy array of shape " + Pickle.brief(shape) + " and " + dtype
                    + " in " + bytes.length + " bytes");
        }
        float[] v = StoredElements.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, (int) numel,
                stored);
        if (!fortran || dims.length < 2) {
            return dev.vgrad.Tensor.of(v, dims);
        }
        // column-major: the same values with the dimensions reversed, then put back in order
        int[] reversed = new int[dims.length], order = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            reversed[d] = dims[dims.length - 1 - d];
            order[d] = dims.length - 1 - d;
        }
        return dev.vgrad.Tensor.of(v, reversed).permute(order).contiguous();
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
