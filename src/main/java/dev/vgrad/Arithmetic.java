package dev.vgrad;

import static dev.vgrad.Compute.map;
import static dev.vgrad.Compute.sumTo;
import static dev.vgrad.Compute.zip;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.UnaryOp;

/**
 * add, sub, mul, div and pow, each forward beside its backward rule. Tensor operands broadcast; the
 * gradient of a broadcast operand is summed back to its shape.
 */
final class Arithmetic {
    private Arithmetic() {}

    static Tensor add(Tensor a, Tensor b) {
        Tensor out = zip(BinaryOp.ADD, a, b, "add");
        if (Graph.recording(a, b)) {
            int[] sa = a.shape, sb = b.shape;
            out.setGradFn(new Node("AddBackward0", a, b) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    return new Tensor[] {needsGrad(0) ? sumTo(g, sa) : null, needsGrad(1) ? sumTo(g, sb) : null};
                }
            });
        }
        return out;
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor out = zip(BinaryOp.SUB, a, b, "sub");
        if (Graph.recording(a, b)) {
            int[] sa = a.shape, sb = b.shape;
            out.setGradFn(new Node("SubBackward0", a, b) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    return new Tensor[] {needsGrad(0) ? sumTo(g, sa) : null,
                            needsGrad(1) ? sumTo(map(UnaryOp.NEG, 0f, g), sb) : null};
                }
            });
        }
        return out;
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = zip(BinaryOp.MUL, a, b, "mul");
        if (Graph.recording(a, b)) {
            int[] sa = a.shape, sb = b.shape;
            out.setGradFn(new Node("MulBackward0", a, b) {
                private final SavedTensor savedA = needsGrad(1) ? save(a) : null;
                private final SavedTensor savedB = needsGrad(0) ? save(b) : null;

                @Override
                protected Tensor[] apply(Tensor g) {
                    return new Tensor[] {
                        needsGrad(0) ? sumTo(zip(BinaryOp.MUL, g, savedB.get()), sa) : null,
                        needsGrad(1) ? sumTo(zip(BinaryOp.MUL, g, savedA.get()), sb) : null};
                }
            });
        }
        return out;
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = zip(BinaryOp.DIV, a, b, "div");
        if (Graph.recording(a, b)) {
            int[] sa = a.shape, sb = b.shape;
            out.setGradFn(new Node("DivBackward0", a, b) {
                private final SavedTensor savedA = needsGrad(1) ? save(a) : null;
                private final SavedTensor savedB = save(b);

                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor bv = savedB.get();
                    Tensor ga = needsGrad(0) ? sumTo(zip(BinaryOp.DIV, g, bv), sa) : null;
                    return new Tensor[] {ga, needsGrad(1) ? divisorGrad(g, savedA.get(), bv, sb) : null};
                }
            });
        }
        return out;
    }

    /** The gradient of a / b with respect to b, summed to b's shape: -a / b^2, taken as -(g * (a / b) / b) like PyTorch. */
    static Tensor divisorGrad(Tensor g, Tensor a, Tensor b, int[] bShape) {
        Tensor q = zip(BinaryOp.DIV, zip(BinaryOp.DIV, a, b), b);
        return sumTo(map(UnaryOp.NEG, 0f, zip(BinaryOp.MUL, g, q)), bShape);
    }

    static Tensor pow(Tensor a, Tensor b) {
        return withPointwiseGrads(BinaryOp.POW, "pow", "PowBackward1", a, b, BinaryOp.POW_BASE_GRAD,
                BinaryOp.POW_EXPONENT_GRAD, false);
    }

    /**
     * A broadcasting op whose gradient for each input is g times an elementwise function of both inputs:
     * {@code da(a, b)} for a, and {@code db(a, b)} for b ({@code db(b, a)} when {@code swapForB}).
     */
    static Tensor withPointwiseGrads(BinaryOp op, String name, String nodeName, Tensor a, Tensor b, BinaryOp da,
                                     BinaryOp db, boolean swapForB) {
        Tensor out = zip(op, a, b, name);
        if (Graph.recording(a, b)) {
            int[] sa = a.shape, sb = b.shape;
            out.setGradFn(new Node(nodeName, a, b) {
                private final SavedTensor savedA = save(a);
                private final SavedTensor savedB = save(b);

                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor av = savedA.get(), bv = savedB.get();
                    return new Tensor[] {
                        needsGrad(0) ? sumTo(zip(BinaryOp.MUL, g, zip(da, av, bv)), sa) : null,
                        needsGrad(1) ? sumTo(zip(BinaryOp.MUL, g, swapForB ? zip(db, bv, av) : zip(db, av, bv)), sb)
                                : null};
                }
            });
        }
        return out;
    }

    static Tensor addScalar(Tensor a, float s) {
        return addScalar(a, s, "AddBackward0");
    }

    /** {@code a + s}; sub(s) is this with -s and its own node name. */
    static Tensor addScalar(Tensor a, float s, String nodeName) {
        Tensor out = map(UnaryOp.ADD_SCALAR, s, a);
        return Graph.recording(a) ? Graph.record(out, nodeName, a, g -> g) : out;
    }

    static Tensor rsub(Tensor a, float s) {
        Tensor out = map(UnaryOp.RSUB_SCALAR, s, a);
        return Graph.recording(a) ? Graph.record(out, "RsubBackward1", a, g -> map(UnaryOp.NEG, 0f, g)) : out;
    }

    static Tensor mulScalar(Tensor a, float s) {
        Tensor out = map(UnaryOp.MUL_SCALAR, s, a);
        return Graph.recording(a) ? Graph.record(out, "MulBackward0", a, g -> map(UnaryOp.MUL_SCALAR, s, g)) : out;
    }

    static Tensor divScalar(Tensor a, float s) {
        Tensor out = map(UnaryOp.DIV_SCALAR, s, a);
        return Graph.recording(a) ? Graph.record(out, "DivBackward0", a, g -> map(UnaryOp.DIV_SCALAR, s, g)) : out;
    }

    static Tensor powScalar(Tensor a, float p) {
        Tensor out = map(UnaryOp.POW_SCALAR, p, a);
        if (!Graph.recording(a)) {
            return out;
        }
        return Graph.record(out, "PowBackward0", a, a,
                (g, x) -> zip(BinaryOp.MUL, g, map(UnaryOp.POW_SCALAR_GRAD, p, x)));
    }
}
