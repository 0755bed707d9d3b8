package dev.vgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vgrad.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes given to the IDX reader, raw or gzip: a tensor of values 0..255 shaped by the header, or an IOException
 * naming the stream, nothing else. {@code ./vgrad test} replays the inputs in IdxFuzzTestInputs;
 * {@code scripts/fuzz.sh} searches for new ones.
 */
class IdxFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void read(byte[] bytes) {
        Tensor t;
        try {
            t = Idx.read(new ByteArrayInputStream(bytes), "fuzz-input");
        } catch (IOException refused) {
            assertTrue(refused.getMessage().startsWith("fuzz-input: "), refused.getMessage());
            return;
        }
        long n = 1;
        for (int s : t.shape()) {
            n *= s;
        }
        float[] values = t.toArray();
        assertEquals(n, values.length);
        for (float v : values) {
            assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "value " + v);
        }
    }
}
