package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorTest {
    @Test
    void readsTheFirstProcessorsVendorAndFamily() {
        Processor p = Processor.parse(List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 25",
                "model\t\t: 17", "", "processor\t: 1", "vendor_id\t: GenuineIntel", "cpu family\t: 6"));
        assertEquals("AuthenticAMD", p.vendor());
        assertEquals(25, p.family());
        assertTrue(p.splitsWideFmas());
    }

    @Test
    void onlyAmdFamily25SplitsWideFmas() {
        assertFalse(new Processor("GenuineIntel", 6).splitsWideFmas());
        assertFalse(new Processor("AuthenticAMD", 26).splitsWideFmas());
        assertFalse(new Processor("GenuineIntel", 25).splitsWideFmas());
        assertFalse(new Processor("", -1).splitsWideFmas());
    }

    @Test
    void aMissingOrMalformedFileIsUnknown(@TempDir Path dir) throws Exception {
        Processor missing = Processor.read(dir.resolve("absent"));
        assertEquals("", missing.vendor());
        assertEquals(-1, missing.family());
        Path odd = dir.resolve("cpuinfo");
        Files.writeString(odd, "vendor_id : AuthenticAMD\ncpu family : twenty-five\nno colon here\n");
        Processor malformed = Processor.read(odd);
        assertEquals("AuthenticAMD", malformed.vendor());
        assertEquals(-1, malformed.family());
        assertFalse(malformed.splitsWideFmas());
    }
}
