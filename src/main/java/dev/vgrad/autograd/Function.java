package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user-defined differentiable operation: {@code torch.autograd.Function} in Java. Subclass it, write the forward
 * computation and its backward rule, and call {@link #apply}: the result records a node named
 * {@code <SimpleClassName>Backward}, and backward through it calls your rule.
 *
 * <p>{@link #forward} runs untracked (grad mode off) on the inputs as given; it saves what the rule needs with
 * {@link Context#saveForBackward}. {@link #backward} receives the gradient of the output and returns one gradient
 * per input, null where an input gets none; it runs with grad mode on only under {@code createGraph}, and if it is
 * written with Tensor ops it is then differentiable again. The tutorial's example, fitted to sin(x) as in PyTorch's
 * "Learning PyTorch with Examples":
 *
 * <pre>{@code
 * class LegendrePolynomial3 extends Function {
 *     protected Tensor forward(Context ctx, Tensor... in) {
 *         ctx.saveForBackward(in[0]);
 *         return in[0].pow(3).mul(5).sub(in[0].mul(3)).mul(0.5f);          // P3(x) = (5x^3 - 3x) / 2
 *     }
 *
 *     protected Tensor[] backward(Context ctx, Tensor... grad) {
 *         Tensor x = ctx.savedTensors()[0];
 *         return new Tensor[] {grad[0].mul(x.pow(2).mul(5).sub(1).mul(1.5f))};  // P3'(x) = 1.5 (5x^2 - 1)
 *     }
 * }
 *
 * float[] xv = new float[2000], yv = new float[2000];
 * for (int i = 0; i < 2000; i++) {
 *     xv[i] = (float) (-Math.PI + 2 * Math.PI * i / 1999);
 *     yv[i] = (float) Math.sin(xv[i]);
 * }
 * Tensor xs = Tensor.of(xv), ys = Tensor.of(yv);
 * Tensor a = Tensor.scalar(0f).requiresGrad_(), b = Tensor.scalar(-1f).requiresGrad_();
 * Tensor c = Tensor.scalar(0f).requiresGrad_(), d = Tensor.scalar(0.3f).requiresGrad_();
 * for (int t = 0; t < 2000; t++) {
 *     Tensor p3 = new LegendrePolynomial3().apply(c.add(d.mul(xs)));
 *     Tensor loss = a.add(b.mul(p3)).sub(ys).pow(2).sum();
 *     loss.backward();
 *     try (var g = GradMode.noGrad()) {
 *         for (Tensor p : List.of(a, b, c, d)) {
 *             p.sub_(p.grad().mul(5e-6f));
 *             p.setGrad(null);
 *         }
 *     }
 * }   // y = -2.2085 P3(0.2555 x), as PyTorch's run gives
 * }</pre>
 *
 * <p>An in-place Function changes an input inside forward, calls {@link Context#markDirty} on it and returns it;
 * the tensor's history then continues through this node. Outputs that are not differentiable (indices, masks) are
 * marked with {@link Context#markNonDifferentiable}.
 *
 * <p>A Function of several outputs (PyTorch's forward returning a tuple) overrides {@link #forwardMany} instead of
 * forward and is called with {@link #applyMany}; its backward then receives one gradient per output, zeros for an
 * output that got none (PyTorch's materialized gradients), and runs once however many outputs were used.
 */
public abstract class Function {
    /** The state a Function's forward passes to its backward ({@code ctx} in PyTorch). */
    public interface Context {
        /** Saves tensors for backward, each with its version: a later in-place change to one is an error there. */
        void saveForBackward(Tensor... tensors);

        /** The tensors saved by forward, in order, after checking none was changed in place or freed. */
        Tensor[] savedTensors();

        /** Whether input i needs a gradient: backward may skip work (and return null) for those that do not. */
        boolean needsInputGrad(int i);

        /** Declares that forward changed these inputs in place (the output must then be one of them). */
        void markDirty(Tensor... tensors);

        /** Declares outputs that are not differentiable: they get no history and do not require grad. */
        void markNonDifferentiable(Tensor... tensors);

        /**
         * {@code ctx.set_materialize_grads(value)}: with false, backward of a Function of several outputs receives
         * null (PyTorch's None) for an output no gradient reached, instead of zeros (the default, true). A Function of
         * one output always receives its gradient.
         */
        void setMaterializeGrads(boolean value);
    }

    /** The forward computation; runs with grad mode off. Returns the output. */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /** The backward rule: one gradient per input of forward (null for none), given the output's gradient. */
    protected abstract Tensor[] backward(Context ctx, Tensor... gradOutputs);

    /**
     * The forward computation of a Function of several outputs, for {@link #applyMany}; by default forward's one
     * output. A subclass that overrides it may leave {@link #forward} refusing.
     */
    protected Tensor[] forwardMany(Context ctx, Tensor... inputs) {
        return new Tensor[] {forward(ctx, inputs)};
    }

    /**
     * Runs {@link #forwardMany} and records one node for the call, as PyTorch records one for a forward that returns a
     * tuple: each differentiable output's {@code gradFn()} is named {@code <SimpleClassName>Backward}, and backward
     * through any of them calls {@link #backward} once with every output's gradient (zeros for the outputs no
     * gradient reached). Outputs marked non-differentiable get no history. Inputs changed in place and marked dirty
     * must all be returned among the outputs, and may not be views, as PyTorch requires; each is returned itself,
     * its history moved onto the call as an in-place op's is (one also marked non-differentiable comes back as a new
     * tensor without history over the changed data, as PyTorch returns it).
     */
    public final List<Tensor> applyMany(Tensor... inputs) {
        CallContext ctx = new CallContext(inputs);
        Tensor[] outs;
        try (var off = GradMode.noGrad()) {
            outs = forwardMany(ctx, inputs);
        }
        if (outs == null || outs.length == 0) {
            throw new IllegalStateException(getClass().getSimpleName() + ".forwardMany returned no outputs");
        }
        outs = outs.clone();
        for (int k = 0; k < outs.length; k++) {
            if (outs[k] == null) {
                throw new IllegalStateException(getClass().getSimpleName() + ".forwardMany returned null as output "
                        + k);
            }
        }
        for (Tensor d : ctx.dirty) {
            if (!List.of(outs).contains(d)) {
                throw new IllegalStateException(getClass().getSimpleName() + ": some elements marked as dirty during "
                        + "the forward method were not returned as output; the inputs that are modified in place "
                        + "must all be outputs of the Function");
            }
        }
        for (int k = 0; k < outs.length; k++) {
            outs[k] = ctx.returned(outs[k], inputs);
        }
        if (ctx.anyNeedsGrad()) {
            TensorAccess access = TensorAccess.get();
            for (Tensor out : outs) {
                if (ctx.dirty.contains(out)) {
                    refuseDirtyLeaf(out);
                    if (out.isView()) {
                        // PyTorch's engine has no way to rebase a view's base onto one output of several either
                        throw new IllegalStateException(getClass().getSimpleName() + ": a Function that modifies in "
                                + "place an input that is a view of another tensor cannot return more than one "
                                + "tensor; clone the input first, or split the Function into an in-place one of one "
                                + "output and another");
                    }
                    access.checkInPlace(out, getClass().getSimpleName());
                }
            }
            ManyOutputs.record(this, getClass().getSimpleName() + "Backward", inputs, ctx, outs);
        }
        return List.of(outs);
    }

    /** The node of a call with several outputs: backward once with every output's gradient, checked as one call's. */
    final Node manyOutputNode(String name, Tensor[] inputs, Context context, int[][] outShapes, boolean[] reached) {
        CallContext ctx = (CallContext) context;
        return new FunctionNode(name, inputs, ctx, (Tensor) null) {
            @Override
            protected Tensor[] apply(Tensor flat) {
                Tensor[] grads = new Tensor[outShapes.length];
                for (int k = 0, at = 0; k < grads.length; k++) {
                    int n = ManyOutputs.numel(outShapes[k]);
                    if (reached[k] || ctx.materializeGrads) {
                        grads[k] = flat.narrow(0, at, n).reshape(outShapes[k]);
                    }
                    at += n;
                }
                java.util.Arrays.fill(reached, false);   // for the next pass over a retained graph
                return checked(callBackward(ctx, grads));
            }
        };
    }

    /**
     * PyTorch's {@code @once_differentiable} on backward: return true where backward is not written with ops that
     * can be differentiated again (it reads raw values, say). Backward then runs with recording off, and under
     * {@code createGraph} the gradients it returns carry a node that refuses a second derivative with PyTorch's
     * message, instead of silently having none.
     */
    protected boolean onceDifferentiable() {
        return false;
    }

    /** Runs backward, as {@link #onceDifferentiable} says. */
    private Tensor[] callBackward(CallContext ctx, Tensor... grads) {
        if (!onceDifferentiable() || !GradMode.isEnabled()) {
            return backward(ctx, grads);
        }
        Tensor[] out;
        try (var off = GradMode.noGrad()) {
            out = backward(ctx, grads);
        }
        List<Tensor> recorded = new ArrayList<>();
        for (Tensor g : grads) {
            if (g != null && g.requiresGrad()) {
                recorded.add(g);
            }
        }
        if (out == null || recorded.isEmpty()) {
            return out;
        }
        Tensor[] from = recorded.toArray(new Tensor[0]);
        TensorAccess access = TensorAccess.get();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null) {
                out[i] = out[i].detach();
                access.setGradFn(out[i], new Node("DelayedError", from) {
                    @Override
                    protected Tensor[] apply(Tensor g) {
                        throw new IllegalStateException("trying to differentiate twice a function that was marked "
                                + "with @once_differentiable");
                    }
                });
            }
        }
        return out;
    }

    /** Whether {@code t} was marked non-differentiable in {@code ctx}. */
    static boolean nonDifferentiable(Context ctx, Tensor t) {
        return ((CallContext) ctx).nonDifferentiable.contains(t);
    }

    /** Whether {@code t} was marked dirty (changed in place) in {@code ctx}. */
    static boolean dirty(Context ctx, Tensor t) {
        return ((CallContext) ctx).dirty.contains(t);
    }

    /**
     * Runs forward on {@code inputs} and, when grad mode is on and some input requires grad, records the node that
     * calls {@link #backward}; its name is {@code getClass().getSimpleName() + "Backward"}.
     */
    public final Tensor apply(Tensor... inputs) {
        CallContext ctx = new CallContext(inputs);
        Tensor out;
        try (var off = GradMode.noGrad()) {
            out = forward(ctx, inputs);
        }
        if (out == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ".forward returned null");
        }
        boolean dirty = ctx.dirty.contains(out);
        if (!ctx.dirty.isEmpty() && !dirty) {
            throw new IllegalStateException(getClass().getSimpleName() + ": an input marked dirty must be returned "
                    + "as the output");
        }
        out = ctx.returned(out, inputs);
        if (!ctx.anyNeedsGrad() || ctx.nonDifferentiable.contains(out)) {
            return out;
        }
        TensorAccess access = TensorAccess.get();
        if (dirty) {
            refuseDirtyLeaf(out);
            access.checkInPlace(out, getClass().getSimpleName());
        }
        Node node = new FunctionNode(getClass().getSimpleName() + "Backward", inputs, ctx, out);
        if (dirty) {
            access.attachInPlace(out, node);
        } else {
            access.setGradFn(out, node);
        }
        return out;
    }

    /** PyTorch's refusal of a leaf that requires grad changed in place by a Function (marked dirty). */
    private static void refuseDirtyLeaf(Tensor out) {
        if (out.isLeaf() && out.requiresGrad()) {
            throw new IllegalStateException("a leaf Variable that requires grad has been used in an in-place "
                    + "operation.");
        }
    }

    /** One call's context: what forward saved and declared, and which inputs need a gradient. */
    private static final class CallContext implements Context {
        final boolean[] needsGrad;
        final List<Tensor> toSave = new ArrayList<>();
        final List<Tensor> dirty = new ArrayList<>();
        final List<Tensor> nonDifferentiable = new ArrayList<>();
        boolean materializeGrads = true;
        SavedTensor[] saved;

        CallContext(Tensor[] inputs) {
            needsGrad = new boolean[inputs.length];
            boolean enabled = GradMode.isEnabled();
            for (int i = 0; i < inputs.length; i++) {
                needsGrad[i] = enabled && inputs[i] != null && inputs[i].requiresGrad();
            }
        }

        @Override
        public void saveForBackward(Tensor... tensors) {
            if (saved != null) {
                throw new IllegalStateException("saveForBackward can only be called from forward");
            }
            toSave.addAll(Arrays.asList(tensors));
        }

        @Override
        public Tensor[] savedTensors() {
            if (saved == null) {
                return toSave.toArray(new Tensor[0]);
            }
            Tensor[] out = new Tensor[saved.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = saved[i] == null ? null : saved[i].get();
            }
            return out;
        }

        @Override
        public boolean needsInputGrad(int i) {
            return needsGrad[i];
        }

        @Override
        public void markDirty(Tensor... tensors) {
            dirty.addAll(Arrays.asList(tensors));
        }

        @Override
        public void markNonDifferentiable(Tensor... tensors) {
            nonDifferentiable.addAll(Arrays.asList(tensors));
        }

        @Override
        public void setMaterializeGrads(boolean value) {
            materializeGrads = value;
        }

        boolean anyNeedsGrad() {
            for (boolean b : needsGrad) {
                if (b) {
                    return true;
                }
            }
            return false;
        }

        /**
         * What the call hands back for forward's output {@code t}: a dirty input itself (its history moves onto the
         * call), or, marked non-differentiable too, a new tensor without history over its changed data, the input
         * keeping its own (as PyTorch returns it); an input returned unchanged as a new tensor over the same data, with
         * its own history; anything else as it is.
         */
        Tensor returned(Tensor t, Tensor[] inputs) {
            if (dirty.contains(t)) {
                if (!nonDifferentiable.contains(t)) {
                    return t;
                }
                Tensor plain = t.detach();
                nonDifferentiable.add(plain);
                return plain;
            }
            for (Tensor in : inputs) {
                if (in == t) {
                    return t.detach();
                }
            }
            return t;
        }
    }

    /** The node of one call: runs the Function's backward and checks what it returns. */
    private class FunctionNode extends Node {
        private final CallContext ctx;
        private final int[][] inputShapes;

        /**
         * Saves what forward saved; {@code own} is the output whose node this is (saved as such), or null where the
         * outputs' nodes are others (several outputs).
         */
        FunctionNode(String name, Tensor[] inputs, CallContext ctx, Tensor own) {
            super(name, inputs);
            this.ctx = ctx;
            this.inputShapes = new int[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                inputShapes[i] = inputs[i] == null ? null : inputs[i].shape();
            }
            ctx.saved = new SavedTensor[ctx.toSave.size()];
            for (int i = 0; i < ctx.saved.length; i++) {
                Tensor t = ctx.toSave.get(i);
                ctx.saved[i] = t == null ? null : t == own ? saveOutput(t) : save(t);
            }
        }

        @Override
        protected Tensor[] apply(Tensor gradOutput) {
            return checked(callBackward(ctx, gradOutput));
        }

        /** Backward's gradients checked against the inputs: their count and each one's shape. */
        final Tensor[] checked(Tensor[] grads) {
            if (grads == null || grads.length != inputShapes.length) {
                throw new IllegalStateException("function " + name() + " returned an incorrect number of gradients "
                        + "(expected " + inputShapes.length + ", got " + (grads == null ? 0 : grads.length) + ")");
            }
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] == null || !needsGrad(i)) {
                    continue;
                }
                if (!Arrays.equals(grads[i].shape(), inputShapes[i])) {
                    throw new IllegalStateException("Function " + name() + " returned an invalid gradient at index "
                            + i + " - got " + Arrays.toString(grads[i].shape()) + " but expected shape compatible with "
                            + Arrays.toString(inputShapes[i]));
                }
                out[i] = grads[i];
            }
            return out;
        }
    }
}
