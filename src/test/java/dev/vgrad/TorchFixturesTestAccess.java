package dev.vgrad;

import java.io.IOException;
import java.util.List;

/** Lets tests in other packages replay the PyTorch programs. */
public final class TorchFixturesTestAccess {
    private TorchFixturesTestAccess() {}

    public static List<List<String>> programs() throws IOException {
        return TorchFixturesTest.read("/fixtures/torch_programs.txt");
    }

    public static void replay(List<String> program) {
        TorchFixturesTest.replay(program);
    }

    /** The programs' comparison: 1e-4 relative, plus 1e-5 of the largest expected magnitude. */
    public static void assertClose(String what, float[] expected, float[] actual) {
        TorchFixturesTest.assertClose(what, expected, actual);
    }
}
