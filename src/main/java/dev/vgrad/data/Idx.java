package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST's IDX format (raw or gzip-compressed, detected by content): a magic number {@code 0x0000 0x08 n}
 * for n dimensions of unsigned bytes, n big-endian 32-bit sizes, then the data. The magic number, every
 * dimension and the data length are checked, and every error names the file.
 *
 * <p>A header is not trusted with memory: the element count is computed exactly (a product that overflows is
 * refused), a raw file's header is checked against the file's length before anything is allocated, and data is
 * read in bounded chunks, so a header promising gigabytes over a short (or compressed) stream costs no more memory
 * than the stream really holds.
 */
public final class Idx {
    /** The most values one tensor holds (a Java array's limit, with headroom the JVM reserves). */
    static final long MAX_VALUES = Integer.MAX_VALUE - 16;
    private static final int CHUNK = 1 << 20;

    private Idx() {}

    /** Each unsigned byte's own value as a float: what {@link #read(Path)} maps the bytes through. */
    private static final float[] BYTES = new float[256];

    static {
        for (int b = 0; b < BYTES.length; b++) {
            BYTES[b] = b;
        }
    }

    /** The file's values as floats (0..255), shaped by its header. */
    public static Tensor read(Path file) throws IOException {
        return read(file, BYTES);
    }

    /**
     * The file's values mapped through {@code byteValues} (256 entries: the float for each unsigned byte): a dataset
     * normalized while it is read, in the one pass that widens its bytes.
     */
    static Tensor read(Path file, float[] byteValues) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not an IDX file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), Files.size(file), byteValues);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(file + ": permission denied", e);
        }
    }

    /** The values of an IDX stream; {@code name} is what errors call it. The stream is not closed. */
    public static Tensor read(InputStream stream, String name) throws IOException {
        return read(stream, name, -1, BYTES);
    }

    /** {@code length}: the stream's length in bytes when known (a file), else -1. */
    private static Tensor read(InputStream stream, String name, long length, float[] byteValues) throws IOException {
        InputStream raw = new BufferedInputStream(stream);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        try {
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return parse(new DataInputStream(new BufferedInputStream(in, 1 << 16)), name, gzip ? -1 : length,
                    byteValues);
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            // The JDK says "Unexpected end of ZLIB input stream", "Corrupt GZIP trailer" or nothing at all.
            throw new IOException(name + ": truncated or corrupt gzip"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    private static Tensor parse(DataInputStream data, String name, long length, float[] byteValues)
            throws IOException {
        // readNBytes, not readInt: a clean end of the data must not look like the gzip layer's EOFException.
        byte[] word = data.readNBytes(4);
        if (word.length < 4) {
            throw new IOException(name + ": not an IDX file: shorter than its 4-byte magic number");
        }
        int magic = bigEndian(word);
        if ((magic >>> 8) != 0x08 || (magic & 0xff) < 1 || (magic & 0xff) > 4) {
            throw new IOException(name + ": not an IDX file of unsigned bytes: magic number 0x"
                    + String.format("%08x", magic) + " (expected 0x00000801 to 0x00000804)");
        }
        int rank = magic & 0xff;
        int[] shape = new int[rank];
        long total = 1;
        for (int d = 0; d < rank; d++) {
            word = data.readNBytes(4);
            if (word.length < 4) {
                throw new IOException(name + ": truncated header: " + rank + " dimensions announced, " + d + " present");
            }
            shape[d] = bigEndian(word);
            if (shape[d] <= 0) {
                throw new IOException(name + ": dimension " + d + " has size " + Integer.toUnsignedString(shape[d])
                        + (shape[d] < 0 ? " (negative as a signed 32-bit size)" : ""));
            }
            total *= shape[d];   // both factors below 2^31: no overflow before the check
            if (total > MAX_VALUES) {
                throw new IOException(name + ": dimensions " + java.util.Arrays.toString(java.util.Arrays.copyOf(shape, d + 1))
                        + (d + 1 < rank ? "..." : "") + " hold more than " + MAX_VALUES + " values, more than one tensor holds");
            }
        }
        long dataBytes = length - 4 - 4L * rank;
        if (length >= 0 && dataBytes < total) {
            throw truncated(name, shape, total, dataBytes);
        }
        byte[][] chunks = new byte[(int) ((total + CHUNK - 1) / CHUNK)][];
        long read = 0;
        for (int c = 0; c < chunks.length; c++) {
            // Read into an array of the chunk's size: readNBytes(n) gathers into buffers of its own first and copies,
            // twice the garbage (Fashion-MNIST's 47 MB of images, read while the training step warms up).
            int want = (int) Math.min(CHUNK, total - read);
            chunks[c] = new byte[want];
            int got = data.readNBytes(chunks[c], 0, want);
            read += got;
            if (got < want) {
                throw truncated(name, shape, total, read);
            }
        }
        if (data.read() != -1) {
            throw new IOException(name + ": " + total + " bytes of data expected, the file has more");
        }
        float[] values = new float[(int) total];
        int at = 0;
        for (byte[] chunk : chunks) {
            widen(chunk, byteValues, values, at);
            at += chunk.length;
        }
        return Tensor.of(values, shape);
    }

    // A loop of its own: the JIT compiles a small method per chunk instead of replacing parse's frame mid-loop.
    private static void widen(byte[] chunk, float[] byteValues, float[] values, int at) {
        for (int j = 0; j < chunk.length; j++) {
            values[at + j] = byteValues[chunk[j] & 0xff];
        }
    }

    private static int bigEndian(byte[] w) {
        return (w[0] & 0xff) << 24 | (w[1] & 0xff) << 16 | (w[2] & 0xff) << 8 | (w[3] & 0xff);
    }

    private static IOException truncated(String name, int[] shape, long total, long present) {
        return new IOException(name + ": truncated: the header (shape " + java.util.Arrays.toString(shape) + ") promises "
                + total + " bytes of data, the file has " + present);
    }
}
