package dev.vgrad.optim;

/**
 * A number as PyTorch's Python optimizer code sees it: a Python float (double) or a 0-d float32 tensor.
 * Arithmetic with a tensor operand happens in float32, the Python operand cast to float first, and gives a
 * tensor; arithmetic of two Python floats stays double. {@link LBFGS}'s line search mixes the two exactly
 * this way (dot products are tensors, losses and bounds are floats), and reproducing it keeps vgrad's
 * steps bit-close to PyTorch's where the search is sensitive to rounding.
 */
record PyNum(double v, boolean tensor) {
    static PyNum py(double v) {
        return new PyNum(v, false);
    }

    static PyNum t(float v) {
        return new PyNum(v, true);
    }

    private static PyNum of(double exact, float single, boolean tensor) {
        return tensor ? new PyNum(single, true) : new PyNum(exact, false);
    }

    PyNum add(PyNum o) {
        return of(v + o.v, (float) v + (float) o.v, tensor || o.tensor);
    }

    PyNum sub(PyNum o) {
        return of(v - o.v, (float) v - (float) o.v, tensor || o.tensor);
    }

    PyNum mul(PyNum o) {
        return of(v * o.v, (float) v * (float) o.v, tensor || o.tensor);
    }

    PyNum div(PyNum o) {
        return of(v / o.v, (float) v / (float) o.v, tensor || o.tensor);
    }

    PyNum add(double o) {
        return add(py(o));
    }

    PyNum sub(double o) {
        return sub(py(o));
    }

    PyNum mul(double o) {
        return mul(py(o));
    }

    PyNum sqrt() {
        return of(Math.sqrt(v), (float) Math.sqrt((float) v), tensor);
    }

    PyNum abs() {
        return new PyNum(Math.abs(v), tensor);
    }

    PyNum neg() {
        return new PyNum(-v, tensor);
    }

    /** Python's max(a, b): b if b > a, else a (the object itself, tensor or float). */
    static PyNum max(PyNum a, PyNum b) {
        return b.v > a.v ? b : a;
    }

    /** Python's min(a, b): b if b < a, else a. */
    static PyNum min(PyNum a, PyNum b) {
        return b.v < a.v ? b : a;
    }

    /** The value a kernel receives as its scalar argument (alpha). */
    float asFloat() {
        return (float) v;
    }
}
