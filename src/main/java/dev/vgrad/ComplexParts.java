package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;

/**
 * The magnitude and phase of complex tensors written as pairs [..., 2] ({@link Fft#abs}, {@link Fft#angle}), with
 * PyTorch's gradients for complex abs and angle: {@code g z / |z|} and {@code g (-im, re) / |z|^2}, both 0 at z = 0
 * (where the real hypot and atan2 they are computed with would give 0 / 0).
 */
final class ComplexParts {
    private ComplexParts() {}

    static Tensor abs(Tensor z) {
        Tensor result;
        try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
            result = z.select(-1, 0).hypot(z.select(-1, 1));
        }
        if (!Graph.recording(z)) {
            return result;
        }
        result.setGradFn(new Node("AbsBackward0", z) {
            private final SavedTensor saved = save(z);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor zs = saved.get();
                Tensor magnitude = zs.select(-1, 0).hypot(zs.select(-1, 1));
                return grads(g.unsqueeze(-1).mul(zs).div(nonZero(magnitude).unsqueeze(-1)));
            }
        });
        return result;
    }

    static Tensor angle(Tensor z) {
        Tensor result;
        try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
            result = z.select(-1, 1).atan2(z.select(-1, 0));
        }
        if (!Graph.recording(z)) {
            return result;
        }
        result.setGradFn(new Node("AngleBackward0", z) {
            private final SavedTensor saved = save(z);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor zs = saved.get();
                Tensor re = zs.select(-1, 0), im = zs.select(-1, 1);
                Tensor squared = nonZero(re.square().add(im.square()));
                Tensor turned = Tensor.stack(java.util.List.of(im.neg(), re), -1);
                return grads(g.unsqueeze(-1).mul(turned).div(squared.unsqueeze(-1)));
            }
        });
        return result;
    }

    /** x with its zeros made ones: a divisor whose numerator is 0 wherever x is, so those quotients are 0. */
    private static Tensor nonZero(Tensor x) {
        return Tensor.where(x.eq(0f), Tensor.scalar(1f), x);
    }
}
