package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.List;

/**
 * How a Function of several outputs is recorded with nodes of one gradient each: the call's node takes the outputs'
 * gradients laid end to end in one flat vector, and each output's node places its gradient at its own offset in a
 * vector of zeros (and notes that it ran). The engine sums what reaches the call's node, so it receives every output's
 * gradient (zeros for outputs nothing reached, or null for them where the context does not materialize gradients) and
 * runs the Function's backward once.
 */
final class ManyOutputs {
    private ManyOutputs() {}

    static void record(Function f, String name, Tensor[] inputs, Function.Context ctx, Tensor[] outs) {
        int[][] shapes = new int[outs.length][];
        int[] offsets = new int[outs.length];
        int total = 0;
        for (int k = 0; k < outs.length; k++) {
            shapes[k] = outs[k].shape();
            offsets[k] = total;
            total = Math.addExact(total, numel(shapes[k]));
        }
        boolean[] reached = new boolean[outs.length];
        Node call = f.manyOutputNode(name, inputs, ctx, shapes, reached);
        TensorAccess access = TensorAccess.get();
        int length = total;
        for (int k = 0; k < outs.length; k++) {
            if (Function.nonDifferentiable(ctx, outs[k])) {
                continue;
            }
            int offset = offsets[k], n = numel(shapes[k]), out = k;
            Node placing = new Node(name, new Node[] {call}) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    reached[out] = true;
                    Tensor placed = Tensor.cat(List.of(Tensor.zeros(offset), g.reshape(-1),
                            Tensor.zeros(length - offset - n)), 0);
                    return new Tensor[] {placed};
                }
            };
            if (Function.dirty(ctx, outs[k])) {
                access.attachInPlace(outs[k], placing);   // an input changed in place (never a view: refused)
            } else {
                access.setGradFn(outs[k], placing);
            }
        }
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }
}
