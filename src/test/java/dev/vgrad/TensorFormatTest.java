package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** toString against the repr that PyTorch printed for the same values (fixtures/torch_repr.txt). */
class TensorFormatTest {
    @TestFactory
    Stream<DynamicTest> printsLikePyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        var in = getClass().getResourceAsStream("/fixtures/torch_repr.txt");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("repr ")) {
                    continue;
                }
                String[] f = line.split(" ");
                int[] shape = TorchFixturesTest.shape(f[1]);
                float[] values = TorchFixturesTest.floats(f, 3);
                boolean requiresGrad = f[2].equals("1");
                StringBuilder expected = new StringBuilder();
                for (String l; !(l = r.readLine()).equals("endrepr"); ) {
                    expected.append(expected.length() > 0 ? "\n" : "").append(l);
                }
                String want = expected.toString();
                tests.add(DynamicTest.dynamicTest(want.length() > 60 ? want.substring(0, 60) : want, () -> {
                    Tensor t = Tensor.of(values, shape);
                    if (requiresGrad) {
                        t.requiresGrad_();
                    }
                    assertEquals(want, t.toString());
                }));
            }
        }
        return tests.stream();
    }
}
