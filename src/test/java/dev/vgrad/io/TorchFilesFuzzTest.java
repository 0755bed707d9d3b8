package dev.vgrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vgrad.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any bytes given to the torch.save pickle reader (over storages "0" of 16 bytes and "1" of 6): a value made of maps,
 * lists, numbers, strings and well-formed tensors, or an IOException, nothing else (no exception from inside the JDK,
 * no StackOverflowError, no OutOfMemoryError). {@code ./vgrad test} replays the inputs in TorchFilesFuzzTestInputs;
 * {@code scripts/fuzz.sh} searches for new ones.
 */
class TorchFilesFuzzTest {
    private static final Map<String, byte[]> STORAGES = Map.of("0", new byte[16], "1", new byte[] {1, 2, 3, 4, 5, 6});

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] bytes) {
        Object value;
        try {
            value = TorchFiles.parse(bytes, STORAGES::get, Path.of("fuzz.pt"));
        } catch (IOException refused) {
            return;
        }
        check(value);
    }

    /** Walks the value without recursion and visits each object once: a pickle may build cycles and deep nests. */
    private static void check(Object value) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.push(new Object[] {value});
        while (!todo.isEmpty()) {
            for (Object v : (Object[]) todo.pop()) {
                if (v == null || !seen.add(v)) {
                    continue;
                }
                if (v instanceof Tensor t) {
                    long n = 1;
                    for (int s : t.shape()) {
                        n *= s;
                    }
                    assertEquals(n, t.toArray().length);
                } else if (v instanceof Map<?, ?> m) {
                    todo.push(m.keySet().toArray());
                    todo.push(m.values().toArray());
                } else if (v instanceof List<?> l) {
                    todo.push(l.toArray());
                }
            }
        }
    }
}
