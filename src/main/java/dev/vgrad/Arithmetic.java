package dev.vgrad;

import static dev.vgrad.Compute.map;
import static dev.vgrad.Compute.zip;
import static dev.vgrad.Reduction.sumTo;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.UnaryOp;
import java.util.Arrays;

/**
 * add, sub, mul, div and pow, out of place and in place, each forward beside its backward rule. Tensor operands
 * broadcast; the gradient of a broadcast operand is summed back to its shape. An in-place variant records the same
 * node as its out-of-place op, built by the same factory; only the saved value of the overwritten operand differs
 * (a differentiable clone taken before the write).
 */
final class Arithmetic {
    private Arithmetic() {}

    static Tensor add(Tensor a, Tensor b) {
        return binary(BinaryOp.ADD, a, b, "add");
    }

    static Tensor sub(Tensor a, Tensor b) {
        return binary(BinaryOp.SUB, a, b, "sub");
    }

    static Tensor mul(Tensor a, Tensor b) {
        return binary(BinaryOp.MUL, a, b, "mul");
    }

    static Tensor div(Tensor a, Tensor b) {
        return binary(BinaryOp.DIV, a, b, "div");
    }

    private static Tensor binary(BinaryOp op, Tensor a, Tensor b, String name) {
        Tensor out = zip(op, a, b, name);
        if (Graph.recording(a, b)) {
            out.setGradFn(node(op, a, b, a));
        }
        return out;
    }

    /** {@code self op= other} in place: add_, sub_, mul_, div_. */
    static Tensor binary_(Tensor self, Tensor other, BinaryOp op, String name) {
        boolean record = GradMode.isEnabled() && (self.requiresGrad() || other.requiresGrad());
        InPlace.check(self, name, record);
        int[] shape = Shapes.broadcast(self.shape, other.shape, name);
        if (!Arrays.equals(shape, self.shape)) {
            throw new IllegalArgumentException(name + ": output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(shape) + " (other has shape "
                    + Shapes.str(other.shape) + ")");
        }
        Tensor src = other.storage == self.storage ? Compute.copy(other) : other;
        Node node = null;
        if (record) {
            boolean needsSelfBefore = other.requiresGrad() && (op == BinaryOp.MUL || op == BinaryOp.DIV);
            node = node(op, self, other, needsSelfBefore ? Pointwise.cloneTensor(self) : null);
        }
        Compute.zipInto(op, self, src, self);
        self.versionCounter().bump();
        InPlace.attach(self, node);
        return self;
    }

    /**
     * The backward node of {@code a op b} for ADD, SUB, MUL, DIV. {@code aValue} is a's value at forward time: a
     * itself for a new output, a clone taken before the write when a is overwritten in place (only mul and div
     * need it, and only for b's gradient).
     */
    private static Node node(BinaryOp op, Tensor a, Tensor b, Tensor aValue) {
        int[] sa = a.shape, sb = b.shape;
        return switch (op) {
            case ADD -> new Node("AddBackward0", a, b) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(needsGrad(0) ? sumTo(g, sa) : null, needsGrad(1) ? sumTo(g, sb) : null);
                }
            };
            case SUB -> new Node("SubBackward0", a, b) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(needsGrad(0) ? sumTo(g, sa) : null, needsGrad(1) ? sumTo(g.neg(), sb) : null);
                }
            };
            case MUL -> new Node("MulBackward0", a, b) {
                private final SavedTensor savedA = needsGrad(1) ? save(aValue) : null;
                private final SavedTensor savedB = needsGrad(0) ? save(b) : null;

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(needsGrad(0) ? productSumTo(g, savedB.get(), sa) : null,
                            needsGrad(1) ? productSumTo(g, savedA.get(), sb) : null);
                }
            };
            case DIV -> new Node("DivBackward0", a, b) {
                private final SavedTensor savedA = needsGrad(1) ? save(aValue) : null;
                private final SavedTensor savedB = save(b);

                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor bv = savedB.get();
                    // -g * a / b^2, taken as -(g * ((a / b) / b)) like PyTorch's div_tensor_other_backward.
                    return grads(needsGrad(0) ? sumTo(g.div(bv), sa) : null,
                            needsGrad(1) ? sumTo(g.mul(savedA.get().div(bv).div(bv)).neg(), sb) : null);
                }
            };
            default -> throw new IllegalArgumentException("no backward node for " + op);
        };
    }

    /**
     * {@code sumTo(g * other, target)}: a factor's gradient in mul, recorded where the backward records, else
     * {@link Compute#sumProductTo} (one pass for a factor broadcast along rows).
     */
    private static Tensor productSumTo(Tensor g, Tensor other, int[] target) {
        return Graph.recording(g, other) ? sumTo(g.mul(other), target) : Compute.sumProductTo(g, other, target);
    }

    /** {@code a + s}; sub(s) is this with -s and its own node name. */
    static Tensor addScalar(Tensor a, float s, String nodeName) {
        Tensor out = map(UnaryOp.ADD_SCALAR, s, a);
        return Graph.recording(a) ? setGradFn(out, scalarNode(UnaryOp.ADD_SCALAR, s, a, nodeName)) : out;
    }

    static Tensor mulScalar(Tensor a, float s) {
        Tensor out = map(UnaryOp.MUL_SCALAR, s, a);
        return Graph.recording(a) ? setGradFn(out, scalarNode(UnaryOp.MUL_SCALAR, s, a, "MulBackward0")) : out;
    }

    static Tensor divScalar(Tensor a, float s) {
        Tensor out = map(UnaryOp.DIV_SCALAR, s, a);
        return Graph.recording(a) ? setGradFn(out, scalarNode(UnaryOp.DIV_SCALAR, s, a, "DivBackward0")) : out;
    }

    /** {@code self = self op s} in place, for ADD_SCALAR, MUL_SCALAR and DIV_SCALAR. */
    static Tensor scalar_(Tensor self, UnaryOp op, float s, String nodeName) {
        boolean record = GradMode.isEnabled() && self.requiresGrad();
        InPlace.check(self, nodeName, record);
        Node node = record ? scalarNode(op, s, self, nodeName) : null;
        Compute.mapInto(op, s, 0f, self, self);
        self.versionCounter().bump();
        InPlace.attach(self, node);
        return self;
    }

    /** The backward of {@code a op s}: the identity for an addition; a multiplication saves its scalar. */
    private static Node scalarNode(UnaryOp op, float s, Tensor a, String nodeName) {
        return switch (op) {
            case ADD_SCALAR -> Graph.node(nodeName, a, g -> g);
            case MUL_SCALAR -> Graph.nodeSavingScalar(nodeName, a, g -> g.mul(s));
            case DIV_SCALAR -> Graph.nodeSavingScalar(nodeName, a, g -> g.div(s));
            default -> throw new IllegalArgumentException("no backward node for " + op);
        };
    }

    private static Tensor setGradFn(Tensor out, Node node) {
        out.setGradFn(node);
        return out;
    }

    static Tensor rsub(Tensor a, float s) {
        Tensor out = map(UnaryOp.RSUB_SCALAR, s, a);
        return Graph.recording(a) ? Graph.record(out, "RsubBackward1", a, Tensor::neg) : out;
    }

    static Tensor powScalar(Tensor a, float p) {
        Tensor out = map(UnaryOp.POW_SCALAR, p, a);
        return Graph.recording(a) ? Graph.record(out, "PowBackward0", a, a, (g, x) -> powGrad(g, x, p)) : out;
    }

    /**
     * {@code g * p * x^(p-1)} (0 where p == 0, as PyTorch's pow_backward), itself differentiable: its derivative in
     * x is {@code p * powGrad(g, x, p - 1)}, so pow is differentiable to any order.
     */
    static Tensor powGrad(Tensor g, Tensor x, float p) {
        // g times the factor into the factor's own new memory where they line up: one tensor of x's size fewer
        Tensor out = Compute.zipOver(BinaryOp.MUL, g, map(UnaryOp.POW_SCALAR_GRAD, p, x));
        if (Graph.recording(g, x)) {
            out.setGradFn(new Node("PowBackward0Backward0", g, x) {
                private final SavedTensor savedG = needsGrad(1) ? save(g) : null;
                private final SavedTensor savedX = save(x);

                @Override
                protected Tensor[] apply(Tensor gg) {
                    Tensor xv = savedX.get();
                    boolean constant = p == 0f || p == 1f;
                    return grads(needsGrad(0) ? sumTo(powGrad(gg, xv, p), g.shape) : null,
                            needsGrad(1) && !constant ? sumTo(powGrad(gg.mul(savedG.get()), xv, p - 1f).mul(p), x.shape)
                                    : null);
                }
            });
        }
        return out;
    }

    /** {@code a ^ b} elementwise, broadcasting, with PyTorch's pow_backward_self and pow_backward_exponent. */
    static Tensor pow(Tensor a, Tensor b) {
        Tensor out = zip(BinaryOp.POW, a, b, "pow");
        if (!Graph.recording(a, b)) {
            return out;
        }
        int[] sa = a.shape, sb = b.shape;
        out.setGradFn(new Node("PowBackward1", a, b) {
            private final SavedTensor savedA = save(a);
            private final SavedTensor savedB = save(b);
            private final SavedTensor savedOut = needsGrad(1) ? saveOutput(out) : null;

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor av = savedA.get(), bv = savedB.get();
                Tensor ga = null, gb = null;
                if (needsGrad(0)) {
                    // b * a^(b-1), and 0 where b == 0 (even where a^(b-1) is inf or NaN).
                    Tensor keep = map(UnaryOp.NE_SCALAR_MASK, 0f, bv);
                    ga = sumTo(Pointwise.zeroUnless(g.mul(bv.mul(av.pow(bv.sub(1f)))), keep), sa);
                }
                if (needsGrad(1)) {
                    // a^b * log(a), and 0 where a == 0 and b >= 0 (where log(a) is -inf but the power is flat).
                    Tensor keep = zip(BinaryOp.MAX, map(UnaryOp.NE_SCALAR_MASK, 0f, av), map(UnaryOp.LT_MASK, 0f, bv));
                    gb = sumTo(Pointwise.zeroUnless(g.mul(savedOut.get().mul(av.log())), keep), sb);
                }
                return grads(ga, gb);
            }
        });
        return out;
    }
}
