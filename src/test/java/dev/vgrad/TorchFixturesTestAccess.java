package dev.vgrad;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Lets tests in other packages replay the PyTorch programs. */
public final class TorchFixturesTestAccess {
    private TorchFixturesTestAccess() {}

    public static List<List<String>> programs() throws IOException {
        return TorchFixturesTest.read("/fixtures/torch_programs.txt");
    }

    /** A fixture file, committed or (with {@code -Dvgrad.fixtures.dir}) drawn under another seed; null if absent. */
    public static InputStream open(String resource) throws IOException {
        return TorchFixturesTest.open(resource);
    }

    public static void replay(List<String> program) {
        TorchFixturesTest.replay(program);
    }

    /** The programs' comparison: 1e-4 relative, plus 1e-5 of the largest expected magnitude. */
    public static void assertClose(String what, float[] expected, float[] actual) {
        TorchFixturesTest.assertClose(what, expected, actual);
    }
}
