package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.autograd.GradCheck;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Complex arithmetic in the view_as_real form against PyTorch 1.13's complex64 results and gradients
 * ({@code scripts/torch_complex_fixtures.py}), its edge values, and each gradient against finite differences.
 */
class ComplexTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_complex.txt");
    }

    private static void unary(String name, UnaryOperator<Tensor> op) {
        Tensor x = fx.tensor(name + ".x0").requiresGrad_();
        Tensor y = op.apply(x);
        fx.assertMatches(name + ".y", y, 2e-6f);
        y.mul(fx.tensor(name + ".w")).sum().backward();
        fx.assertMatches(name + ".g0", x.grad(), 2e-5f);
    }

    private static void binary(String name, BinaryOperator<Tensor> op) {
        Tensor a = fx.tensor(name + ".x0").requiresGrad_(), b = fx.tensor(name + ".x1").requiresGrad_();
        Tensor y = op.apply(a, b);
        fx.assertMatches(name + ".y", y, 2e-6f);
        y.mul(fx.tensor(name + ".w")).sum().backward();
        fx.assertMatches(name + ".g0", a.grad(), 2e-5f);
        fx.assertMatches(name + ".g1", b.grad(), 2e-5f);
    }

    @Test
    void arithmeticAndGradientsAsTorchs() {
        binary("div", Complex::div);
        unary("reciprocal", Complex::reciprocal);
        unary("exp", Complex::exp);
        unary("log", Complex::log);
        unary("sqrt", Complex::sqrt);
        unary("pow_2_5", z -> Complex.pow(z, 2.5f));
        unary("pow_m1_5", z -> Complex.pow(z, -1.5f));
        unary("sgn", Complex::sgn);
        binary("matmul", Complex::matmul);
        binary("matvec", Complex::matmul);
        binary("vecmat", Complex::matmul);
    }

    @Test
    void edgesAsTorchs() {
        Tensor a = fx.tensor("edge.a"), b = fx.tensor("edge.b");
        fx.assertMatches("edge.div", Complex.div(a, b), 1e-6f);
        fx.assertMatches("edge.reciprocal", Complex.reciprocal(b), 1e-6f);
        fx.assertMatches("edge.sqrt", Complex.sqrt(fx.tensor("edge.roots")), 1e-6f);
        Tensor special = fx.tensor("edge.special");
        fx.assertMatches("edge.exp", Complex.exp(special), 1e-6f);
        fx.assertMatches("edge.log", Complex.log(special), 1e-6f);
        fx.assertMatches("edge.sgn", Complex.sgn(special), 1e-6f);
        fx.assertMatches("edge.sgn_extremes", Complex.sgn(fx.tensor("edge.extremes")), 1e-6f);
        Tensor z = Tensor.zeros(2, 2).requiresGrad_();
        Complex.sgn(z).sum().backward();
        fx.assertMatches("edge.sgn_grad_at_0", z.grad(), 0f);
        z = Tensor.zeros(2, 2).requiresGrad_();
        Complex.sqrt(z).sum().backward();
        fx.assertMatches("edge.sqrt_grad_at_0", z.grad(), 0f);
    }

    @Test
    void gradientsAgreeWithFiniteDifferences() {
        Generator g = new Generator(5);
        Tensor z = Tensor.randn(g, 3, 2), b = Tensor.randn(g, 3, 2);
        for (UnaryOperator<Tensor> f : java.util.List.<UnaryOperator<Tensor>>of(t -> Complex.div(t, b),
                t -> Complex.div(b, t), Complex::reciprocal, Complex::exp, Complex::log, Complex::sqrt,
                t -> Complex.pow(t, 1.7f), Complex::sgn, t -> Complex.matmul(t.reshape(1, 3, 2), b))) {
            Tensor x = z.clone().requiresGrad_();
            GradCheck.gradcheck(ts -> f.apply(ts[0]), x);
        }
    }

    @Test
    void refusesWhatIsNotAPairTensor() {
        assertThrows(IllegalArgumentException.class, () -> Complex.exp(Tensor.ones(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> Complex.div(Tensor.ones(3, 2), Tensor.ones(3)));
    }
}
