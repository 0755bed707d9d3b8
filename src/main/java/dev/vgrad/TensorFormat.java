package dev.vgrad;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code repr} of a tensor (torch/_tensor_str.py), under the print options {@link PrintOptions} holds
 * (PyTorch's defaults: precision 4, threshold 1000, edgeitems 3, linewidth 80, notation chosen by the values).
 * Numbers are rounded from their exact binary value with round-half-even, as Python's format does, so the digits match
 * PyTorch's.
 */
final class TensorFormat {
    private TensorFormat() {}

    static String format(Tensor t) {
        PrintOptions.Settings s = PrintOptions.settings();
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        String body;
        if (t.numel() == 0) {
            body = "[]";
            if (t.dim() != 1) {
                suffixes.add("size=(" + sizeTuple(t.shape) + ")");
            }
        } else {
            boolean summarize = t.numel() > s.threshold();
            float[] values = t.toArray();
            Formatter f = new Formatter(summarize ? summarized(t, values, s.edgeitems()) : values, s);
            body = tensorStr(values, t.shape, Shapes.contiguousStrides(t.shape), 0, 0, indent, summarize, f, s);
        }
        if (t.gradFn() != null) {
            suffixes.add("grad_fn=<" + t.gradFn().name() + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requires_grad=True");
        }
        return addSuffixes(prefix + body, suffixes, indent, s.linewidth());
    }

    private static String sizeTuple(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return shape.length == 1 ? sb + "," : sb.toString();
    }

    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent, int linewidth) {
        StringBuilder sb = new StringBuilder(tensorStr);
        int lastLineLen = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLen + suffix.length() + 2 > linewidth) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** The values a summarized print shows: the first and last {@code edge} entries along every dimension. */
    private static float[] summarized(Tensor t, float[] values, int edge) {
        List<Float> out = new ArrayList<>();
        collectEdges(values, t.shape, Shapes.contiguousStrides(t.shape), 0, 0, edge, out);
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    private static void collectEdges(float[] v, int[] shape, int[] strides, int dim, int off, int edge,
                                     List<Float> out) {
        if (dim == shape.length) {
            out.add(v[off]);
            return;
        }
        for (int i : shownIndices(shape[dim], true, edge)) {
            if (i >= 0) {
                collectEdges(v, shape, strides, dim + 1, off + i * strides[dim], edge, out);
            }
        }
    }

    /** The indices printed along a dimension of this size; -1 marks the "..." between the edges. */
    private static int[] shownIndices(int size, boolean summarize, int edge) {
        if (!summarize || size <= 2 * edge) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] r = new int[2 * edge + 1];
        for (int i = 0; i < edge; i++) {
            r[i] = i;
            r[edge + 1 + i] = size - edge + i;
        }
        r[edge] = -1;
        return r;
    }

    private static String tensorStr(float[] v, int[] shape, int[] strides, int dim, int off, int indent,
                                    boolean summarize, Formatter f, PrintOptions.Settings s) {
        int rank = shape.length - dim;
        if (rank == 0) {
            return f.format(v[off]);
        }
        if (rank == 1) {
            int elementLength = f.width + 2;
            int perLine = Math.max(1, (int) Math.floor((s.linewidth() - indent) / (double) elementLength));
            List<String> data = new ArrayList<>();
            for (int i : shownIndices(shape[dim], summarize, s.edgeitems())) {
                data.add(i < 0 ? " ..." : f.format(v[off + i * strides[dim]]));
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < data.size(); i++) {
                if (i > 0) {
                    sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
                }
                sb.append(data.get(i));
            }
            return sb.append(']').toString();
        }
        List<String> slices = new ArrayList<>();
        for (int i : shownIndices(shape[dim], summarize, s.edgeitems())) {
            slices.add(i < 0 ? "..." : tensorStr(v, shape, strides, dim + 1, off + i * strides[dim], indent + 1,
                    summarize, f, s));
        }
        String sep = "," + "\n".repeat(rank - 1) + " ".repeat(indent + 1);
        return "[" + String.join(sep, slices) + "]";
    }

    /**
     * PyTorch's _Formatter: picks integer, fixed or scientific notation and one width for all elements. As in
     * PyTorch, the width comes from the finite nonzero values only: nan and inf are padded to it but never widen it;
     * and a notation forced by the print options leaves the width the chosen notation would have had.
     */
    private static final class Formatter {
        final int precision;
        boolean intMode = true;
        boolean sciMode;
        int width = 1;

        Formatter(float[] values, PrintOptions.Settings s) {
            precision = s.precision();
            // As in PyTorch, a tensor without finite nonzero values prints as integers whatever the options say.
            if (fit(values) && s.sciMode() != null) {
                sciMode = s.sciMode();
            }
        }

        /** Chooses the notation and width from the finite nonzero values; false when there are none. */
        private boolean fit(float[] values) {
            List<Float> finite = new ArrayList<>();
            for (float x : values) {
                if (Float.isFinite(x) && x != 0f) {
                    finite.add(x);
                }
            }
            if (finite.isEmpty()) {
                return false;
            }
            double min = Double.MAX_VALUE, max = 0;
            for (float x : finite) {
                min = Math.min(min, Math.abs((double) x));
                max = Math.max(max, Math.abs((double) x));
                if (x != Math.ceil(x)) {
                    intMode = false;
                }
            }
            if (intMode) {
                sciMode = max / min > 1000. || max > 1.e8;
                for (float x : finite) {
                    width = Math.max(width, sciMode ? sci(x, precision).length() : fixed(x, 0).length() + 1);
                }
            } else {
                sciMode = max / min > 1000. || max > 1.e8 || min < 1.e-4;
                for (float x : finite) {
                    width = Math.max(width, sciMode ? sci(x, precision).length() : fixed(x, precision).length());
                }
            }
            return true;
        }

        String format(float x) {
            String s;
            if (!Float.isFinite(x)) {
                s = nonFinite(x);
            } else if (sciMode) {
                s = sci(x, precision);
            } else if (intMode) {
                s = fixed(x, 0) + ".";
            } else {
                s = fixed(x, precision);
            }
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }

    private static String nonFinite(float x) {
        return Float.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    }

    /** Python's '{:.Nf}'.format(x) for the double value of x. */
    static String fixed(float x, int digits) {
        String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        if (x < 0 || (x == 0f && 1f / x < 0)) {
            return s.startsWith("-") ? s : "-" + s;
        }
        return s;
    }

    /** Python's '{:.Ne}'.format(x) for the double value of x ('{:.4e}' by default). */
    static String sci(float x, int digits) {
        if (x == 0f) {
            return (1f / x < 0 ? "-" : "") + "0" + (digits > 0 ? "." + "0".repeat(digits) : "") + "e+00";
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent).setScale(digits, RoundingMode.HALF_EVEN);
        String e = String.format("%02d", Math.abs(exponent));
        return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + e;
    }
}
