package dev.vgrad.distributions;

/** A parameterless increasing map (exp, sigmoid, tanh, softplus): bijective, its sign +1. */
abstract class IncreasingTransform extends ParameterlessTransform {
    IncreasingTransform(int cacheSize) {
        super(cacheSize);
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
