package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * A text for character-level language modelling: its vocabulary (every distinct character, sorted, so the same text
 * always gives the same ids), the text as ids, and windows of it as training examples. Ids are float tensors holding
 * integers, as every index tensor in vgrad.
 */
public final class CharCorpus {
    private static final String GENESIS = "/dev/vgrad/data/text/genesis-kjv.txt";

    private final char[] vocabulary;
    private final int[] idOf = new int[Character.MAX_VALUE + 1];
    private final int[] ids;

    private CharCorpus(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("CharCorpus: the text is empty");
        }
        TreeSet<Character> chars = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            chars.add(text.charAt(i));
        }
        vocabulary = new char[chars.size()];
        Arrays.fill(idOf, -1);
        int next = 0;
        for (char c : chars) {
            idOf[c] = next;
            vocabulary[next++] = c;
        }
        ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = idOf[text.charAt(i)];
        }
    }

    /** The corpus of {@code text}; its vocabulary is the characters it uses. */
    public static CharCorpus of(String text) {
        return new CharCorpus(text);
    }

    /**
     * The Book of Genesis in the King James Version (public domain), one verse per line, shipped inside vgrad:
     * about 197 000 characters over a vocabulary of 59.
     */
    public static CharCorpus genesis() throws IOException {
        try (InputStream in = CharCorpus.class.getResourceAsStream(GENESIS)) {
            if (in == null) {
                throw new IOException("the embedded text is missing " + GENESIS);
            }
            return new CharCorpus(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The corpus of this text's first {@code length} characters (its vocabulary is theirs). */
    public CharCorpus prefix(int length) {
        if (length <= 0 || length > ids.length) {
            throw new IllegalArgumentException("CharCorpus.prefix: length must be in [1, " + ids.length + "], got "
                    + length);
        }
        return new CharCorpus(decode(Arrays.copyOf(ids, length)));
    }

    /** How many characters the text has. */
    public int length() {
        return ids.length;
    }

    /** How many distinct characters it has. */
    public int vocabularySize() {
        return vocabulary.length;
    }

    /** The ids of {@code text}; a character the corpus never uses is an error naming it and its position. */
    public int[] encode(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (idOf[c] < 0) {
                throw new IllegalArgumentException("CharCorpus.encode: '" + c + "' (U+" + String.format("%04X", (int) c)
                        + ") at position " + i + " is not in the corpus's vocabulary of " + vocabulary.length);
            }
            out[i] = idOf[c];
        }
        return out;
    }

    /** The text of {@code ids}; an id outside the vocabulary is an error naming it and its position. */
    public String decode(int... ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabulary.length) {
                throw new IllegalArgumentException("CharCorpus.decode: id " + ids[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocabulary.length + ")");
            }
            sb.append(vocabulary[ids[i]]);
        }
        return sb.toString();
    }

    /**
     * Non-overlapping windows of the characters in [from, to): window w holds the {@code context} ids from
     * {@code from + w * context} as input, and the same span shifted one character on as target (the next character
     * at every position). Returns a dataset of inputs and targets, each [windows, context]; a last window that would
     * run past {@code to} is left out, so at most {@code context} characters at the end go unused.
     */
    public TensorDataset windows(int from, int to, int context) {
        if (from < 0 || to > ids.length || from > to) {
            throw new IllegalArgumentException("CharCorpus.windows: [" + from + ", " + to + ") is not a range of the "
                    + ids.length + " characters");
        }
        if (context <= 0) {
            throw new IllegalArgumentException("CharCorpus.windows: context must be positive, got " + context);
        }
        int count = (to - from - 1) / context;
        if (count <= 0) {
            throw new IllegalArgumentException("CharCorpus.windows: [" + from + ", " + to + ") holds no window of "
                    + context + " characters and its next one");
        }
        float[] inputs = new float[count * context], targets = new float[count * context];
        for (int w = 0; w < count; w++) {
            int start = from + w * context;
            for (int t = 0; t < context; t++) {
                inputs[w * context + t] = ids[start + t];
                targets[w * context + t] = ids[start + t + 1];
            }
        }
        return new TensorDataset(Tensor.of(inputs, count, context), Tensor.of(targets, count, context));
    }
}
