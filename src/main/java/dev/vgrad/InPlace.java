package dev.vgrad;

import dev.vgrad.autograd.CopySlices;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.kernels.UnaryOp;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * What every in-place op shares, and the in-place ops that have no out-of-place twin (copy_, fill_). Each checks
 * everything before it writes (so a refused op changes nothing), bumps the version counter so saved tensors notice
 * the change, and, when recording, makes the tensor's history continue through a new node whose first edge is the
 * tensor's previous history. The arithmetic ones (add_, mul_, ...) live beside their out-of-place ops in
 * {@link Arithmetic} and record the same nodes.
 */
final class InPlace {
    private InPlace() {}

    static Tensor copy(Tensor self, Tensor src) {
        boolean record = GradMode.isEnabled() && (self.requiresGrad() || src.requiresGrad());
        check(self, "copy_", record);
        int[] shape = Shapes.broadcast(self.shape, src.shape, "copy_");
        if (!Arrays.equals(shape, self.shape)) {
            throw new IllegalArgumentException("copy_: the source of shape " + Shapes.str(src.shape)
                    + " cannot be broadcast to the destination's shape " + Shapes.str(self.shape));
        }
        Tensor from = src.storage == self.storage ? Compute.copy(src) : src;
        Node node = null;
        if (record) {
            int[] ss = src.shape, selfShape = self.shape;
            node = new Node("CopyBackwards", self, src) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(needsGrad(0) ? Tensor.zeros(selfShape) : null,
                            needsGrad(1) ? Reduction.sumTo(g, ss) : null);
                }
            };
        }
        Compute.mapInto(UnaryOp.COPY, 0f, 0f, Compute.expandView(from, self.shape), self);
        self.versionCounter().bump();
        attach(self, node);
        return self;
    }

    static Tensor fill(Tensor self, float value, String nodeName) {
        boolean record = GradMode.isEnabled() && self.requiresGrad();
        check(self, nodeName, record);
        Node node = null;
        if (record) {
            int[] shape = self.shape;
            node = new Node(nodeName, self) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(Tensor.zeros(shape));
                }
            };
        }
        Compute.mapInto(UnaryOp.FILL, value, 0f, self, self);
        self.versionCounter().bump();
        attach(self, node);
        return self;
    }

    /**
     * {@code self = op(self)} in place, for an op that has an out-of-place twin ({@code exp_}, {@code masked_fill_},
     * {@code index_add_}, ...): {@code op} computes the new value (with {@code others}, the tensor operands it takes
     * besides self), which is then written into self. While recording, op runs on a copy of self's old value, so that
     * what its backward saves outlives the write, and self's history becomes op's: PyTorch's node for the in-place op
     * ("ExpBackward0"), whose gradient reaches self's old history through the copy. On a view, the base's history
     * becomes a CopySlices that sends the view's region through op's backward and the rest to the base's old history.
     * An op whose twin records nothing (a comparison) gets {@code zeroNode} instead, a node whose gradients are zero,
     * as PyTorch's {@code gt_}. Everything is checked and computed before the write, so a refused op leaves self as
     * it was.
     */
    static Tensor update(Tensor self, String name, String zeroNode, UnaryOperator<Tensor> op, Tensor... others) {
        boolean record = GradMode.isEnabled() && (self.requiresGrad() || anyRequiresGrad(others));
        check(self, name, record);
        Tensor old = record ? Pointwise.cloneTensor(self) : self;
        Tensor out = op.apply(old);
        if (!record && out.requiresGrad()) {
            // the op reached a tensor that requires grad without its being named among the operands: writing the
            // values without a history would lose that gradient silently
            throw new IllegalArgumentException(name + ": the op's result requires grad through a tensor not passed "
                    + "as one of its operands; pass every tensor the op reads besides self");
        }
        if (!Arrays.equals(out.shape, self.shape)) {
            throw new IllegalArgumentException(name + ": output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(out.shape));
        }
        if (record && out.gradFn() == null) {
            out.setGradFn(zeroGradients(zeroNode != null ? zeroNode : nodeName(name), old, others));
        }
        Compute.mapInto(UnaryOp.COPY, 0f, 0f, out.storage == self.storage ? Compute.copy(out) : out, self);
        self.versionCounter().bump();
        if (record) {
            attachResult(self, out);
        }
        return self;
    }

    /**
     * An in-place view op ({@code t_}, {@code unsqueeze_}, ...): self takes the layout of {@code view(self)} over its
     * own storage, and, recording, that view's history (its node's input being self's old history). The data is not
     * written, but the version is bumped, as PyTorch bumps it, so that a saved tensor whose layout changed is caught.
     * A leaf that requires grad is refused in grad mode, as PyTorch refuses it.
     */
    static Tensor relayout(Tensor self, String name, UnaryOperator<Tensor> view) {
        boolean record = GradMode.isEnabled() && self.requiresGrad();
        self.checkWritable();
        if (GradMode.isEnabled() && self.isLeaf() && self.requiresGrad()) {
            throw new IllegalStateException(
                    "a leaf Variable that requires grad is being used in an in-place operation.");
        }
        Tensor like = view.apply(self);
        Node fn = record ? like.gradFn() : null;   // before the bump, after which like would be made again
        self.relayout(like);
        self.versionCounter().bump();
        if (record) {
            self.setGradFn(fn);
        }
        return self;
    }

    /** PyTorch's way of naming an op's backward node: "logical_and_" becomes "LogicalAndBackward0". */
    private static String nodeName(String op) {
        StringBuilder b = new StringBuilder();
        for (String part : op.split("_")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        return b.append("Backward0").toString();
    }

    private static boolean anyRequiresGrad(Tensor[] tensors) {
        for (Tensor t : tensors) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** The history of an op that is not differentiable but keeps its operands' history: every gradient zero. */
    private static Node zeroGradients(String name, Tensor self, Tensor[] others) {
        Tensor[] inputs = new Tensor[others.length + 1];
        inputs[0] = self;
        System.arraycopy(others, 0, inputs, 1, others.length);
        return new Node(name, inputs) {
            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor[] out = new Tensor[inputs.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = needsGrad(i) ? Tensor.zeros(inputs[i].shape) : null;
                }
                return out;
            }
        };
    }

    /**
     * Makes {@code out}'s history self's, where out holds the value just written into self. On a view the base's
     * history becomes a CopySlices: the base's gradient with the view's region zeroed goes to the base's old history,
     * the region itself to out's history (which reaches the view's old value through the copy {@link #update} made).
     */
    private static void attachResult(Tensor self, Tensor out) {
        if (self.base == null) {
            self.setGradFn(out.gradFn());
            return;
        }
        Tensor base = self.base;
        int[] shape = self.shape, stride = self.stride;
        int offset = self.offset - base.offset;
        base.setGradFn(new Node("CopySlices", base, out) {
            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor whole = g.clone();
                Tensor region = whole.asStrided(shape, stride, offset);
                Tensor inside = needsGrad(1) ? region.clone() : null;
                region.fill_(0f);
                return grads(needsGrad(0) ? whole : null, inside);
            }
        });
        self.setGradFn(base.asStrided(self.shape, self.stride, self.offset).gradFn());
    }

    /**
     * The in-place op a name stands for in messages: a node name ("AddBackward0") becomes add_, "FillBackward0"
     * fill_; an op name (add_) stays. Derived only when a message is built: check runs on every in-place write of a
     * training step and must not allocate.
     */
    static String opName(String name) {
        int end = name.indexOf("Backward");
        return end < 0 ? name : name.substring(0, end).toLowerCase(java.util.Locale.ROOT) + "_";
    }

    /**
     * Refusals that must happen before anything is written, in PyTorch's order: autograd's (a leaf, or a view of
     * one, that requires grad) before the kernel's (a written-to tensor whose elements overlap). {@code op} is the
     * op's name or its node's ({@link #opName}).
     */
    static void check(Tensor self, String op, boolean record) {
        self.checkWritable();
        if (GradMode.isEnabled() && self.isLeaf() && self.requiresGrad()) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
        }
        Tensor base = self.base;
        if (record && base != null && base.isLeaf() && base.requiresGrad()) {
            throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an "
                    + "in-place operation.");
        }
        for (int d = 0; d < self.dim(); d++) {
            if (self.stride[d] == 0 && self.shape[d] > 1) {
                throw new IllegalArgumentException(opName(op) + ": unsupported operation: more than one element of the "
                        + "written-to tensor refers to a single memory location. Please clone() the tensor before "
                        + "performing the operation. (shape " + Shapes.str(self.shape) + ", strides "
                        + Shapes.str(self.stride) + ")");
            }
        }
        if (record && base != null && !base.contiguous) {
            throw new IllegalStateException(opName(op) + ": vgrad records in-place operations on views of contiguous "
                    + "tensors only (the base has shape " + Shapes.str(base.shape) + " and strides "
                    + Shapes.str(base.stride) + ")");
        }
    }

    /**
     * Makes {@code node} (the op's backward, whose first input was self's old value) the history of self. On a
     * view, the base's history becomes a CopySlices around node, and the view is regenerated from the base so
     * that its gradient reaches the base's new history.
     */
    static void attach(Tensor self, Node node) {
        if (node == null) {
            return;
        }
        if (self.base == null) {
            self.setGradFn(node);
            return;
        }
        Tensor base = self.base;
        base.setGradFn(new CopySlices(base, node, self.shape, self.stride, self.offset - base.offset));
        self.setGradFn(base.asStrided(self.shape, self.stride, self.offset).gradFn());
    }
}
