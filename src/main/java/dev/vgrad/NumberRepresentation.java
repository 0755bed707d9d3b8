package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import java.util.List;

/**
 * Ops on how a float is represented: frexp (mantissa and exponent), ldexp (x times a power of two), nextafter (the
 * neighbouring float) and float_power (pow evaluated in double, PyTorch's answer to float pow's rounding, here rounded
 * once back to float since vgrad's tensors are float). Gradients are PyTorch's, written in differentiable ops;
 * nextafter's is refused, as PyTorch refuses it.
 */
final class NumberRepresentation {
    private NumberRepresentation() {}

    /**
     * torch.frexp: [mantissa, exponent] with x = mantissa * 2^exponent, |mantissa| in [0.5, 1) (subnormals too); 0,
     * infinities and NaN keep themselves as mantissa with exponent 0. The mantissa's gradient is g / 2^exponent.
     */
    static List<Tensor> frexp(Tensor x) {
        float[] v = x.toArray(), mantissa = new float[v.length], exponent = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            float f = v[i];
            int e = 0;
            if (f != 0f && Float.isFinite(f)) {
                int shift = Math.abs(f) < Float.MIN_NORMAL ? 24 : 0;   // a subnormal, scaled up to a normal first
                e = Math.getExponent(Math.scalb(f, shift)) + 1 - shift;
            }
            mantissa[i] = e == 0 ? f : Math.scalb(f, -e);
            exponent[i] = e;
        }
        Tensor m = Tensor.of(mantissa, x.shape()), exp = Tensor.of(exponent, x.shape());
        if (Graph.recording(x)) {
            m.setGradFn(new Node("FrexpBackward0", x) {
                private final SavedTensor savedExponent = save(exp);

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(g.div(savedExponent.get().exp2()));
                }
            });
        }
        return List.of(m, exp);
    }

    /** torch.ldexp: {@code x * 2^other}, broadcasting; differentiable in both (through mul and pow). */
    static Tensor ldexp(Tensor x, Tensor other) {
        return x.mul(Tensor.scalar(2f).pow(other));
    }

    /** torch.nextafter: the float next to each x in the direction of other (other itself where they are equal). */
    static Tensor nextafter(Tensor x, Tensor other) {
        Tensor out = Compute.zipDouble("nextafter", x, other, (a, b) -> Math.nextAfter((float) a, b));
        return Graph.recordUndifferentiable(out, "nextafter", x, other);
    }

    /**
     * torch.float_power: {@code x ^ exponent} computed in double, broadcasting, rounded once to float. Gradients as
     * pow's: {@code g e x^(e-1)} (0 where e == 0) and {@code g x^e log(x)} (0 where x == 0 and e >= 0).
     */
    static Tensor floatPower(Tensor x, Tensor exponent) {
        Tensor out = Compute.zipDouble("float_power", x, exponent, dev.vgrad.kernels.ScalarMath::powAsC);
        if (!Graph.recording(x, exponent)) {
            return out;
        }
        int[] sx = x.shape, se = exponent.shape;
        out.setGradFn(new Node("PowBackward1", x, exponent) {
            private final SavedTensor savedX = save(x), savedE = save(exponent), savedOut = saveOutput(out);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor a = savedX.get(), e = savedE.get(), gx = null, ge = null;
                if (needsGrad(0)) {
                    gx = Reduction.sumTo(Pointwise.zeroUnless(g.mul(e.mul(floatPower(a, e.sub(1f)))), e.ne(0f)), sx);
                }
                if (needsGrad(1)) {
                    Tensor keep = a.ne(0f).logicalOr(e.lt(0f));
                    ge = Reduction.sumTo(Pointwise.zeroUnless(g.mul(savedOut.get().mul(a.log())), keep), se);
                }
                return grads(gx, ge);
            }
        });
        return out;
    }
}
