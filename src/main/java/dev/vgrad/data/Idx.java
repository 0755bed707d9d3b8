package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST's IDX format (raw or gzip-compressed, detected by content): a magic number {@code 0x0000 0x08 n}
 * for n dimensions of unsigned bytes, n big-endian 32-bit sizes, then the data. The magic number, every
 * dimension and the data length are checked, and every error names the file.
 */
public final class Idx {
    private Idx() {}

    /** The file's values as floats (0..255), shaped by its header. */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** The values of an IDX stream; {@code name} is what errors call it. The stream is not closed. */
    public static Tensor read(InputStream stream, String name) throws IOException {
        InputStream raw = new BufferedInputStream(stream);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IOException(name + ": not an IDX file: shorter than its 4-byte magic number");
        }
        if ((magic >>> 8) != 0x08 || (magic & 0xff) < 1 || (magic & 0xff) > 4) {
            throw new IOException(name + ": not an IDX file of unsigned bytes: magic number 0x"
                    + String.format("%08x", magic) + " (expected 0x00000801 to 0x00000804)");
        }
        int rank = magic & 0xff;
        int[] shape = new int[rank];
        long total = 1;
        for (int d = 0; d < rank; d++) {
            try {
                shape[d] = data.readInt();
            } catch (EOFException e) {
                throw new IOException(name + ": truncated header: " + rank + " dimensions announced, " + d + " present");
            }
            if (shape[d] <= 0) {
                throw new IOException(name + ": dimension " + d + " has size " + shape[d]);
            }
            total *= shape[d];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException(name + ": " + total + " values are more than one tensor holds");
        }
        byte[] bytes = new byte[(int) total];
        int got = data.readNBytes(bytes, 0, bytes.length);
        if (got != bytes.length) {
            throw new IOException(name + ": truncated: the header promises " + total + " bytes of data, the file has "
                    + got);
        }
        if (data.read() != -1) {
            throw new IOException(name + ": " + total + " bytes of data expected, the file has more");
        }
        float[] values = new float[bytes.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes[i] & 0xff;
        }
        return Tensor.of(values, shape);
    }
}
