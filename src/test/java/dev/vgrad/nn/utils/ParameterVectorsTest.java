package dev.vgrad.nn.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.nn.Linear;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterVectorsTest {
    @Test
    void aModelGoesToOneVectorAndBackAndAMisfitChangesNothing() {
        Linear layer = new Linear(3, 2, new Generator(1));
        List<Tensor> params = layer.parameters();
        Tensor vector = ParameterVectors.parametersToVector(params);
        assertArrayEquals(new int[] {8}, vector.shape());
        float[] before = vector.toArray();
        ParameterVectors.vectorToParameters(vector.mul(2f).detach(), params);
        float[] doubled = ParameterVectors.parametersToVector(params).toArray();
        for (int i = 0; i < before.length; i++) {
            assertEquals(2 * before[i], doubled[i], 1e-6f);
        }
        assertTrue(params.get(0).requiresGrad() && params.get(0).isLeaf(), "still trainable leaves");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ParameterVectors.vectorToParameters(Tensor.zeros(7), params));
        assertTrue(e.getMessage().contains("[7]") && e.getMessage().contains("8 values"), e.getMessage());
        assertArrayEquals(doubled, ParameterVectors.parametersToVector(params).toArray(), "a refused call changes nothing");
        Tensor padded = Rnn.padSequence(List.of(Tensor.of(1f, 2f), Tensor.of(3f)), true, -1f);
        assertArrayEquals(new float[] {1, 2, 3, -1}, padded.toArray());
        assertThrows(IllegalArgumentException.class, () -> Rnn.padSequence(List.of(Tensor.ones(2, 3), Tensor.ones(2, 2)),
                false, 0f));
    }
}
