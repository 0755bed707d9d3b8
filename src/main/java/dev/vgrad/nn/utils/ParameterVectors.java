package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.nn.utils.parameters_to_vector} and {@code vector_to_parameters}: all parameters as one flat vector
 * (for second-order methods, evolution strategies, weight averaging) and back.
 */
public final class ParameterVectors {
    private ParameterVectors() {}

    /** The parameters flattened and concatenated in order; differentiable in each of them. */
    public static Tensor parametersToVector(List<Tensor> parameters) {
        List<Tensor> flat = new ArrayList<>(parameters.size());
        for (Tensor p : parameters) {
            flat.add(p.reshape(-1));
        }
        return Tensor.cat(flat, 0);
    }

    /**
     * Copies consecutive slices of {@code vector} into the parameters, in order, without recording (PyTorch rebinds
     * each parameter's data to a view of the vector; here the values are copied, so the vector and the parameters
     * stay independent). The vector must hold exactly as many values as the parameters; otherwise nothing changes.
     */
    public static void vectorToParameters(Tensor vector, List<Tensor> parameters) {
        long total = 0;
        for (Tensor p : parameters) {
            total += p.numel();
        }
        if (vector.dim() != 1 || vector.numel() != total) {
            throw new IllegalArgumentException("vector_to_parameters: the vector " + java.util.Arrays.toString(
                    vector.shape()) + " must be 1-D with the parameters' " + total + " values");
        }
        try (var off = GradMode.noGrad()) {
            int at = 0;
            for (Tensor p : parameters) {
                int n = p.numel();
                p.copy_(vector.narrow(0, at, n).reshape(p.shape()));
                at += n;
            }
        }
    }
}
