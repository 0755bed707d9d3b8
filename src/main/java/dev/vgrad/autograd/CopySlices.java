package dev.vgrad.autograd;

import dev.vgrad.Tensor;

/**
 * The history of a tensor after an in-place operation wrote through one of its views (PyTorch's CopySlices).
 * The base's gradient splits in two: the part outside the view flows to the base's previous history
 * unchanged, and the part inside the view goes through the in-place op's own backward rule, whose
 * gradient for the view's old value is written back into that region, and whose gradients for the op's
 * other inputs flow to them.
 */
public final class CopySlices extends Node {
    private final Node fn;
    private final int[] viewShape;
    private final int[] viewStride;
    private final int viewOffset;

    /**
     * The new history of {@code base} after {@code fn} (the in-place op, whose first input was the view) wrote
     * into the view with the given geometry, relative to the base's first element (the base is contiguous).
     */
    public CopySlices(Tensor base, Node fn, int[] viewShape, int[] viewStride, int viewOffset) {
        super("CopySlices", edges(base, fn));
        this.fn = fn;
        this.viewShape = viewShape.clone();
        this.viewStride = viewStride.clone();
        this.viewOffset = viewOffset;
    }

    private static Node[] edges(Tensor base, Node fn) {
        Node[] e = new Node[fn.edgeCount()];
        e[0] = base.requiresGrad() ? base.gradEdge() : null;
        for (int i = 1; i < e.length; i++) {
            e[i] = fn.edge(i);
        }
        return e;
    }

    @Override
    protected Tensor[] apply(Tensor grad) {
        Tensor gradBase = grad.clone();
        Tensor region = gradBase.asStrided(viewShape, viewStride, viewOffset);
        Tensor[] inner = fn.call(region.clone());
        if (inner[0] != null) {
            region.copy_(inner[0]);
        } else {
            region.fill_(0f);
        }
        Tensor[] out = inner.clone();
        out[0] = needsGrad(0) ? gradBase : null;
        return out;
    }

    @Override
    void release() {
        super.release();
        fn.release();
    }
}
