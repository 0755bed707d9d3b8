package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Func;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.VjpFunction;
import dev.vgrad.nn.Functional;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Func}'s transforms against functorch 1.13's values ({@code scripts/torch_func_fixtures.py}): vmap, grad,
 * grad_and_value, jacrev, jacfwd, hessian, vjp and jvp, alone and nested, per-sample gradients, and vmap's randomness.
 */
class FuncTransformsTest {
    private static final float TOL = 2e-5f;
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_func.txt");
    }

    private static void check(String key, Tensor got) {
        fx.assertMatches(key, got, TOL);
    }

    @Test
    void vmapAlone() {
        Tensor x = fx.tensor("in.x");
        Tensor y = fx.tensor("in.y");
        Tensor m = fx.tensor("in.m");
        check("vmap.sum", Func.vmap(in -> in[0].sum()).apply(x));
        check("vmap.none", Func.vmap(in -> in[0].mul(in[1].exp())).inDims(0, null).apply(x, y));
        check("vmap.dim1", Func.vmap(in -> in[0].softmax(0)).inDim(1).apply(x));
        check("vmap.out1", Func.vmap(in -> in[0].cumsum(0)).outDims(1).apply(x));
        check("vmap.neg", Func.vmap(in -> in[0].matmul(in[1])).inDims(-1, null).apply(m, y));
        var inner = Func.vmap(in -> in[0].mul(in[1]).sum()).inDims(null, 0);
        check("vmap.nested", Func.vmap(inner).inDims(0, null).apply(x, x));
        List<Tensor> both = Func.vmapAll(in -> List.of(in[0].max(), in[0].sort(0, false).get(0))).outDims(0, 1)
                .applyAll(x);
        check("vmap.multi0", both.get(0));
        check("vmap.multi1", both.get(1));
        Tensor xg = x.clone().requiresGrad_();
        Func.vmap(in -> in[0].mul(in[0]).sum().mul(in[0].tanh())).apply(xg).pow(2).sum().backward();
        check("vmap.backward", xg.grad());
    }

    @Test
    void gradAloneAndNested() {
        Tensor t = Tensor.scalar(1.7f);
        check("grad.cube", Func.grad(in -> in[0].pow(3).sub(in[0].mul(2))).apply(t));
        check("grad.grad", Func.grad(Func.grad(in -> in[0].pow(3).sub(in[0].mul(2)))).apply(t));
        // The inner grad differentiates through its own input only: d/db (a b) = a, then d/da a = 1 (not 2).
        check("grad.confusion", Func.grad(o -> Func.grad(i -> o[0].mul(i[0])).apply(o[0])).apply(t));
        Tensor x = fx.tensor("in.x");
        Tensor y = fx.tensor("in.y");
        List<Tensor> g = Func.grad(in -> in[0].sin().mul(in[1]).sum()).argnums(0, 1).applyAll(x, y);
        check("grad.a", g.get(0));
        check("grad.b", g.get(1));
        List<Tensor> aux = Func.gradWithAux(in -> List.of(in[0].mul(in[0]).sum(), in[0].mean())).applyAll(y);
        check("grad.aux.g", aux.get(0));
        check("grad.aux.aux", aux.get(1));
        List<Tensor> gv = Func.gradAndValue(in -> Functional.logsigmoid(in[0]).sum()).applyAll(y);
        check("gav.g", gv.get(0));
        check("gav.v", gv.get(1));
        assertFalse(gv.get(0).requiresGrad(), "nothing outside needs a graph");
    }

    @Test
    void gradThroughAParameterKeepsItsGraph() {
        Tensor w = fx.tensor("closure.w").requiresGrad_();
        Tensor g = Func.grad(in -> w.mul(in[0].sin()).sum().pow(2)).apply(fx.tensor("in.y"));
        check("closure.g", g);
        assertTrue(g.requiresGrad());
        g.sum().backward();
        check("closure.wgrad", w.grad());
    }

    @Test
    void perSampleGradients() {
        Tensor w = fx.tensor("ps.W");
        Tensor b = fx.tensor("ps.b");
        var loss = Func.grad(in -> Functional.mseLoss(in[2].matmul(in[0].t()).add(in[1]).tanh(), in[3])).argnums(0, 1);
        List<Tensor> g = Func.vmapAll(loss).inDims(null, null, 0, 0).applyAll(w, b, fx.tensor("ps.X"), fx.tensor("ps.Y"));
        check("ps.gW", g.get(0));
        check("ps.gb", g.get(1));
    }

    @Test
    void perSampleGradientsOfAModuleMatchOneBackwardASample() {
        var model = new dev.vgrad.nn.Sequential(new dev.vgrad.nn.Linear(5, 4, new Generator(3)),
                new dev.vgrad.nn.Tanh(), new dev.vgrad.nn.Linear(4, 2, new Generator(4)));
        List<String> names = List.copyOf(model.namedParameters().keySet());
        List<Tensor> params = List.copyOf(model.namedParameters().values());
        Tensor x = Tensor.randn(new Generator(5), 7, 5);
        Tensor y = Tensor.randn(new Generator(6), 7, 2);
        int n = params.size();
        var loss = Func.grad(in -> {
            var state = new java.util.LinkedHashMap<String, Tensor>();
            for (int i = 0; i < n; i++) {
                state.put(names.get(i), in[i]);
            }
            Tensor out = dev.vgrad.nn.utils.Stateless.functionalCall(model, state, in[n].unsqueeze(0));
            return Functional.mseLoss(out, in[n + 1].unsqueeze(0));
        }).argnums(java.util.stream.IntStream.range(0, n).toArray());
        Integer[] dims = new Integer[n + 2];
        dims[n] = 0;
        dims[n + 1] = 0;
        Tensor[] args = params.toArray(new Tensor[n + 2]);
        args[n] = x;
        args[n + 1] = y;
        List<Tensor> perSample = Func.vmapAll(loss).inDims(dims).applyAll(args);
        for (int s = 0; s < 7; s++) {
            model.zeroGrad();
            Functional.mseLoss(model.call(x.narrow(0, s, 1)), y.narrow(0, s, 1)).backward();
            for (int i = 0; i < n; i++) {
                assertArrayEquals(params.get(i).grad().toArray(), perSample.get(i).select(0, s).toArray(), 1e-6f,
                        names.get(i) + ", sample " + s);
            }
        }
    }

    @Test
    void jacobians() {
        Tensor z = fx.tensor("jac.z");
        Tensor y = fx.tensor("in.y");
        Tensor m = fx.tensor("in.m");
        check("jac.rev", Func.jacrev(in -> in[0].sin().mul(in[0].sum())).apply(z));
        check("jac.fwd", Func.jacfwd(in -> in[0].sin().mul(in[0].sum())).apply(z));
        List<Tensor> j = Func.jacrev(in -> in[0].exp().mul(in[1].sum()).add(in[1].narrow(0, 0, 3))).argnums(0, 1)
                .applyAll(z, y);
        check("jac.a", j.get(0));
        check("jac.b", j.get(1));
        check("jac.matrix", Func.jacrev(in -> in[0].matmul(in[0].t())).apply(m.select(0, 0)));
        check("hess.cube", Func.hessian(in -> in[0].pow(3).sum().add(in[0].select(0, 0).mul(in[0].select(0, 1))
                .mul(in[0].select(0, 2)))).apply(z));
        check("hess.lse", Func.hessian(in -> in[0].logsumexp(0, false)).apply(z));
        check("hess.arg1", Func.hessian(in -> in[0].mul(in[1].tanh()).sum().mul(in[1].sum()), 1).apply(y, y.flip(0)));
        Tensor cols = m.select(2, 0);
        check("jac.vmap", Func.jacrev(Func.vmap(in -> in[0].softmax(0))).apply(cols));
        check("jac.unused", Func.jacrev(in -> in[0].exp()).argnums(0, 1).applyAll(z, y).get(1));
        check("jac.constant", Func.jacrev(in -> Tensor.ones(2, 2)).apply(z));
    }

    @Test
    void vjpAndJvp() {
        Tensor z = fx.tensor("jac.z");
        VjpFunction pull = Func.vjp(in -> in[0].mul(in[1].sin()).add(in[0].sum()), z, z.cos());
        check("vjp.out", pull.output());
        List<Tensor> v = pull.apply(fx.tensor("vjp.ct"));
        check("vjp.a", v.get(0));
        check("vjp.b", v.get(1));
        check("vjp.a", pull.apply(fx.tensor("vjp.ct")).get(0));
        Tensor t = fx.tensor("jvp.t");
        List<Tensor> j = Func.jvp(in -> in[0].exp().mul(in[0].sum()), new Tensor[] {z}, new Tensor[] {t});
        check("jvp.out", j.get(0));
        check("jvp.jt", j.get(1));
        List<Tensor> j2 = Func.jvp(in -> in[0].mul(in[1]), new Tensor[] {z, z.cos()}, new Tensor[] {t, t.flip(0)});
        check("jvp2.jt", j2.get(1));
    }

    @Test
    void auxiliaryOutputs() {
        Tensor z = fx.tensor("jac.z");
        List<Tensor> j = Func.jacrevWithAux(in -> List.of(in[0].tanh().mul(in[0].select(0, 0)), in[0].norm()))
                .applyAll(z);
        check("aux.jac", j.get(0));
        check("aux.jac.aux", j.get(1));
        VjpFunction pull = Func.vjpWithAux(in -> List.of(in[0].sigmoid(), in[0].sum().mul(2)), z);
        check("aux.vjp", pull.apply(fx.tensor("vjp.ct")).get(0));
        check("aux.vjp.aux", pull.aux().get(0));
        List<Tensor> jt = Func.jvpWithAux(in -> List.of(in[0].log1p().exp2(), in[0].max()), new Tensor[] {z.abs()},
                new Tensor[] {fx.tensor("jvp.t")});
        check("aux.jvp", jt.get(1));
        check("aux.jvp.aux", jt.get(2));
    }

    @Test
    void randomness() {
        Tensor x = fx.tensor("in.x");
        Generator.defaultGenerator().manualSeed(13);
        check("rand.same", Func.vmap(in -> in[0].add(Tensor.rand(5))).randomness("same").apply(x));
        check("rand.same.after", Tensor.rand(2));
        Generator.defaultGenerator().manualSeed(13);
        check("rand.different", Func.vmap(in -> in[0].add(Tensor.rand(5))).randomness("different").apply(x));
        check("rand.different.after", Tensor.rand(2));
        Generator.defaultGenerator().manualSeed(14);
        check("rand.dropout", Func.vmap(in -> Functional.dropout(in[0], 0.5f, true, Generator.defaultGenerator()))
                .randomness("same").apply(Tensor.ones(3, 8)));
    }

    @Test
    void underNoGradTheTransformsStillDifferentiate() {
        try (var off = GradMode.noGrad()) {
            Tensor g = Func.grad(in -> in[0].pow(3).sum()).apply(Tensor.of(2f, 3f));
            assertArrayEquals(new float[] {12f, 27f}, g.toArray());
            assertFalse(g.requiresGrad());
        }
    }
}
