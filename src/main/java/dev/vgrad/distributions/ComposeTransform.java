package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.ArrayList;
import java.util.List;

/**
 * Transforms applied one after another, as {@code torch.distributions.transforms.ComposeTransform}: the inverse runs
 * them backwards, log |det J| sums each part's over the event dimensions the composition takes as one event, and the
 * event dimensions are the largest any part needs, counted as PyTorch counts them.
 */
public final class ComposeTransform extends Transform {
    /** The identity map (PyTorch's {@code identity_transform}): no parts. */
    public static final ComposeTransform IDENTITY = new ComposeTransform(List.of());

    private final List<Transform> parts;

    /** The parts, first applied first; none is the identity. */
    public ComposeTransform(List<Transform> parts) {
        this(parts, 0);
    }

    /** With PyTorch's cache_size (0 or 1) for the whole composition. */
    public ComposeTransform(List<Transform> parts, int cacheSize) {
        super(cacheSize);
        this.parts = List.copyOf(parts);
    }

    /** The parts, in order. */
    public List<Transform> parts() {
        return parts;
    }

    /** A composition of the same maps in the same order. */
    @Override
    public boolean sameAs(Transform other) {
        if (!(other instanceof ComposeTransform o) || o.parts.size() != parts.size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).sameAs(o.parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected Tensor forward(Tensor x) {
        for (Transform part : parts) {
            x = part.call(x);
        }
        return x;
    }

    @Override
    protected Tensor inverse(Tensor y) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            y = parts.get(i).inv(y);
        }
        return y;
    }

    /** The first part's domain, its event widened to the largest any part needs, counted back from the last. */
    @Override
    public Constraint domain() {
        if (parts.isEmpty()) {
            return Constraints.REAL;
        }
        int eventDim = parts.get(parts.size() - 1).codomainEventDim();
        for (int i = parts.size() - 1; i >= 0; i--) {
            Transform part = parts.get(i);
            eventDim = Math.max(eventDim + part.domainEventDim() - part.codomainEventDim(), part.domainEventDim());
        }
        return widened(parts.get(0).domain(), eventDim);
    }

    /** The last part's codomain, its event widened to the largest any part makes, counted from the first. */
    @Override
    public Constraint codomain() {
        if (parts.isEmpty()) {
            return Constraints.REAL;
        }
        int eventDim = parts.get(0).domainEventDim();
        for (Transform part : parts) {
            eventDim = Math.max(eventDim + part.codomainEventDim() - part.domainEventDim(), part.codomainEventDim());
        }
        return widened(parts.get(parts.size() - 1).codomain(), eventDim);
    }

    private static Constraint widened(Constraint c, int eventDim) {
        return eventDim > c.eventDim() ? Constraints.independent(c, eventDim - c.eventDim()) : c;
    }

    /** Whether every part is (none: the identity, which is). */
    @Override
    public boolean bijective() {
        return parts.stream().allMatch(Transform::bijective);
    }

    /** PyTorch's repr: one part a line, indented by four. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ComposeTransform(\n    ");
        for (int i = 0; i < parts.size(); i++) {
            s.append(i > 0 ? ",\n    " : "").append(parts.get(i));
        }
        return s.append("\n)").toString();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        if (parts.isEmpty()) {
            return Tensor.zeros(x.shape());
        }
        List<Tensor> xs = new ArrayList<>();
        xs.add(x);
        for (int i = 0; i < parts.size() - 1; i++) {
            xs.add(parts.get(i).call(xs.get(i)));
        }
        xs.add(y);
        Tensor result = null;
        int eventDim = domainEventDim();
        for (int i = 0; i < parts.size(); i++) {
            Transform part = parts.get(i);
            Tensor term = TransformedDistribution.sumRightmost(part.logAbsDetJacobian(xs.get(i), xs.get(i + 1)),
                    eventDim - part.domainEventDim());
            eventDim += part.codomainEventDim() - part.domainEventDim();
            result = result == null ? term : result.add(term);
        }
        return result;
    }

    @Override
    public int[] forwardShape(int[] shape) {
        for (Transform part : parts) {
            shape = part.forwardShape(shape);
        }
        return shape;
    }

    @Override
    public int[] inverseShape(int[] shape) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            shape = parts.get(i).inverseShape(shape);
        }
        return shape;
    }

    @Override
    public int sign() {
        int sign = 1;
        for (Transform part : parts) {
            sign *= part.sign();
        }
        return sign;
    }

    @Override
    public Tensor signTensor() {
        return TransformedDistribution.signOf(parts);
    }
}
