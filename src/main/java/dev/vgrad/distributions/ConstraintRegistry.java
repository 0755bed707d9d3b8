package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Bound;
import dev.vgrad.distributions.constraints.Cat;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.CorrCholesky;
import dev.vgrad.distributions.constraints.GreaterThan;
import dev.vgrad.distributions.constraints.GreaterThanEq;
import dev.vgrad.distributions.constraints.HalfOpenInterval;
import dev.vgrad.distributions.constraints.IndependentConstraint;
import dev.vgrad.distributions.constraints.Interval;
import dev.vgrad.distributions.constraints.LessThan;
import dev.vgrad.distributions.constraints.LowerCholesky;
import dev.vgrad.distributions.constraints.Real;
import dev.vgrad.distributions.constraints.Simplex;
import dev.vgrad.distributions.constraints.Stack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Transforms from the real line onto a constraint, as {@code torch.distributions.constraint_registry}:
 * {@link #BIJECT_TO} gives a bijective one (for HMC and the like), {@link #TRANSFORM_TO} one that need not be (softmax
 * for the simplex, the lower-Cholesky map), for optimising a constrained parameter through an unconstrained one:
 * {@code scale = TRANSFORM_TO.call(Normal's "scale" constraint).call(u)}. Both key on the constraint's class, as
 * PyTorch's do, so the factories registered for {@code greater_than} also serve {@code positive}: both give
 * {@code ComposeTransform(ExpTransform(), AffineTransform(lower, 1))}, as in PyTorch.
 */
public final class ConstraintRegistry {
    /** PyTorch's {@code biject_to}. */
    public static final ConstraintRegistry BIJECT_TO = new ConstraintRegistry(true);
    /** PyTorch's {@code transform_to}. */
    public static final ConstraintRegistry TRANSFORM_TO = new ConstraintRegistry(false);

    private final Map<Class<? extends Constraint>, Function<Constraint, Transform>> factories =
            new ConcurrentHashMap<>();

    private ConstraintRegistry(boolean bijective) {
        register(Real.class, c -> ComposeTransform.IDENTITY);
        register(IndependentConstraint.class, c -> {
            IndependentConstraint ic = (IndependentConstraint) c;
            return new IndependentTransform(call(ic.baseConstraint()), ic.reinterpretedBatchNdims());
        });
        register(GreaterThan.class, c -> exp(((GreaterThan) c).lowerBound(), false));
        register(GreaterThanEq.class, c -> exp(((GreaterThanEq) c).lowerBound(), false));
        register(LessThan.class, c -> exp(((LessThan) c).upperBound(), true));
        register(Interval.class, c -> sigmoid(((Interval) c).lowerBound(), ((Interval) c).upperBound()));
        register(HalfOpenInterval.class, c -> sigmoid(((HalfOpenInterval) c).lowerBound(),
                ((HalfOpenInterval) c).upperBound()));
        register(Simplex.class, c -> bijective ? new StickBreakingTransform() : new SoftmaxTransform());
        if (!bijective) {
            register(LowerCholesky.class, c -> new LowerCholeskyTransform());
        }
        register(CorrCholesky.class, c -> new CorrCholeskyTransform());
        register(Cat.class, c -> {
            Cat cat = (Cat) c;
            return new CatTransform(cat.parts().stream().map(this::call).toList(), cat.dim(), cat.lengths());
        });
        register(Stack.class, c -> {
            Stack stack = (Stack) c;
            return new StackTransform(stack.parts().stream().map(this::call).toList(), stack.dim());
        });
    }

    /** exp, then shifted to start at the bound: {@code bound + exp(x)}, or {@code bound - exp(x)} below it. */
    private static Transform exp(Bound bound, boolean below) {
        float scale = below ? -1f : 1f;
        Transform shift = bound.isTensor()
                ? new AffineTransform(bound.tensor(), Tensor.scalar(scale), 0, 0)
                : new AffineTransform(bound.number(), scale, 0, 0);
        return new ComposeTransform(List.of(new ExpTransform(), shift));
    }

    /** sigmoid alone onto the number bounds [0, 1]; else sigmoid then {@code lower + (upper - lower) y}. */
    private static Transform sigmoid(Bound lower, Bound upper) {
        boolean unit = !lower.isTensor() && lower.number() == 0f && !upper.isTensor() && upper.number() == 1f;
        if (unit) {
            return new SigmoidTransform();
        }
        Transform affine = lower.isTensor() || upper.isTensor()
                ? new AffineTransform(lower.asTensor(), upper.asTensor().sub(lower.asTensor()), 0, 0)
                : new AffineTransform(lower.number(), upper.number() - lower.number(), 0, 0);
        return new ComposeTransform(List.of(new SigmoidTransform(), affine));
    }

    /**
     * Registers (or replaces) the factory for constraints of {@code kind} (PyTorch's {@code register}, keyed by the
     * constraint's class).
     */
    public void register(Class<? extends Constraint> kind, Function<Constraint, Transform> factory) {
        factories.put(kind, factory);
    }

    /**
     * The transform from the real line onto {@code constraint} (PyTorch's {@code registry(constraint)}).
     *
     * @throws UnsupportedOperationException where no factory is registered for its class, naming it (PyTorch's
     *     NotImplementedError)
     */
    public Transform call(Constraint constraint) {
        Function<Constraint, Transform> factory = factories.get(constraint.getClass());
        if (factory == null) {
            throw new UnsupportedOperationException("Cannot transform " + constraint.getClass().getSimpleName()
                    + " constraints");
        }
        return factory.apply(constraint);
    }
}
