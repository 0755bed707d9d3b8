package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Tensor.randn against torch.randn for the same seed, bit for bit (scripts/torch_randn_fixtures.py): the scalar draws
 * below 16 values, whole groups of 16 through the AVX2 kernel's Box-Muller, and the redrawn last group.
 */
class RandnFixturesTest {
    @Test
    void randnIsTorchsBitForBit() throws Exception {
        int lines = 0;
        try (var in = new BufferedReader(new InputStreamReader(
                RandnFixturesTest.class.getResourceAsStream("/fixtures/torch_randn.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                long seed = Long.parseLong(f[0]);
                int n = Integer.parseInt(f[1]);
                float[] got = Tensor.randn(new Generator(seed), n).toArray();
                assertEquals(n, f.length - 2);
                for (int i = 0; i < n; i++) {
                    float want = Float.intBitsToFloat(Integer.parseUnsignedInt(f[i + 2], 16));
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[i]),
                            "seed " + seed + ", length " + n + ", value " + i + ": torch " + want + ", vgrad " + got[i]);
                }
                lines++;
            }
        }
        assertEquals(7, lines);
    }
}
