package dev.vgrad.io;

import dev.vgrad.Tensor;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes PyTorch's own files ({@code torch.save} / {@code torch.load}, the zip format PyTorch writes since
 * 1.6): a state dict, or a checkpoint that mixes state dicts with numbers, strings, lists and tuples, so weights move
 * between PyTorch and vgrad without a conversion step.
 *
 * <p>{@link #load} gives dicts as {@link Map}s (in file order), lists and tuples as {@link List}s, ints as {@link
 * Long}, floats as {@link Double}, bools, strings, None as null, NumPy scalars as the Long, Double or Boolean they
 * hold, and tensors (NumPy arrays of numbers too) as float32 {@link Tensor}s: float64, float16 and bfloat16 rounded as
 * {@code tensor.float()} rounds them, integer and bool tensors taken while a float holds them exactly (a larger integer
 * is refused, not rounded), views (a transpose, a slice of a shared storage) read as PyTorch reads them. Anything else
 * a pickle may hold (a whole module, a NumPy array of objects) is refused with its Python name; save its {@code
 * state_dict()} instead. A file is read whole before anything is returned, and a damaged one is refused with an error
 * naming the file and the problem.
 *
 * <p>{@link #save} writes maps (string or integer keys), lists, tensors, numbers, strings, booleans and null; tensors
 * as float32, each with a storage of its own, aligned to 64 bytes as PyTorch aligns them. It writes through a temporary
 * file, so a failed save leaves any previous file as it was.
 */
public final class TorchFiles {
    private static final Map<String, String> STORAGE_TYPES = Map.of("FloatStorage", "F32", "DoubleStorage", "F64",
            "HalfStorage", "F16", "BFloat16Storage", "BF16", "LongStorage", "I64", "IntStorage", "I32",
            "ShortStorage", "I16", "CharStorage", "I8", "ByteStorage", "U8", "BoolStorage", "BOOL");
    private static final int ALIGNMENT = 64;

    private TorchFiles() {}

    /** Everything {@code torch.save} put in {@code file}, as Java values (see the class comment). */
    public static Object load(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            String prefix = archivePrefix(zip, file);
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null) {
                String o = new String(zip.getInputStream(order).readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (!o.equals("little")) {
                    throw new IOException(file + ": written on a " + o + "-endian machine; vgrad reads little-endian");
                }
            }
            byte[] pickle = entry(zip, zip.getEntry(prefix + "data.pkl"), file);
            return parse(pickle, key -> {
                ZipEntry e = zip.getEntry(prefix + "data/" + key);
                if (e == null) {
                    return null;
                }
                try {
                    return entry(zip, e, file);
                } catch (IOException ex) {
                    throw new IllegalArgumentException("storage " + key + ": " + ex.getMessage(), ex);
                }
            }, file);
        }
    }

    /**
     * An entry's bytes, no more than its header declares: a compressed entry that inflates past its declared size (a
     * zip bomb) is refused before it fills the memory.
     */
    private static byte[] entry(ZipFile zip, ZipEntry e, Path file) throws IOException {
        long size = e.getSize();
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": entry " + e.getName() + " declares " + size + " bytes");
        }
        try (var in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) size);
            if (b.length != size || in.read() != -1) {
                throw new IOException(file + ": entry " + e.getName() + " holds other than the " + size
                        + " bytes its header declares");
            }
            return b;
        }
    }

    /**
     * The value a torch.save pickle holds, its storages' bytes from {@code storage} by key (null for a key the
     * archive lacks); {@code file} names the source in errors.
     */
    static Object parse(byte[] pickle, Function<String, byte[]> storage, Path file) throws IOException {
        try {
            return Pickle.read(pickle, new Loader(storage, new HashMap<>()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The state dict in {@code file}: what {@code torch.save(model.state_dict(), file)} wrote, a dict of names to
     * tensors, in its order (ready for {@code Module.loadStateDict}).
     */
    public static Map<String, Tensor> loadStateDict(Path file) throws IOException {
        Object o = load(file);
        if (!(o instanceof Map<?, ?> dict)) {
            throw new IOException(file + ": holds a " + describe(o)
                    + ", not a state dict (a dict of names to tensors)");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : dict.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof Tensor t)) {
                throw new IOException(file + ": holds a dict whose entry " + e.getKey() + " is a "
                        + describe(e.getValue()) + ", not a tensor: use TorchFiles.load for a checkpoint of mixed "
                        + "values, and take its state dict out of it");
            }
            out.put(name, t);
        }
        return out;
    }

    /**
     * Writes {@code value} as {@code torch.save} would, for {@code torch.load} to read: a map with string keys (a
     * state dict, or a checkpoint of several) or integer ones (an optimizer's state by parameter index), a list, a
     * tensor, a number, a string, a boolean or null, nested.
     */
    public static void save(Object value, Path file) throws IOException {
        Pickle.Writer pickle = new Pickle.Writer();
        List<float[]> storages = new ArrayList<>();
        write(pickle, value, storages, "the value");
        String prefix = "archive/";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (Counting counting = new Counting(bytes); ZipOutputStream zip = new ZipOutputStream(counting)) {
            stored(zip, counting, prefix + "data.pkl", pickle.finish());
            stored(zip, counting, prefix + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < storages.size(); i++) {
                float[] v = storages.get(i);
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                stored(zip, counting, prefix + "data/" + i, b.array());
            }
            stored(zip, counting, prefix + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        AtomicWrite.write(file, ByteBuffer.wrap(bytes.toByteArray()), "a PyTorch file");
    }

    private static void write(Pickle.Writer p, Object v, List<float[]> storages, String where) {
        if (v == null) {
            p.none();
        } else if (v instanceof Tensor t) {
            writeTensor(p, t, storages);
        } else if (v instanceof String s) {
            p.string(s);
        } else if (v instanceof Boolean b) {
            p.bool(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            p.integer(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            p.real(((Number) v).doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            p.emptyDict();
            if (!m.isEmpty()) {
                p.mark();
                for (var e : m.entrySet()) {
                    Object key = e.getKey();
                    if (key instanceof String s) {
                        p.string(s);
                    } else if (key instanceof Long || key instanceof Integer) {   // an optimizer's state by index
                        p.integer(((Number) key).longValue());
                    } else {
                        throw new IllegalArgumentException("TorchFiles.save: " + where + " has the key " + key
                                + " (" + describe(key) + "); keys must be strings or integers");
                    }
                    write(p, e.getValue(), storages, where + "[" + (key instanceof String ? "\"" + key + "\"" : key)
                            + "]");
                }
                p.setItems();
            }
        } else if (v instanceof List<?> list) {
            p.emptyList();
            if (!list.isEmpty()) {
                p.mark();
                for (int i = 0; i < list.size(); i++) {
                    write(p, list.get(i), storages, where + "[" + i + "]");
                }
                p.appends();
            }
        } else {
            throw new IllegalArgumentException("TorchFiles.save: " + where + " is a " + describe(v) + "; vgrad writes "
                    + "maps, lists, tensors, numbers, strings, booleans and null");
        }
    }

    /** torch._utils._rebuild_tensor_v2(storage, 0, size, stride, requires_grad, OrderedDict()), as torch pickles it. */
    private static void writeTensor(Pickle.Writer p, Tensor t, List<float[]> storages) {
        float[] values = t.toArray();
        String key = Integer.toString(storages.size());
        storages.add(values);
        int[] shape = t.shape();
        int[] strides = new int[shape.length];
        for (int d = shape.length - 1, s = 1; d >= 0; s *= Math.max(shape[d], 1), d--) {
            strides[d] = s;
        }
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.mark();
        p.mark();
        p.string("storage");
        p.global("torch", "FloatStorage");
        p.string(key);
        p.string("cpu");
        p.integer(values.length);
        p.tuple();
        p.persistentId();
        p.integer(0);
        p.ints(shape);
        p.ints(strides);
        p.bool(t.requiresGrad());
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.tuple();
        p.reduce();
    }

    /** A stored (uncompressed) entry whose data starts on a 64-byte boundary, padded by an extra field as PyTorch's. */
    private static void stored(ZipOutputStream zip, Counting counting, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        // a fixed time inside DOS's range (1980-2107): outside it the JDK adds a timestamp field and the padding is off
        e.setTime(946_684_800_000L);
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        long dataAt = counting.count + 30 + nameLength + 4;
        int pad = (int) ((ALIGNMENT - dataAt % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        e.setExtra(extra);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Counts the bytes written, so each entry's data can be placed on a boundary. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private static ZipFile open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a file torch.save wrote");
        }
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(file + ": not a zip archive, so not a file torch.save wrote since PyTorch 1.6 (the "
                    + "legacy format is not read: load it in PyTorch and save it again)", e);
        }
    }

    /** The folder all entries sit in ("archive/" when PyTorch writes to a buffer, else the file's stem). */
    private static String archivePrefix(ZipFile zip, Path file) throws IOException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        if (!entries.hasMoreElements()) {
            throw new IOException(file + ": an empty zip archive");
        }
        String first = entries.nextElement().getName();
        int slash = first.indexOf('/');
        String prefix = slash < 0 ? "" : first.substring(0, slash + 1);
        if (zip.getEntry(prefix + "data.pkl") == null) {
            boolean script = zip.getEntry(prefix + "constants.pkl") != null;
            throw new IOException(file + ": has no " + prefix + "data.pkl" + (script
                    ? " (a TorchScript archive, which vgrad does not run: save the model's state_dict() instead)"
                    : ", so it is not a file torch.save wrote"));
        }
        return prefix;
    }

    /** Resolves the pickle's references: tensors, storages, OrderedDict and NumPy values, nothing else. */
    private record Loader(Function<String, byte[]> storage, Map<String, float[]> storages) implements Pickle.Resolver {
        @Override
        public Object persistent(Object pid) {
            if (!(pid instanceof List<?> t) || t.size() != 5 || !"storage".equals(t.get(0))
                    || !(t.get(1) instanceof Pickle.Global type) || !(t.get(2) instanceof String key)
                    || !(t.get(4) instanceof Long numel)) {
                throw new IllegalArgumentException("a persistent id " + Pickle.brief(pid)
                        + " that is not a tensor storage");
            }
            String dtype = STORAGE_TYPES.get(type.name());
            if (!type.module().equals("torch") || dtype == null) {
                throw new IllegalArgumentException("storage " + key + " is a " + type + "; vgrad reads "
                        + String.join(", ", STORAGE_TYPES.keySet().stream().sorted().toList()));
            }
            return new Storage(key, dtype, numel);
        }

        @Override
        public Object call(Object callable, List<Object> args) {
            String name = callable instanceof Pickle.Global g ? g.toString() : Pickle.brief(callable);
            switch (name) {
                case "collections.OrderedDict" -> {
                    if (!args.isEmpty()) {
                        throw new IllegalArgumentException("OrderedDict called with arguments " + Pickle.brief(args));
                    }
                    return new LinkedHashMap<>();
                }
                case "torch._utils._rebuild_tensor_v2" -> {
                    return tensor(args);
                }
                case "torch._utils._rebuild_parameter" -> {
                    if (args.size() < 2 || !(args.get(0) instanceof Tensor t) || !(args.get(1) instanceof Boolean g)) {
                        throw new IllegalArgumentException("_rebuild_parameter called with " + Pickle.brief(args));
                    }
                    return t.requiresGrad_(g);
                }
                case "numpy.dtype" -> {
                    if (args.isEmpty() || !(args.get(0) instanceof String code)) {
                        throw new IllegalArgumentException("numpy.dtype called with " + Pickle.brief(args));
                    }
                    return new NumpyValues.Dtype(code);
                }
                case "_codecs.encode" -> {   // how protocol 2 pickles bytes: a str of code points below 256
                    if (args.size() != 2 || !(args.get(0) instanceof String text)
                            || !("latin1".equals(args.get(1)) || "latin-1".equals(args.get(1)))) {
                        throw new IllegalArgumentException("_codecs.encode called with " + Pickle.brief(args));
                    }
                    return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar" -> {
                    return NumpyValues.value(args);
                }
                case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct" -> {
                    return new NumpyValues.Array();   // an empty array, which the BUILD after it fills
                }
                default -> throw new IllegalArgumentException("holds a Python object of " + name + ", which vgrad does "
                        + "not read (it reads tensors, dicts, lists, tuples, numbers, strings, NumPy scalars and None; "
                        + "save a module's state_dict() rather than the module)");
            }
        }

        @Override
        public Object build(Object obj, Object state) {
            if (obj instanceof NumpyValues.Dtype d) {
                d.setState(state);
            }
            return obj instanceof NumpyValues.Array ? NumpyValues.array(state) : obj;
        }

        /** _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]). */
        private Tensor tensor(List<Object> args) {
            if (args.size() < 5 || !(args.get(0) instanceof Storage s) || !(args.get(1) instanceof Long offset)
                    || !(args.get(2) instanceof List<?> size) || !(args.get(3) instanceof List<?> stride)
                    || !(args.get(4) instanceof Boolean requiresGrad) || size.size() != stride.size()) {
                throw new IllegalArgumentException("_rebuild_tensor_v2 called with " + Pickle.brief(args));
            }
            float[] storage = values(s);
            int[] shape = new int[size.size()];
            long[] steps = new long[size.size()];
            long numel = 1, last = offset;
            for (int d = 0; d < shape.length; d++) {
                if (!(size.get(d) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE
                        || !(stride.get(d) instanceof Long st) || st < 0) {
                    throw new IllegalArgumentException("a tensor of size " + Pickle.brief(size) + " and stride "
                            + Pickle.brief(stride));
                }
                shape[d] = (int) (long) n;
                steps[d] = st;
                numel *= n;
                last += (n - 1) * st;
            }
            if (numel > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a tensor of size " + size
                        + ": more elements than one tensor holds");
            }
            if (numel > storage.length && numel > 1 << 24) {
                // a view repeating its data (stride 0) is materialized: refuse one far larger than the file holds
                throw new IllegalArgumentException("a tensor of size " + size + " and stride " + stride
                        + " repeats the " + storage.length + " elements of its storage " + s.key + " into " + numel
                        + "; vgrad copies views, and refuses one of more than 2^24 elements beyond its data");
            }
            if (numel > 0 && (offset < 0 || last >= storage.length)) {
                throw new IllegalArgumentException("a tensor of size " + size + ", stride " + stride + " and offset "
                        + offset + " reaches past its storage " + s.key + " of " + storage.length + " elements");
            }
            float[] v = new float[(int) numel];
            int[] index = new int[shape.length];
            for (int i = 0; i < v.length; i++) {
                long at = offset;
                for (int d = 0; d < shape.length; d++) {
                    at += index[d] * steps[d];
                }
                v[i] = storage[(int) at];
                for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                    index[d] = 0;
                }
            }
            Tensor t = Tensor.of(v, shape);
            return requiresGrad ? t.requiresGrad_() : t;
        }

        /** The storage's values as floats, read once however many tensors view it. */
        private float[] values(Storage s) {
            float[] v = storages.get(s.key);
            if (v != null) {
                return v;
            }
            byte[] bytes = storage.apply(s.key);
            int width = StoredElements.width(s.dtype);
            if (bytes == null || bytes.length != s.numel * width) {
                throw new IllegalArgumentException("storage " + s.key + " (" + s.numel + " elements of " + s.dtype
                        + ") has " + (bytes == null ? "no entry" : bytes.length + " bytes")
                        + " in the archive (truncated?)");
            }
            try {
                v = StoredElements.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, (int) s.numel,
                        s.dtype);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("storage " + s.key + " (" + s.dtype + ") " + ex.getMessage(), ex);
            }
            storages.put(s.key, v);
            return v;
        }
    }

    /** A storage a persistent id names: read when a tensor first views it. */
    private record Storage(String key, String dtype, long numel) {}

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
