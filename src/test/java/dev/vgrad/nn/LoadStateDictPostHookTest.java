package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Module.registerLoadStateDictPostHook as PyTorch 1.13 runs it (the same program in torch: a child's hook, then its
 * parent's; the child's sees missing [1.bias], unexpected [extra] and its weight already loaded; what the hooks remove
 * a strict load no longer refuses); and, vgrad's own rule, a strict load the hooks leave refusing changes nothing.
 */
class LoadStateDictPostHookTest {
    private static Sequential model(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(2, 3, g), new Linear(3, 1, g));
    }

    private static Map<String, Tensor> partialState() {
        Map<String, Tensor> state = new LinkedHashMap<>(model(1).stateDict());
        state.remove("1.bias");
        state.put("extra", Tensor.ones(1));
        return state;
    }

    @Test
    void hooksRunChildFirstSeeLoadedValuesAndMayClearKeys() {
        Sequential m = model(0);
        Map<String, Tensor> state = partialState();
        List<String> order = new ArrayList<>();
        Linear second = (Linear) m.get(1);
        second.registerLoadStateDictPostHook((mod, keys) -> {
            order.add("child " + keys.missingKeys() + " " + keys.unexpectedKeys());
            assertArrayEquals(state.get("1.weight").toArray(), ((Linear) mod).weight.toArray());
            keys.missingKeys().remove("1.bias");
        });
        m.registerLoadStateDictPostHook((mod, keys) -> {
            order.add("parent " + keys.missingKeys() + " " + keys.unexpectedKeys());
            keys.unexpectedKeys().clear();
        });
        Module.IncompatibleKeys result = m.loadStateDict(state, true);
        assertEquals(List.of("child [1.bias] [extra]", "parent [] [extra]"), order);
        assertTrue(result.missingKeys().isEmpty() && result.unexpectedKeys().isEmpty());
        assertArrayEquals(state.get("0.weight").toArray(), ((Linear) m.get(0)).weight.toArray());
    }

    @Test
    void aStrictLoadTheHooksLeaveRefusingChangesNothing() {
        Sequential m = model(0);
        float[] before = ((Linear) m.get(0)).weight.toArray();
        int[] calls = {0};
        m.registerLoadStateDictPostHook((mod, keys) -> calls[0]++);
        var e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(partialState(), true));
        assertTrue(e.getMessage().contains("missing key \"1.bias\"") && e.getMessage().contains("unexpected key "
                + "\"extra\""), e.getMessage());
        assertEquals(1, calls[0]);
        assertArrayEquals(before, ((Linear) m.get(0)).weight.toArray());
        Module.IncompatibleKeys loose = m.loadStateDict(partialState(), false);
        assertEquals(List.of("1.bias"), loose.missingKeys());
        assertEquals(2, calls[0]);
    }
}
