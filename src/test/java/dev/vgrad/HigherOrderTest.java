package dev.vgrad;

import static dev.vgrad.AutogradFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradients of gradients (createGraph) and torch.autograd.functional, against PyTorch's numbers. */
class HigherOrderTest {
    private static final float RTOL = 1e-4f, ATOL = 1e-5f;

    private static Tensor gradOf(Tensor y, Tensor x, boolean createGraph) {
        return Autograd.grad(List.of(y), List.of(x), null, createGraph, createGraph).get(0);
    }

    @Test
    void polynomialDerivativesToThirdOrder() {
        Map<String, Tensor> c = AutogradFixtures.get("polynomial");
        Tensor x = c.get("x").requiresGrad_();
        Tensor y = x.pow(4).mul(2).add(x.pow(3)).add(x.pow(2).mul(3)).add(x.mul(5)).add(1);
        Tensor d1 = gradOf(y.sum(), x, true);
        Tensor d2 = gradOf(d1.sum(), x, true);
        Tensor d3 = gradOf(d2.sum(), x, false);
        assertClose(c.get("d1"), d1, RTOL, ATOL, "d1");
        assertClose(c.get("d2"), d2, RTOL, ATOL, "d2");
        assertClose(c.get("d3"), d3, RTOL, ATOL, "d3");
        assertTrue(d1.requiresGrad() && !d3.requiresGrad());
    }

    @Test
    void backwardWithCreateGraphLeavesADifferentiableGrad() {
        Tensor x = Tensor.scalar(2f).requiresGrad_();
        x.pow(3).backward(null, true, true);
        assertEquals(12f, x.grad().item());
        Tensor g = x.grad();
        x.setGrad(null);
        g.backward();
        assertEquals(12f, x.grad().item(), "d/dx 3x^2 = 6x");
    }

    static UnaryOperator<Tensor> activation(String name) {
        return switch (name) {
            case "sigmoid" -> Tensor::sigmoid;
            case "tanh" -> Tensor::tanh;
            case "exp" -> Tensor::exp;
            case "softmax" -> t -> t.softmax(0);
            case "log_softmax" -> t -> t.logSoftmax(0);
            case "sqrt" -> t -> t.abs().add(1).sqrt();
            case "pow3" -> t -> t.pow(3);
            case "div" -> t -> t.mul(t).add(1).rsub(0).pow(-1).neg();
            case "pow_tensor" -> t -> t.abs().add(0.5f).pow(t);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "exp", "softmax", "log_softmax", "sqrt", "pow3", "div", "pow_tensor"})
    void secondDerivativesOfActivationsMatchTorch(String name) {
        Map<String, Tensor> c = AutogradFixtures.get("second_" + name);
        UnaryOperator<Tensor> act = activation(name);
        Tensor w = c.get("w");
        UnaryOperator<Tensor> f = t -> act.apply(t).mul(w).sum();
        Tensor x = c.get("x").detach().clone().requiresGrad_();
        assertClose(c.get("grad"), gradOf(f.apply(x), x, true), RTOL, ATOL, name + " grad");
        assertClose(c.get("hessian"), Autograd.hessian(f, c.get("x")), 1e-3f, 1e-5f, name + " hessian");
    }

    @Test
    void hessianVectorProductOfAnMlpLoss() {
        Map<String, Tensor> c = AutogradFixtures.get("mlp_hvp");
        Tensor data = c.get("data"), labels = c.get("labels");
        UnaryOperator<Tensor> loss = w1 -> {
            Tensor hidden = Tensor.linear(data, w1, c.get("b1")).tanh();
            return Loss.crossEntropy(Tensor.linear(hidden, c.get("w2"), c.get("b2")), labels, Loss.Reduction.MEAN);
        };
        assertClose(c.get("hvp"), Autograd.hvp(loss, c.get("w1"), c.get("v")), 1e-3f, 1e-5f, "hvp");
    }

    @Test
    void gradientPenaltyReachesTheCriticsWeights() {
        Map<String, Tensor> c = AutogradFixtures.get("gradient_penalty");
        Tensor x = c.get("x").requiresGrad_();
        Tensor w1 = c.get("w1").requiresGrad_(), b1 = c.get("b1").requiresGrad_();
        Tensor w2 = c.get("w2").requiresGrad_(), b2 = c.get("b2").requiresGrad_();
        Tensor critic = Tensor.linear(Tensor.linear(x, w1, b1).sigmoid(), w2, b2);
        Tensor gx = gradOf(critic.sum(), x, true);
        Tensor penalty = gx.pow(2).sum(1, false).sqrt().sub(1).pow(2).mean();
        penalty.backward();
        assertClose(c.get("penalty"), penalty, RTOL, ATOL, "penalty");
        assertClose(c.get("gw1"), w1.grad(), 1e-3f, 1e-5f, "dPenalty/dw1");
        assertClose(c.get("gb1"), b1.grad(), 1e-3f, 1e-5f, "dPenalty/db1");
        assertClose(c.get("gw2"), w2.grad(), 1e-3f, 1e-5f, "dPenalty/dw2");
        assertEquals(AutogradFixtures.NONE, c.get("gb2"), "PyTorch: no gradient reaches the last bias");
        assertNull(b2.grad());
    }

    @Test
    void functionalApiMatchesTorch() {
        Map<String, Tensor> c = AutogradFixtures.get("functional");
        UnaryOperator<Tensor> f = t -> t.softmax(0).mul(t.mul(t).sum());
        Tensor x = c.get("x"), vOut = c.get("v_out"), vIn = c.get("v_in");
        assertClose(c.get("jacobian"), Autograd.jacobian(f, x), RTOL, ATOL, "jacobian");
        assertClose(c.get("vjp"), Autograd.vjp(f, x, vOut), RTOL, ATOL, "vjp");
        assertClose(c.get("jvp"), Autograd.jvp(f, x, vIn), RTOL, ATOL, "jvp");
        UnaryOperator<Tensor> scalar = t -> f.apply(t).mul(vOut).sum();
        assertClose(c.get("hessian"), Autograd.hessian(scalar, x), 1e-3f, 1e-5f, "hessian");
        assertClose(c.get("hvp"), Autograd.hvp(scalar, x, vIn), 1e-3f, 1e-5f, "hvp");
        assertClose(c.get("vhp"), Autograd.vhp(scalar, x, vIn), 1e-3f, 1e-5f, "vhp");
        assertTrue(!x.requiresGrad() && x.grad() == null, "the functional API leaves its input alone");
    }

    @Test
    void batchedGradOutputsGiveOneVectorJacobianProductEach() {
        Map<String, Tensor> c = AutogradFixtures.get("functional");
        Tensor x = c.get("x").detach().clone().requiresGrad_();
        Tensor y = x.softmax(0).mul(x.mul(x).sum());
        // torch.autograd.grad(y, x, torch.eye(4), is_grads_batched=True): the Jacobian, row by row
        Tensor jac = Autograd.grad(List.of(y), List.of(x), List.of(Tensor.eye(4)), false, false, false, true).get(0);
        assertClose(c.get("jacobian"), jac, RTOL, ATOL, "batched identity rows");
        // two outputs: each batch entry's products summed over them; an unused input null under allow_unused (torch
        // 1.13 printed (tensor([[22., 40., 60.], [200., 402., 600.]]), None) for the same call)
        Tensor a = Tensor.of(1f, 2f, 3f).requiresGrad_(), unused = Tensor.of(1f).requiresGrad_();
        Tensor y1 = a.mul(2f), y2 = a.square().sum();
        List<Tensor> g = Autograd.grad(List.of(y1, y2), List.of(a, unused),
                List.of(Tensor.of(new float[] {1, 0, 0, 0, 1, 0}, 2, 3), Tensor.of(10f, 100f)), false, false, true,
                true);
        assertClose(Tensor.of(new float[] {22, 40, 60, 200, 402, 600}, 2, 3), g.get(0), 0f, 0f, "two outputs");
        assertNull(g.get(1));
        Tensor b = Tensor.of(1f, 2f).requiresGrad_();
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(List.of(b.mul(2f)), List.of(b),
                List.of(Tensor.ones(3)), false, false, false, true));
    }

    @Test
    void functionalApiRefusesWhatTorchRefuses() {
        Tensor x = Tensor.of(1f, 2f);
        assertThrows(IllegalArgumentException.class, () -> Autograd.hessian(t -> t.mul(2), x));
        assertThrows(IllegalArgumentException.class, () -> Autograd.vjp(t -> t.mul(2), x, null));
        assertThrows(IllegalArgumentException.class, () -> Autograd.jvp(t -> t.mul(2), x, Tensor.ones(3)));
        assertClose(Tensor.zeros(2, 2), Autograd.jacobian(t -> Tensor.ones(2), x), 0f, 0f, "constant function");
    }

    @Test
    void secondBackwardThroughACreatedGraphNeedsRetainGraph() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor g = gradOf(x.pow(3).sum(), x, true);
        Tensor gg = Autograd.grad(List.of(g.sum()), List.of(x), null, true, false).get(0);
        assertNotNull(gg);
        assertClose(Tensor.of(6f, 12f), gg, 0f, 0f, "6x");
    }
}
