package dev.vgrad.optim;

import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;
import dev.vgrad.autograd.GradMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Limited-memory BFGS, a port of PyTorch 1.13's {@code torch.optim.LBFGS}: each {@link #step(Supplier)} runs up
 * to {@code maxIter} iterations, re-evaluating the closure (which must zero the gradients, compute the loss and
 * call backward), with either a fixed step or the strong-Wolfe line search. All parameters form one flat
 * vector. Quantities PyTorch holds as float32 tensors (dot products, the Hessian scale, the first step) are
 * kept as floats here, Python floats as doubles.
 */
public final class LBFGS extends Optimizer {
    private int maxIter = 20;
    private Integer maxEval;
    private double toleranceGrad = 1e-7;
    private double toleranceChange = 1e-9;
    private int historySize = 100;
    private String lineSearchFn;

    private int funcEvals;
    private int nIter;
    private Tensor d;
    private PyNum t;
    private final List<Tensor> oldDirs = new ArrayList<>();
    private final List<Tensor> oldStps = new ArrayList<>();
    private final List<Float> ro = new ArrayList<>();
    private float hDiag = 1f;
    private Tensor prevFlatGrad;
    private double prevLoss;

    /** LBFGS with learning rate {@code lr} (PyTorch's default is 1). */
    public LBFGS(List<Tensor> params, float lr) {
        super(params, lr);
    }

    /** Maximal iterations per step (default 20). */
    public LBFGS maxIter(int maxIter) {
        require(maxIter > 0, "max_iter value", maxIter);
        this.maxIter = maxIter;
        return this;
    }

    /** Maximal function evaluations per step (default maxIter * 5 / 4). */
    public LBFGS maxEval(int maxEval) {
        require(maxEval > 0, "max_eval value", maxEval);
        this.maxEval = maxEval;
        return this;
    }

    /** Stop when every gradient element is at most this (default 1e-7). */
    public LBFGS toleranceGrad(float tolerance) {
        this.toleranceGrad = exact(tolerance);
        return this;
    }

    /** Stop when the function or step changes by less than this (default 1e-9). */
    public LBFGS toleranceChange(float tolerance) {
        this.toleranceChange = exact(tolerance);
        return this;
    }

    /** How many updates the inverse-Hessian approximation remembers (default 100). */
    public LBFGS historySize(int historySize) {
        require(historySize > 0, "history_size value", historySize);
        this.historySize = historySize;
        return this;
    }

    /** "strong_wolfe" for the line search, or null for a fixed step (default). */
    public LBFGS lineSearchFn(String name) {
        if (name != null && !name.equals("strong_wolfe")) {
            throw new IllegalArgumentException("only 'strong_wolfe' is supported, got '" + name + "'");
        }
        this.lineSearchFn = name;
        return this;
    }

    /** Refused, as PyTorch's: LBFGS treats all its parameters as one vector, with one set of settings. */
    @Override
    public LBFGS addParamGroup(List<Tensor> params) {
        throw new UnsupportedOperationException("LBFGS doesn't support per-parameter options (parameter groups)");
    }

    /** Refused: LBFGS re-evaluates the loss, so it needs {@link #step(Supplier)}. */
    @Override
    public void step() {
        throw new IllegalStateException("LBFGS requires a closure: call step(closure)");
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        throw new IllegalStateException("LBFGS updates all parameters together in step(closure)");
    }

    private double evaluate(Supplier<Tensor> closure) {
        try (var g = GradMode.enableGrad()) {
            return closure.get().item();
        }
    }

    /**
     * Runs up to maxIter iterations; returns the loss the closure gave at the start. The history LBFGS keeps
     * between steps is state, so the whole step runs outside any arena.
     */
    public Tensor step(Supplier<Tensor> closure) {
        try (var heap = Arena.outside()) {
            return iterate(closure);
        }
    }

    private Tensor iterate(Supplier<Tensor> closure) {
        int maxEvals = maxEval != null ? maxEval : maxIter * 5 / 4;
        Tensor origLoss;
        try (var g = GradMode.enableGrad()) {
            origLoss = closure.get();
        }
        try (var g = GradMode.noGrad()) {
            double loss = origLoss.item();
            int currentEvals = 1;
            funcEvals++;
            Tensor flatGrad = gatherFlatGrad();
            if (absMax(flatGrad) <= toleranceGrad) {
                return origLoss;
            }
            int iter = 0;
            while (iter < maxIter) {
                iter++;
                nIter++;
                if (nIter == 1) {
                    d = flatGrad.neg();
                    oldDirs.clear();
                    oldStps.clear();
                    ro.clear();
                    hDiag = 1f;
                } else {
                    Tensor y = flatGrad.sub(prevFlatGrad);
                    Tensor s = d.mul(t.asFloat());
                    float ys = y.dot(s).item();
                    if (ys > 1e-10) {
                        if (oldDirs.size() == historySize) {
                            oldDirs.remove(0);
                            oldStps.remove(0);
                            ro.remove(0);
                        }
                        oldDirs.add(y);
                        oldStps.add(s);
                        ro.add(1f / ys);
                        hDiag = ys / y.dot(y).item();
                    }
                    int numOld = oldDirs.size();
                    float[] al = new float[numOld];
                    Tensor q = flatGrad.neg();
                    for (int k = numOld - 1; k >= 0; k--) {
                        al[k] = oldStps.get(k).dot(q).item() * ro.get(k);
                        q.add_(oldDirs.get(k), -al[k]);
                    }
                    Tensor r = q.mul(hDiag);
                    for (int k = 0; k < numOld; k++) {
                        float be = oldDirs.get(k).dot(r).item() * ro.get(k);
                        r.add_(oldStps.get(k), al[k] - be);
                    }
                    d = r;
                }
                prevFlatGrad = flatGrad.clone();
                prevLoss = loss;
                // PyTorch's first step is min(1, 1 / |g|_1) * lr, the reciprocal a float32 tensor.
                t = nIter == 1
                        ? PyNum.min(PyNum.py(1.0), PyNum.t(1f / flatGrad.abs().sum().item())).mul(lr)
                        : PyNum.py(lr);
                PyNum gtd = PyNum.t(flatGrad.dot(d).item());
                if (gtd.v() > -toleranceChange) {
                    break;
                }
                int lsFuncEvals;
                boolean optCond;
                if (lineSearchFn != null) {
                    List<Tensor> xInit = cloneParams();
                    WolfeResult res = strongWolfe(closure, xInit, t, d, loss, flatGrad, gtd);
                    loss = res.f;
                    flatGrad = res.g;
                    t = res.t;
                    lsFuncEvals = res.evals;
                    addGrad(t, d);
                    optCond = absMax(flatGrad) <= toleranceGrad;
                } else {
                    addGrad(t, d);
                    lsFuncEvals = 0;
                    optCond = false;
                    if (iter != maxIter) {
                        loss = evaluate(closure);
                        flatGrad = gatherFlatGrad();
                        optCond = absMax(flatGrad) <= toleranceGrad;
                        lsFuncEvals = 1;
                    }
                }
                currentEvals += lsFuncEvals;
                funcEvals += lsFuncEvals;
                if (iter == maxIter || currentEvals >= maxEvals || optCond) {
                    break;
                }
                if (absMax(d.mul(t.asFloat())) <= toleranceChange || Math.abs(loss - prevLoss) < toleranceChange) {
                    break;
                }
            }
        }
        return origLoss;
    }

    /** How many times the closure has been evaluated over all steps. */
    public int funcEvals() {
        return funcEvals;
    }

    private static float absMax(Tensor x) {
        return x.abs().max().item();
    }

    private Tensor gatherFlatGrad() {
        int total = 0;
        for (Tensor p : params) {
            total += p.numel();
        }
        float[] flat = new float[total];
        int off = 0;
        for (Tensor p : params) {
            if (p.grad() != null) {
                System.arraycopy(p.grad().toArray(), 0, flat, off, p.numel());
            }
            off += p.numel();
        }
        return Tensor.of(flat);
    }

    private void addGrad(PyNum step, Tensor update) {
        int off = 0;
        for (Tensor p : params) {
            p.add_(update.narrow(0, off, p.numel()).view(p.shape()), step.asFloat());
            off += p.numel();
        }
    }

    private List<Tensor> cloneParams() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            out.add(p.detach().clone());
        }
        return out;
    }

    private void setParams(List<Tensor> data) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).copy_(data.get(i));
        }
    }

    private record Eval(double f, Tensor g) {}

    private Eval directionalEvaluate(Supplier<Tensor> closure, List<Tensor> x, PyNum step, Tensor dir) {
        addGrad(step, dir);
        double f = evaluate(closure);
        Tensor g = gatherFlatGrad();
        setParams(x);
        return new Eval(f, g);
    }

    private record WolfeResult(double f, Tensor g, PyNum t, int evals) {}

    /**
     * PyTorch's _cubic_interpolate: the minimizer of the cubic through (x1, f1) and (x2, f2) with slopes g1 and
     * g2, clamped to [lo, hi], with PyTorch's mix of float32 tensors and Python floats.
     */
    static PyNum cubicInterpolate(PyNum x1, double f1, PyNum g1, PyNum x2, double f2, PyNum g2, PyNum lo, PyNum hi) {
        PyNum d1 = g1.add(g2).sub(PyNum.py(3 * (f1 - f2)).div(x1.sub(x2)));
        PyNum d2Square = d1.mul(d1).sub(g1.mul(g2));
        if (d2Square.v() >= 0) {
            PyNum d2 = d2Square.sqrt();
            PyNum minPos = x1.v() <= x2.v()
                    ? x2.sub(x2.sub(x1).mul(g2.add(d2).sub(d1).div(g2.sub(g1).add(d2.mul(2)))))
                    : x1.sub(x1.sub(x2).mul(g1.add(d2).sub(d1).div(g1.sub(g2).add(d2.mul(2)))));
            return PyNum.min(PyNum.max(minPos, lo), hi);
        }
        return lo.add(hi).div(PyNum.py(2));
    }

    private static PyNum cubicInterpolate(PyNum x1, double f1, PyNum g1, PyNum x2, double f2, PyNum g2) {
        boolean ordered = x1.v() <= x2.v();
        return cubicInterpolate(x1, f1, g1, x2, f2, g2, ordered ? x1 : x2, ordered ? x2 : x1);
    }

    private WolfeResult strongWolfe(Supplier<Tensor> closure, List<Tensor> x, PyNum t, Tensor d, double f, Tensor g,
                                    PyNum gtd) {
        final double c1 = 1e-4, c2 = 0.9;
        final int maxLs = 25;
        PyNum dNorm = PyNum.t(absMax(d));
        g = g.clone();
        Eval e = directionalEvaluate(closure, x, t, d);
        double fNew = e.f;
        Tensor gNew = e.g;
        int evals = 1;
        PyNum gtdNew = PyNum.t(gNew.dot(d).item());
        PyNum tPrev = PyNum.py(0);
        double fPrev = f;
        Tensor gPrev = g;
        PyNum gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        PyNum[] bracket = null, bracketGtd = null;
        double[] bracketF = null;
        Tensor[] bracketG = null;
        while (lsIter < maxLs) {
            if (fNew > PyNum.py(f).add(PyNum.py(c1).mul(t).mul(gtd)).v() || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new PyNum[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new Tensor[] {gPrev, gNew.clone()};
                bracketGtd = new PyNum[] {gtdPrev, gtdNew};
                break;
            }
            if (gtdNew.abs().v() <= gtd.mul(-c2).v()) {
                bracket = new PyNum[] {t};
                bracketF = new double[] {fNew};
                bracketG = new Tensor[] {gNew};
                done = true;
                break;
            }
            if (gtdNew.v() >= 0) {
                bracket = new PyNum[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new Tensor[] {gPrev, gNew.clone()};
                bracketGtd = new PyNum[] {gtdPrev, gtdNew};
                break;
            }
            PyNum minStep = t.add(PyNum.py(0.01).mul(t.sub(tPrev)));
            PyNum maxStep = t.mul(10);
            PyNum tmp = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew.clone();
            gtdPrev = gtdNew;
            e = directionalEvaluate(closure, x, t, d);
            fNew = e.f;
            gNew = e.g;
            evals++;
            gtdNew = PyNum.t(gNew.dot(d).item());
            lsIter++;
        }
        if (lsIter == maxLs) {
            bracket = new PyNum[] {PyNum.py(0), t};
            bracketF = new double[] {f, fNew};
            bracketG = new Tensor[] {g, gNew};
        }
        boolean insufProgress = false;
        int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < maxLs) {
            if (bracket[1].sub(bracket[0]).abs().mul(dNorm).v() < toleranceChange) {
                break;
            }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
            PyNum bMax = PyNum.max(bracket[0], bracket[1]), bMin = PyNum.min(bracket[0], bracket[1]);
            PyNum eps = PyNum.py(0.1).mul(bMax.sub(bMin));
            if (PyNum.min(bMax.sub(t), t.sub(bMin)).v() < eps.v()) {
                if (insufProgress || t.v() >= bMax.v() || t.v() <= bMin.v()) {
                    t = t.sub(bMax).abs().v() < t.sub(bMin).abs().v() ? bMax.sub(eps) : bMin.add(eps);
                    insufProgress = false;
                } else {
                    insufProgress = true;
                }
            } else {
                insufProgress = false;
            }
            e = directionalEvaluate(closure, x, t, d);
            fNew = e.f;
            gNew = e.g;
            evals++;
            gtdNew = PyNum.t(gNew.dot(d).item());
            lsIter++;
            if (fNew > PyNum.py(f).add(PyNum.py(c1).mul(t).mul(gtd)).v() || fNew >= bracketF[low]) {
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew.clone();
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (gtdNew.abs().v() <= gtd.mul(-c2).v()) {
                    done = true;
                } else if (gtdNew.mul(bracket[high].sub(bracket[low])).v() >= 0) {
                    bracket[high] = bracket[low];
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;
                bracketF[low] = fNew;
                bracketG[low] = gNew.clone();
                bracketGtd[low] = gtdNew;
            }
        }
        return new WolfeResult(bracketF[low], bracketG[low], bracket[low], evals);
    }

    /**
     * Refused: L-BFGS keeps one history for all parameters (directions, steps, the last loss and gradient), which
     * vgrad does not save; resuming it from a checkpoint is not supported.
     */
    @Override
    public java.util.Map<String, Tensor> stateDict() {
        throw new UnsupportedOperationException("LBFGS: stateDict is not supported (its history of directions and "
                + "steps is not saved); save the model's state dict and start a new LBFGS from it");
    }

    /** Refused, as {@link #stateDict()}. */
    @Override
    public void loadStateDict(java.util.Map<String, Tensor> saved) {
        throw new UnsupportedOperationException("LBFGS: loadStateDict is not supported (its history of directions and "
                + "steps is not saved)");
    }
}
