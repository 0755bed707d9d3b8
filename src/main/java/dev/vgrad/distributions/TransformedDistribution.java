package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A base distribution pushed through transforms, as {@code torch.distributions.TransformedDistribution}: a draw is
 * the base's draw sent through each transform in turn; logProb inverts them last to first, subtracting each one's
 * log |det J| summed over the event dimensions, and adds the base's logProb; cdf and icdf go through the transforms'
 * monotone maps and signs. Shapes as PyTorch's: the transforms' event dimensions reinterpret the base's rightmost batch
 * dimensions as event dimensions where they need more ({@link Independent}), and batch and event shape split the
 * transformed shape where the larger of the two event dimensions says. A transform whose parameters broaden the base's
 * shape expands the base ({@link Distribution#expand}), as PyTorch's. PyTorch defines no mean, variance or entropy for
 * it; neither does this.
 */
public class TransformedDistribution extends Distribution {
    private final Distribution base;
    private final List<Transform> transforms;
    private final int[] eventShape;

    /** The base pushed through the transforms, first applied first. */
    public TransformedDistribution(Distribution base, Transform... transforms) {
        this(base, List.of(transforms));
    }

    /** The base pushed through the list of transforms, first applied first. */
    public TransformedDistribution(Distribution base, List<Transform> transforms) {
        this(Shapes.of(base, transforms), transforms);
    }

    private TransformedDistribution(Shapes shapes, List<Transform> transforms) {
        super(shapes.batch);
        this.base = shapes.base;
        this.transforms = List.copyOf(transforms);
        this.eventShape = shapes.event;
    }

    /** The shapes PyTorch's constructor works out, and the base as it wraps it. */
    private static final class Shapes {
        final Distribution base;
        final int[] batch;
        final int[] event;

        private Shapes(Distribution base, int[] batch, int[] event) {
            this.base = base;
            this.batch = batch;
            this.event = event;
        }

        static Shapes of(Distribution base, List<Transform> transforms) {
            ComposeTransform all = new ComposeTransform(transforms);
            int[] baseShape = concat(base.batchShape(), base.eventShape());
            int baseEventDim = base.eventShape().length;
            int domainEventDim = all.domainEventDim();
            if (baseShape.length < domainEventDim) {
                throw new IllegalArgumentException("base_distribution needs to have shape with size at least "
                        + domainEventDim + ", but got " + Arrays.toString(baseShape) + ".");
            }
            int[] shape = all.forwardShape(baseShape);
            int[] expanded = all.inverseShape(shape);
            if (!Arrays.equals(baseShape, expanded)) {
                // a transform's parameters broaden the shape: the base is expanded to match, as PyTorch's
                base = base.expand(Arrays.copyOf(expanded, expanded.length - baseEventDim));
            }
            Distribution wrapped = domainEventDim > baseEventDim
                    ? new Independent(base, domainEventDim - baseEventDim) : base;
            int eventDim = all.codomainEventDim() + Math.max(baseEventDim - domainEventDim, 0);
            int cut = shape.length - eventDim;
            return new Shapes(wrapped, Arrays.copyOf(shape, cut), Arrays.copyOfRange(shape, cut, shape.length));
        }
    }

    /** The base distribution (PyTorch's {@code base_dist}, wrapped in Independent where the transforms need it). */
    public Distribution base() {
        return base;
    }

    /** The transforms, first applied first. */
    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public int[] eventShape() {
        return eventShape.clone();
    }

    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            Tensor x = base.sample(g, sampleShape);
            for (Transform t : transforms) {
                x = t.call(x);
            }
            return x;
        }
    }

    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor x = base.rsample(g, sampleShape);
        for (Transform t : transforms) {
            x = t.call(x);
        }
        return x;
    }

    @Override
    public Tensor logProb(Tensor value) {
        int eventDim = eventShape.length;
        Tensor logProb = null;
        Tensor y = value;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            Transform t = transforms.get(i);
            Tensor x = t.inv(y);
            eventDim += t.domainEventDim() - t.codomainEventDim();
            Tensor term = sumRightmost(t.logAbsDetJacobian(x, y), eventDim - t.domainEventDim());
            logProb = logProb == null ? term.neg() : logProb.sub(term);
            y = x;
        }
        Tensor baseTerm = sumRightmost(base.logProb(y), eventDim - base.eventShape().length);
        return logProb == null ? baseTerm : logProb.add(baseTerm);
    }

    /** The base's cdf at the transforms' inverse, turned over where the composition decreases (PyTorch's). */
    @Override
    public Tensor cdf(Tensor value) {
        for (int i = transforms.size() - 1; i >= 0; i--) {
            value = transforms.get(i).inv(value);
        }
        return monotonize(base.cdf(value));
    }

    @Override
    public Tensor icdf(Tensor value) {
        value = base.icdf(monotonize(value));
        for (Transform t : transforms) {
            value = t.call(value);
        }
        return value;
    }

    private Tensor monotonize(Tensor value) {
        Tensor sign = signOf(transforms);
        if (sign != null) {
            return sign.mul(value.sub(0.5f)).add(0.5f);
        }
        int s = 1;
        for (Transform t : transforms) {
            s *= t.sign();
        }
        return s == 1 ? value : value.sub(0.5f).mul((float) s).add(0.5f);
    }

    /** Refused: PyTorch's TransformedDistribution has no entropy. */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("TransformedDistribution has no entropy (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** Refused: PyTorch's TransformedDistribution has no mean. */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("TransformedDistribution has no mean (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** Refused: PyTorch's TransformedDistribution has no variance. */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("TransformedDistribution has no variance (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** The sum over the {@code dims} rightmost dimensions (PyTorch's {@code _sum_rightmost}); 0 of them: unchanged. */
    static Tensor sumRightmost(Tensor value, int dims) {
        if (dims == 0) {
            return value;
        }
        int[] shape = value.shape();
        int[] rows = Arrays.copyOf(shape, shape.length - dims + 1);
        rows[rows.length - 1] = -1;
        return value.reshape(rows).sum(-1, false);
    }

    /** The product of the transforms' signs where any is a tensor (a tensor); null where every sign is a number. */
    static Tensor signOf(List<Transform> parts) {
        Tensor tensor = null;
        int number = 1;
        for (Transform part : parts) {
            Tensor s = part.signTensor();
            if (s != null) {
                tensor = tensor == null ? s : tensor.mul(s);
            } else {
                number *= part.sign();
            }
        }
        return tensor == null ? null : number == 1 ? tensor : tensor.mul((float) number);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The last transform's codomain, widened to the event shape (the base's support without transforms). */
    @Override
    public Constraint support() {
        if (transforms.isEmpty()) {
            return base.support();
        }
        Constraint s = transforms.get(transforms.size() - 1).codomain();
        return eventShape.length > s.eventDim() ? Constraints.independent(s, eventShape.length - s.eventDim()) : s;
    }

    /** Whether the base has one. */
    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }
}
