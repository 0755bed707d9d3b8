package dev.vgrad.io;

import dev.vgrad.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes state dicts in the safetensors format (8-byte little-endian header length, a JSON header of
 * {@code {"name": {"dtype", "shape", "data_offsets"}}}, then the raw little-endian data), so Python tools read
 * vgrad's weights and vgrad reads theirs. vgrad writes F32 and reads F32, F64, F16, BF16, I64, I32, I16, I8, U8 and
 * BOOL (converted to float; integers only while a float holds them exactly). A file is checked whole before anything
 * is returned: a truncated or corrupted file is refused with an error naming the file and the problem, and loads
 * nothing. Writing goes through a temporary file and a
 * rename, so a failed save leaves any previous file intact.
 */
public final class Safetensors {
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {}

    /**
     * Writes {@code tensors} to {@code file} as F32, in the map's order, with optional string metadata, written in
     * its keys' order whatever the map's (a {@code Map.of}'s iteration order changes from run to run, and with it the
     * file's bytes had).
     */
    public static void save(Map<String, Tensor> tensors, Path file, Map<String, String> metadata) throws IOException {
        StringBuilder header = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            header.append("\"__metadata__\":{");
            int k = 0;
            for (var e : new java.util.TreeMap<>(metadata).entrySet()) {
                header.append(k++ > 0 ? "," : "").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            }
            header.append('}');
        }
        long offset = 0;
        List<float[]> data = new ArrayList<>();
        for (var e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("\"__metadata__\" is reserved by safetensors and cannot name a tensor");
            }
            Tensor t = e.getValue();
            long bytes = 4L * t.numel();
            header.append(header.length() > 1 ? "," : "").append(quote(e.getKey())).append(":{\"dtype\":\"F32\",\"shape\":")
                    .append(java.util.Arrays.toString(t.shape()).replace(" ", "")).append(",\"data_offsets\":[")
                    .append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
            data.add(t.toArray());
        }
        header.append('}');
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the reference implementation aligns the data to 8 bytes
        if (8 + padded + offset > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": " + (8 + padded + offset) + " bytes; vgrad writes safetensors files up to 2 GB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(json);
        for (int p = json.length; p < padded; p++) {
            buf.put((byte) ' ');
        }
        for (float[] values : data) {
            buf.asFloatBuffer().put(values);
            buf.position(buf.position() + 4 * values.length);
        }
        AtomicWrite.write(file, buf, "a safetensors file");
    }

    /** Writes {@code tensors} without metadata. */
    public static void save(Map<String, Tensor> tensors, Path file) throws IOException {
        save(tensors, file, null);
    }

    /** Reads every tensor of {@code file}, in header order, after validating the whole file. */
    public static Map<String, Tensor> load(Path file) throws IOException {
        return parse(readAll(file), file);
    }

    /** The tensors of a whole safetensors file's bytes; {@code file} names it in errors. */
    static Map<String, Tensor> parse(byte[] all, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 8) {
            throw corrupt(file, "shorter than the 8-byte header length");
        }
        long headerLen = buf.getLong();
        if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > all.length - 8) {
            throw corrupt(file, "header length " + headerLen + " does not fit a file of " + all.length + " bytes");
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(new String(all, 8, (int) headerLen, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "header: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw corrupt(file, "header is not a JSON object");
        }
        long dataStart = 8 + headerLen, dataLen = all.length - dataStart;
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        for (var e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> info)) {
                throw corrupt(file, "entry \"" + name + "\" is not an object");
            }
            String dtype = String.valueOf(info.get("dtype"));
            int width = StoredElements.width(dtype);
            if (width == 0) {
                throw corrupt(file, "tensor \"" + name + "\" has dtype " + dtype + "; vgrad reads "
                        + StoredElements.READ);
            }
            int[] shape = ints(file, name, "shape", info.get("shape"), -1);
            int[] offsets = ints(file, name, "data_offsets", info.get("data_offsets"), 2);
            long numel = 1;
            for (int s : shape) {
                numel *= s;   // s <= 2^31 - 1 and numel <= 2^31 - 1 before: no overflow before the check
                if (numel > Integer.MAX_VALUE - 16) {
                    throw corrupt(file, "tensor \"" + name + "\" has shape " + java.util.Arrays.toString(shape)
                            + ": more elements than one tensor holds");
                }
            }
            long begin = offsets[0], end = offsets[1];
            if (begin < 0 || end < begin || end > dataLen || end - begin != numel * width) {
                throw corrupt(file, "tensor \"" + name + "\" (" + dtype + ", shape " + java.util.Arrays.toString(shape)
                        + ") has data_offsets [" + begin + ", " + end + "], which do not hold " + numel * width
                        + " bytes inside the " + dataLen + " bytes of data (truncated?)");
            }
            ranges.add(new long[] {begin, end});
            out.put(name, decode(buf, (int) (dataStart + begin), (int) numel, dtype, shape, file, name));
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long covered = 0;
        for (long[] r : ranges) {
            if (r[0] != covered) {
                throw corrupt(file, "tensor data overlaps or leaves a gap at byte " + covered);
            }
            covered = r[1];
        }
        if (covered != dataLen) {
            throw corrupt(file, dataLen - covered + " bytes of data belong to no tensor");
        }
        return out;
    }

    private static byte[] readAll(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a safetensors file");
        }
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(file + ": " + size + " bytes; vgrad reads safetensors files up to 2 GB");
            }
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(file + ": permission denied", e);
        }
    }

    /**
     * The tensor's values as floats (see {@link StoredElements}: PyTorch saves batch norm's num_batches_tracked as I64,
     * taken while a float holds it exactly).
     */
    private static Tensor decode(ByteBuffer buf, int at, int numel, String dtype, int[] shape, Path file, String name)
            throws IOException {
        try {
            return Tensor.of(StoredElements.decode(buf, at, numel, dtype), shape);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "tensor \"" + name + "\" (" + dtype + ") " + e.getMessage());
        }
    }

    private static int[] ints(Path file, String name, String field, Object value, int length) throws IOException {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw corrupt(file, "tensor \"" + name + "\" has a malformed " + field);
        }
        int[] r = new int[list.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(list.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw corrupt(file, "tensor \"" + name + "\" has a malformed " + field);
            }
            r[i] = l.intValue();
        }
        return r;
    }

    private static IOException corrupt(Path file, String what) {
        return new IOException(file + ": not a valid safetensors file: " + what);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
