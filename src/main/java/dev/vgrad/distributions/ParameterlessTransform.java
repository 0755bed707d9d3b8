package dev.vgrad.distributions;

/**
 * A transform without parameters (exp, sigmoid, tanh, softplus, abs, softmax, stick-breaking, lower-Cholesky): any
 * transform of its class is the same map, as PyTorch's {@code __eq__} for these decides.
 */
abstract class ParameterlessTransform extends Transform {
    ParameterlessTransform(int cacheSize) {
        super(cacheSize);
    }

    /** Any transform of this class is the same map. */
    @Override
    public final boolean sameAs(Transform other) {
        return other != null && other.getClass() == getClass();
    }
}
