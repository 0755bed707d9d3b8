package dev.vgrad.distributions;

/**
 * A parameterless increasing map (exp, sigmoid, tanh, softplus): its sign is +1, and any transform of its class is the
 * same map, as PyTorch's {@code __eq__} for these decides.
 */
abstract class IncreasingTransform extends Transform {
    IncreasingTransform(int cacheSize) {
        super(cacheSize);
    }

    /** Any transform of this class is the same map. */
    @Override
    public final boolean sameAs(Transform other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final int sign() {
        return 1;
    }

    @Override
    public final boolean bijective() {
        return true;
    }
}
