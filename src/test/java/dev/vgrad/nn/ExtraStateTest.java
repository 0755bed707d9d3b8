package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Module.getExtraState / setExtraState as PyTorch 1.13's get_extra_state / set_extra_state, for the same program in
 * torch (a module keeping a count beside its child Linear, in a Sequential): the state dict's names in torch's order
 * (["0._extra_state", "0.lin.weight", "0.lin.bias", "1.weight", "1.bias"]), loading hands the state back, a missing
 * one is a missing key.
 */
class ExtraStateTest {
    /** A module with extra state: a count kept beside a child layer. */
    static final class Counter extends Module {
        Tensor count = Tensor.of(3f);

        Counter(Generator g) {
            registerModule("lin", new Linear(2, 2, g));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }

        @Override
        public Tensor getExtraState() {
            return count;
        }

        @Override
        public void setExtraState(Tensor state) {
            count = state.clone();
        }
    }

    @Test
    void extraStateIsSavedAndLoadedInTorchsPlace() {
        Generator g = new Generator(1);
        Sequential m = new Sequential(new Counter(g), new Linear(2, 1, g));
        Map<String, Tensor> state = m.stateDict();
        assertEquals(List.of("0._extra_state", "0.lin.weight", "0.lin.bias", "1.weight", "1.bias"),
                List.copyOf(state.keySet()));
        Sequential other = new Sequential(new Counter(g), new Linear(2, 1, g));
        ((Counter) other.get(0)).count = Tensor.of(0f);
        other.loadStateDict(state);
        assertArrayEquals(new float[] {3f}, ((Counter) other.get(0)).count.toArray());
        Map<String, Tensor> without = new LinkedHashMap<>(state);
        without.remove("0._extra_state");
        assertEquals(List.of("0._extra_state"), other.loadStateDict(without, false).missingKeys());
        var e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(without));
        assertTrue(e.getMessage().contains("missing key \"0._extra_state\""), e.getMessage());
    }

    @Test
    void aModuleWithoutExtraStateRefusesToTakeOne() {
        var e = assertThrows(UnsupportedOperationException.class,
                () -> new Linear(2, 2, new Generator(1)).setExtraState(Tensor.of(1f)));
        assertTrue(e.getMessage().startsWith("Linear keeps no extra state"), e.getMessage());
    }
}
