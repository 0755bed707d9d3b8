package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Refused calls name the op the caller called and what was wrong, and change nothing. */
class ErrorMessagesTest {
    @Test
    void addcmulAndAddcdivNameThemselves() {
        Tensor self = Tensor.zeros(3);
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> self.addcmul_(Tensor.zeros(2), Tensor.zeros(3), 1f));
        assertTrue(e.getMessage().startsWith("addcmul_: ") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> self.addcdiv_(Tensor.zeros(3), Tensor.zeros(2), 1f));
        assertTrue(e.getMessage().startsWith("addcdiv_: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> self.addcmul(Tensor.zeros(2), Tensor.zeros(3), 1f));
        assertTrue(e.getMessage().startsWith("addcmul: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> self.addcmul_(Tensor.zeros(2, 3), Tensor.zeros(3), 1f));
        assertTrue(e.getMessage().startsWith("addcmul_: output with shape [3]"), e.getMessage());
        assertArrayEquals(new float[3], self.toArray());
    }

    @Test
    void writingAnExpandedTensorInPlaceGivesTheOverlapErrorNamingTheOp() {
        Tensor expanded = Tensor.ones(3).expand(2, 3);
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> expanded.add_(1f));
        assertTrue(e.getMessage().startsWith("add_: unsupported operation: more than one element"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> expanded.mul_(2f));
        assertTrue(e.getMessage().startsWith("mul_: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> expanded.fill_(2f));
        assertTrue(e.getMessage().startsWith("fill_: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> expanded.addcmul_(Tensor.ones(3), Tensor.ones(3), 1f));
        assertTrue(e.getMessage().startsWith("addcmul_: unsupported operation"), e.getMessage());
        // an expanded view of a leaf that requires grad: autograd's refusal comes first, as in PyTorch
        Tensor leafView = Tensor.ones(3).requiresGrad_().expand(2, 3);
        e = assertThrows(IllegalStateException.class, () -> leafView.add_(1f));
        assertTrue(e.getMessage().contains("a view of a leaf Variable that requires grad"), e.getMessage());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, expanded.toArray());
    }

    @Test
    void arangeReportsTheCountItWasAskedFor() {
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0f, 1e10f, 1f));
        assertTrue(e.getMessage().startsWith("arange: ") && e.getMessage().contains("10000000000 elements"), e.getMessage());
    }

    @Test
    void nullDataIsNamed() {
        RuntimeException e = assertThrows(NullPointerException.class, () -> Tensor.of(null, 2));
        assertTrue(e.getMessage().contains("Tensor.of") && e.getMessage().contains("values"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> Tensor.of((float[]) null));
        assertTrue(e.getMessage().contains("Tensor.of"), e.getMessage());
    }
}
