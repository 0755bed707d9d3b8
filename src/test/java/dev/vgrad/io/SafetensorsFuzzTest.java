package dev.vgrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vgrad.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Any bytes given to the safetensors reader: a map of well-formed tensors or an IOException, nothing else (no
 * exception from inside the JDK, no StackOverflowError, no OutOfMemoryError). {@code ./vgrad test} replays the
 * inputs in SafetensorsFuzzTestInputs; {@code scripts/fuzz.sh} searches for new ones.
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void parse(byte[] bytes) {
        Map<String, Tensor> tensors;
        try {
            tensors = Safetensors.parse(bytes, Path.of("fuzz.safetensors"));
        } catch (IOException refused) {
            return;
        }
        for (Tensor t : tensors.values()) {
            long n = 1;
            for (int s : t.shape()) {
                n *= s;
            }
            assertEquals(n, t.toArray().length);
        }
    }
}
