package dev.vgrad.io;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Python's pickle format that {@code torch.save} writes (protocol 2, and the protocol 4 framing): a stack
 * machine whose data are dicts (as {@link LinkedHashMap}), lists ({@link ArrayList}), tuples (read-only lists), str,
 * int ({@link Long}), float ({@link Double}), bool and None. What the pickle names by module and name (a tensor's
 * rebuild function, a storage type, OrderedDict) is handed to a {@link Resolver}, so this class knows no PyTorch.
 */
final class Pickle {
    private Pickle() {}

    /** A Python global the pickle names ({@code module.name}). */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** Turns what the pickle refers to into Java values. */
    interface Resolver {
        /** The result of calling {@code callable} (a {@link Global} as pickled) with {@code args}. */
        Object call(Object callable, List<Object> args);

        /** The object a persistent id names (a tensor's storage in torch.save's pickles). */
        Object persistent(Object pid);

        /**
         * {@code obj} after BUILD gave it {@code state} (its attributes: OrderedDict's _metadata, a NumPy dtype's byte
         * order, a NumPy array's shape and data), or the object it stands for once built; by default the object as it
         * was.
         */
        default Object build(Object obj, Object state) {
            return obj;
        }
    }

    /**
     * A short description of a value read from a pickle, for error messages: scalars as they are, a list or tuple by up
     * to eight scalar items, anything deeper by its kind. Never recursive: a pickle may build cycles and deep nests.
     */
    static String brief(Object o) {
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder(o instanceof ArrayList<?> ? "[" : "(");
            for (int i = 0; i < Math.min(l.size(), 8); i++) {
                Object x = l.get(i);
                sb.append(i > 0 ? ", " : "");
                sb.append(x instanceof List<?> || x instanceof Map<?, ?> ? kind(x) : brief(x));
            }
            return sb.append(l.size() > 8 ? ", ... (" + l.size() + " items)" : "").append(o instanceof ArrayList<?>
                    ? "]" : ")").toString();
        }
        if (o instanceof Map<?, ?> m) {
            return "a dict of " + m.size() + " entries";
        }
        String s = o instanceof String str ? "'" + str + "'" : o instanceof byte[] b ? "bytes of " + b.length
                : String.valueOf(o);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static String kind(Object o) {
        return o instanceof ArrayList<?> ? "a list" : o instanceof List<?> ? "a tuple" : "a dict";
    }

    /** The object the pickle in {@code data} holds. */
    static Object read(byte[] data, Resolver resolver) {
        try {
            return new Reader(data, resolver).run();
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("malformed pickle: an opcode's operand runs past the end", e);
        }
    }

    private static final class Reader {
        private static final Object MARK = new Object();
        private final ByteBuffer in;
        private final Resolver resolver;
        private final List<Object> stack = new ArrayList<>();
        private final List<Integer> marks = new ArrayList<>();
        private final Map<Long, Object> memo = new HashMap<>();

        Reader(byte[] data, Resolver resolver) {
            this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            this.resolver = resolver;
        }

        Object run() {
            while (true) {
                if (!in.hasRemaining()) {
                    throw malformed("ends without STOP");
                }
                int at = in.position();
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> {   // PROTO
                        int version = in.get() & 0xff;
                        if (version > 5) {
                            throw malformed("protocol " + version);
                        }
                    }
                    case 0x95 -> in.getLong();   // FRAME: its length only helps a streaming reader
                    case '.' -> {   // STOP
                        if (stack.size() != 1 || !marks.isEmpty()) {
                            throw malformed("STOP with " + stack.size() + " values on the stack");
                        }
                        return stack.get(0);
                    }
                    case '(' -> marks.add(stack.size());
                    case '}' -> stack.add(new LinkedHashMap<>());
                    case ']' -> stack.add(new ArrayList<>());
                    case ')' -> stack.add(List.of());
                    case 'N' -> stack.add(null);
                    case 0x88 -> stack.add(Boolean.TRUE);
                    case 0x89 -> stack.add(Boolean.FALSE);
                    case 'K' -> stack.add((long) (in.get() & 0xff));   // BININT1
                    case 'M' -> stack.add((long) (in.getShort() & 0xffff));   // BININT2
                    case 'J' -> stack.add((long) in.getInt());   // BININT
                    case 0x8a -> stack.add(longOf(bytes(in.get() & 0xff)));   // LONG1
                    case 0x8b -> stack.add(longOf(bytes(length(in.getInt()))));   // LONG4
                    case 'G' -> stack.add(Double.longBitsToDouble(Long.reverseBytes(in.getLong())));   // big-endian
                    case 'X' -> stack.add(utf8(length(in.getInt())));   // BINUNICODE
                    case 0x8c -> stack.add(utf8(in.get() & 0xff));   // SHORT_BINUNICODE
                    case 0x8d -> stack.add(utf8(length(in.getLong())));   // BINUNICODE8
                    case 'B' -> stack.add(bytes(length(in.getInt())));   // BINBYTES
                    case 'C' -> stack.add(bytes(in.get() & 0xff));   // SHORT_BINBYTES
                    case 'c' -> stack.add(new Global(line(), line()));   // GLOBAL
                    case 0x93 -> {   // STACK_GLOBAL
                        Object name = pop(), module = pop();
                        stack.add(new Global(String.valueOf(module), String.valueOf(name)));
                    }
                    case 'q' -> memo.put((long) (in.get() & 0xff), top());   // BINPUT
                    case 'r' -> memo.put(in.getInt() & 0xffffffffL, top());   // LONG_BINPUT
                    case 0x94 -> memo.put((long) memo.size(), top());   // MEMOIZE
                    case 'h' -> stack.add(memo(in.get() & 0xff));   // BINGET
                    case 'j' -> stack.add(memo(in.getInt() & 0xffffffffL));   // LONG_BINGET
                    case 't' -> stack.add(Collections.unmodifiableList(popMark()));   // TUPLE
                    case 0x85, 0x86, 0x87 -> {   // TUPLE1, TUPLE2, TUPLE3
                        int n = op - 0x84;
                        if (stack.size() < n) {
                            throw malformed("TUPLE" + n + " on a stack of " + stack.size());
                        }
                        List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
                        stack.subList(stack.size() - n, stack.size()).clear();
                        stack.add(Collections.unmodifiableList(items));
                    }
                    case 'a' -> {   // APPEND
                        Object item = pop();
                        list(top()).add(item);
                    }
                    case 'e' -> {   // APPENDS
                        List<Object> items = popMark();
                        list(top()).addAll(items);
                    }
                    case 's' -> {   // SETITEM
                        Object value = pop(), key = pop();
                        dict(top()).put(key(key), value);
                    }
                    case 'u' -> {   // SETITEMS
                        List<Object> items = popMark();
                        if (items.size() % 2 != 0) {
                            throw malformed("SETITEMS with an odd number of values");
                        }
                        Map<Object, Object> d = dict(top());
                        for (int i = 0; i < items.size(); i += 2) {
                            d.put(key(items.get(i)), items.get(i + 1));
                        }
                    }
                    case 'R' -> {   // REDUCE
                        Object args = pop(), callable = pop();
                        if (!(args instanceof List<?> a)) {
                            throw malformed("REDUCE with arguments that are not a tuple");
                        }
                        stack.add(resolver.call(callable, new ArrayList<>(a)));
                    }
                    case 'Q' -> stack.add(resolver.persistent(pop()));   // BINPERSID
                    case 'b' -> {   // BUILD: an object's attributes
                        Object state = pop(), obj = pop();
                        Object built = resolver.build(obj, state);
                        if (built != obj) {   // Python builds in place: what the memo holds must be the built object
                            memo.replaceAll((k, v) -> v == obj ? built : v);
                        }
                        stack.add(built);
                    }
                    default -> throw malformed(String.format(
                            "opcode 0x%02x at byte %d, which torch.save does not write", op, at));
                }
            }
        }

        private Object pop() {
            if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size())) {
                throw malformed("a value taken from an empty stack");
            }
            return stack.remove(stack.size() - 1);
        }

        private Object top() {
            if (stack.isEmpty()) {
                throw malformed("a value read from an empty stack");
            }
            return stack.get(stack.size() - 1);
        }

        private List<Object> popMark() {
            if (marks.isEmpty()) {
                throw malformed("no MARK to pop to");
            }
            int from = marks.remove(marks.size() - 1);
            List<Object> items = new ArrayList<>(stack.subList(from, stack.size()));
            stack.subList(from, stack.size()).clear();
            return items;
        }

        /**
         * A dict key: a str, int, float, bool or None. Python also allows tuples, which torch.save's files do not use;
         * refusing them keeps the maps' hashing away from nested or cyclic values.
         */
        private Object key(Object key) {
            if (key == null || key instanceof String || key instanceof Long || key instanceof Double
                    || key instanceof Boolean) {
                return key;
            }
            throw malformed("a dict key " + brief(key) + "; vgrad reads str, int, float, bool and None keys");
        }

        private Object memo(long key) {
            if (!memo.containsKey(key)) {
                throw malformed("memo entry " + key + " read before it was written");
            }
            return memo.get(key);
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(Object o) {
            if (!(o instanceof ArrayList<?>)) {
                throw malformed("items appended to a " + typeName(o));
            }
            return (List<Object>) o;
        }

        @SuppressWarnings("unchecked")
        private Map<Object, Object> dict(Object o) {
            if (!(o instanceof Map<?, ?>)) {
                throw malformed("items set on a " + typeName(o));
            }
            return (Map<Object, Object>) o;
        }

        private int length(long n) {
            if (n < 0 || n > in.remaining()) {
                throw malformed("a length of " + n + " with " + in.remaining() + " bytes left");
            }
            return (int) n;
        }

        private byte[] bytes(int n) {
            byte[] b = new byte[length(n)];
            in.get(b);
            return b;
        }

        private String utf8(int n) {
            return new String(bytes(n), StandardCharsets.UTF_8);
        }

        private String line() {
            int start = in.position();
            while (true) {
                if (!in.hasRemaining()) {
                    throw malformed("a GLOBAL's name without its newline");
                }
                if (in.get() == '\n') {
                    return new String(in.array(), start, in.position() - start - 1, StandardCharsets.UTF_8);
                }
            }
        }

        /** A little-endian two's-complement integer, refused beyond 64 bits. */
        private long longOf(byte[] le) {
            byte[] be = new byte[le.length];
            for (int i = 0; i < le.length; i++) {
                be[i] = le[le.length - 1 - i];
            }
            if (be.length == 0) {
                return 0;
            }
            BigInteger v = new BigInteger(be);
            if (v.bitLength() > 63) {
                throw malformed("an integer of " + v.bitLength() + " bits, beyond a Java long");
            }
            return v.longValue();
        }

        private static String typeName(Object o) {
            return o == null ? "None" : o.getClass().getSimpleName();
        }

        private IllegalArgumentException malformed(String what) {
            return new IllegalArgumentException("malformed pickle: " + what);
        }
    }

    /** Writes a pickle (protocol 2) of values torch.load reads back; tensors go through the given callback. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer() {
            out.write(0x80);
            out.write(2);
        }

        byte[] finish() {
            out.write('.');
            return out.toByteArray();
        }

        void mark() {
            out.write('(');
        }

        void tuple() {
            out.write('t');
        }

        void reduce() {
            out.write('R');
        }

        void persistentId() {
            out.write('Q');
        }

        void global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(le(b.length, 4));
            out.writeBytes(b);
        }

        void integer(long v) {
            if (v == (int) v) {
                out.write('J');
                out.writeBytes(le(v, 4));
                return;
            }
            out.write(0x8a);
            out.write(8);
            out.writeBytes(le(v, 8));
        }

        void real(double v) {
            out.write('G');
            out.writeBytes(ByteBuffer.allocate(8).putDouble(v).array());   // big-endian, as pickle's BINFLOAT
        }

        void bool(boolean v) {
            out.write(v ? 0x88 : 0x89);
        }

        void none() {
            out.write('N');
        }

        void emptyTuple() {
            out.write(')');
        }

        void ints(int[] values) {
            if (values.length == 0) {
                emptyTuple();
                return;
            }
            mark();
            for (int v : values) {
                integer(v);
            }
            tuple();
        }

        void emptyDict() {
            out.write('}');
        }

        void setItems() {
            out.write('u');
        }

        void emptyList() {
            out.write(']');
        }

        void appends() {
            out.write('e');
        }

        private static byte[] le(long v, int n) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (v >>> (8 * i));
            }
            return b;
        }
    }
}
