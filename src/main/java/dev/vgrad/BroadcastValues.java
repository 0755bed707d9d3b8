package dev.vgrad;

/**
 * Operands broadcast together under an op's name and read row-major without recording anything: the input of the
 * element-by-element loops written in Java (torch.binomial's sampler, the gamma family's gradient approximations).
 */
record BroadcastValues(int[] shape, float[][] values) {
    static BroadcastValues of(String op, Tensor... operands) {
        int[] shape = new int[0];
        for (Tensor t : operands) {
            shape = Shapes.broadcast(shape, t.shape, op);
        }
        shape = shape.clone();
        float[][] values = new float[operands.length][];
        for (int i = 0; i < operands.length; i++) {
            values[i] = operands[i].detach().expand(shape).toArray();
        }
        return new BroadcastValues(shape, values);
    }
}
