package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * toString under {@link Tensor#setPrintoptions} against PyTorch 1.13's reprs under the same torch.set_printoptions
 * calls, made one after another as the script made them ({@code scripts/torch_printoptions_fixtures.py}).
 */
class PrintOptionsTest {
    private static PrintOptions options(String[] f) {
        PrintOptions o = new PrintOptions();
        if (!f[1].equals("-")) {
            o.precision(Integer.parseInt(f[1]));
        }
        if (!f[2].equals("-")) {
            o.threshold(Double.parseDouble(f[2]));
        }
        if (!f[3].equals("-")) {
            o.edgeitems(Integer.parseInt(f[3]));
        }
        if (!f[4].equals("-")) {
            o.linewidth(Integer.parseInt(f[4]));
        }
        if (!f[5].equals("-")) {
            o.profile(f[5]);
        }
        if (!f[6].equals("-")) {
            o.sciMode(f[6].equals("1"));
        }
        return o;
    }

    @Test
    void printsAsTorchUnderEachSetOfOptions() throws IOException {
        PrintOptions saved = PrintOptions.current();
        List<String> failures = new ArrayList<>();
        int reprs = 0;
        String in = "";
        var stream = getClass().getResourceAsStream("/fixtures/torch_printoptions.txt");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("options ")) {
                    Tensor.setPrintoptions(options(line.split(" ")));
                    in = line;
                    continue;
                }
                if (!line.startsWith("repr ")) {
                    continue;
                }
                String[] f = line.split(" ");
                Tensor t = Tensor.of(TorchFixturesTest.floats(f, 3), TorchFixturesTest.shape(f[1]));
                if (f[2].equals("1")) {
                    t.requiresGrad_();
                }
                StringBuilder want = new StringBuilder();
                for (String l; !(l = r.readLine()).equals("endrepr"); ) {
                    want.append(want.length() > 0 ? "\n" : "").append(l);
                }
                reprs++;
                String got = t.toString();
                if (!got.equals(want.toString())) {
                    failures.add(in + "\ntorch:\n" + want + "\nvgrad:\n" + got);
                }
            }
        } finally {
            Tensor.setPrintoptions(saved);
        }
        assertEquals(13 * 13, reprs);
        assertEquals(List.of(), failures);
    }

    @Test
    void currentRestoresWhatWasInForce() {
        PrintOptions saved = PrintOptions.current();
        Tensor t = Tensor.of(1.23456f, 20000f);
        String before = t.toString();
        try {
            Tensor.setPrintoptions(new PrintOptions().precision(1).sciMode(false));
            assertEquals("tensor([    1.2, 20000.0])", t.toString());
            Tensor.setPrintoptions(new PrintOptions());
            assertEquals(1, PrintOptions.current().precision(), "precision stays");
            assertNull(PrintOptions.current().sciMode(), "the notation goes back to chosen by the values");
        } finally {
            Tensor.setPrintoptions(saved);
        }
        assertEquals(before, t.toString());
    }

    @Test
    void refusesWhatWouldNotPrint() {
        assertThrows(IllegalArgumentException.class, () -> new PrintOptions().precision(-1));
        assertThrows(IllegalArgumentException.class, () -> new PrintOptions().edgeitems(0));
        assertThrows(IllegalArgumentException.class, () -> new PrintOptions().profile("long"));
        assertThrows(IllegalArgumentException.class, () -> new PrintOptions().threshold(Double.NaN));
    }
}
