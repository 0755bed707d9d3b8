package dev.vgrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * torch.einsum for equations of lowercase or uppercase letters: "ij,jk->ik", "bhqd,bhkd->bhqk", "i,j->ij", or
 * without "->" (the letters seen once, in alphabetical order). "..." stands for the dimensions an operand's letters do
 * not name, right-aligned across operands and broadcast as PyTorch does (first in an implicit output); a letter
 * repeated within one operand takes that operand's diagonal ("ii->i", "bii->b"); a dimension of size 1 broadcasts
 * against the same letter's size elsewhere. Operands are contracted left to right, two at a time: letters only one
 * side needs are summed first, then the pair becomes one batched product (permute, reshape, bmm), so every einsum is
 * made of differentiable ops.
 */
final class Einsum {
    private Einsum() {}

    static Tensor einsum(String equation, List<Tensor> operands) {
        String eq = equation.replace(" ", "");
        String[] sides = eq.split("->", -1);
        if (sides.length > 2) {
            throw new IllegalArgumentException("einsum(): more than one '->' in " + equation);
        }
        String[] inputs = sides[0].split(",", -1);
        if (inputs.length != operands.size()) {
            throw new IllegalArgumentException("einsum(): more operands were provided than specified in the equation "
                    + "or fewer: " + inputs.length + " in " + equation + ", " + operands.size() + " given");
        }
        String output = sides.length == 2 ? sides[1] : null;
        if (eq.contains(".")) {
            String ellipsis = expandEllipses(equation, inputs, operands);
            output = output == null ? ellipsis + implicitOutput(inputs, ellipsis)
                    : replaceEllipsis(equation, output, ellipsis, "the output");
        }
        if (output == null) {   // before the diagonals: a repeated letter is summed, as in "ii" (a trace)
            output = implicitOutput(inputs, "");
        }
        operands = new ArrayList<>(operands);
        int[] sizes = new int[128];
        Arrays.fill(sizes, -1);
        for (int k = 0; k < inputs.length; k++) {
            Tensor t = operands.get(k);
            if (inputs[k].length() != t.dim()) {
                throw new IllegalArgumentException("einsum(): the number of subscripts in the equation ("
                        + inputs[k].length() + ") does not match the number of dimensions (" + t.dim()
                        + ") for operand " + k + " of shape " + Shapes.str(t.shape));
            }
            for (int d = 0; d < inputs[k].length(); d++) {
                char c = inputs[k].charAt(d);
                if (!Character.isLetter(c) || c >= 128) {
                    throw new IllegalArgumentException("einsum(): invalid subscript given at index " + d
                            + " of operand " + k + " in " + equation + ": subscripts are letters");
                }
            }
            // A repeated letter: the diagonal of its two dimensions, which diagonal() moves to the end.
            for (int d = 0; d < inputs[k].length(); d++) {
                char c = inputs[k].charAt(d);
                int again = inputs[k].indexOf(c, d + 1);
                if (again > 0) {
                    if (t.shape[d] != t.shape[again]) {
                        throw new IllegalArgumentException("einsum(): subscript " + c + " is repeated for operand " + k
                                + " but the sizes don't match, " + t.shape[d] + " != " + t.shape[again]);
                    }
                    t = t.diagonal(0, d, again);
                    inputs[k] = inputs[k].substring(0, d) + inputs[k].substring(d + 1, again)
                            + inputs[k].substring(again + 1) + c;
                    d = -1;
                }
            }
            operands.set(k, t);
            for (int d = 0; d < inputs[k].length(); d++) {
                char c = inputs[k].charAt(d);
                int n = t.shape[d];
                if (sizes[c] >= 0 && sizes[c] != n && sizes[c] != 1 && n != 1) {
                    throw new IllegalArgumentException("einsum(): operands do not broadcast with remapped shapes: "
                            + "subscript " + c + " has size " + sizes[c] + " and " + n + " (operand " + k
                            + ", shape " + Shapes.str(operands.get(k).shape) + ")");
                }
                sizes[c] = sizes[c] < 0 || sizes[c] == 1 ? n : sizes[c];   // 1 gives way to any size, 0 included
            }
        }
        for (int k = 0; k < inputs.length; k++) {   // size-1 dimensions broadcast to their letter's size
            Tensor t = operands.get(k);
            int[] target = new int[t.dim()];
            for (int d = 0; d < target.length; d++) {
                target[d] = sizes[inputs[k].charAt(d)];
            }
            if (!Arrays.equals(target, t.shape)) {
                operands.set(k, t.expand(target));
            }
        }
        for (int d = 0; d < output.length(); d++) {
            char c = output.charAt(d);
            if (c >= 128 || sizes[c] < 0) {
                throw new IllegalArgumentException("einsum(): output subscript " + c + " does not appear in the "
                        + "equation for any input operand, in " + equation);
            }
            if (output.indexOf(c) != d) {
                throw new IllegalArgumentException("einsum(): output subscript " + c + " appears more than once in the "
                        + "output, in " + equation);
            }
        }
        Tensor acc = operands.get(0);
        String accLabels = inputs[0];
        for (int k = 1; k < inputs.length; k++) {
            StringBuilder later = new StringBuilder(output);
            for (int j = k + 1; j < inputs.length; j++) {
                later.append(inputs[j]);
            }
            String kept = keep(accLabels + inputs[k], later.toString());
            acc = pair(acc, accLabels, operands.get(k), inputs[k], kept, sizes);
            accLabels = kept;
        }
        return reduceTo(acc, accLabels, output);
    }

    /**
     * The letters that appear exactly once over all inputs, in alphabetical order (numpy's implicit output), leaving
     * out those standing for "..." (which lead the output).
     */
    private static String implicitOutput(String[] inputs, String ellipsis) {
        int[] count = new int[128];
        for (String s : inputs) {
            for (char c : s.toCharArray()) {
                count[c]++;
            }
        }
        StringBuilder out = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            if (count[c] == 1 && ellipsis.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Replaces each operand's "..." by letters the equation does not use, one per dimension its letters leave unnamed,
     * right-aligned: the last dimension covered by "..." gets the same letter in every operand. Returns the letters of
     * the widest "..." (what "..." means in the output).
     */
    private static String expandEllipses(String equation, String[] inputs, List<Tensor> operands) {
        StringBuilder unused = new StringBuilder();
        for (char c = 'A'; c <= 'z'; c++) {
            if (Character.isLetter(c) && equation.indexOf(c) < 0) {
                unused.append(c);
            }
        }
        int widest = 0;
        int[] covered = new int[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            int at = inputs[k].indexOf("...");
            if (at < 0) {
                continue;
            }
            int named = inputs[k].length() - 3;
            covered[k] = operands.get(k).dim() - named;
            if (covered[k] < 0) {
                throw new IllegalArgumentException("einsum(): the number of subscripts in the equation (" + named
                        + ") is more than the number of dimensions (" + operands.get(k).dim() + ") for operand " + k);
            }
            widest = Math.max(widest, covered[k]);
        }
        if (widest > unused.length()) {
            throw new IllegalArgumentException("einsum(): \"...\" covers " + widest + " dimensions, more than the "
                    + unused.length() + " letters " + equation + " leaves free");
        }
        String ellipsis = unused.substring(0, widest);
        for (int k = 0; k < inputs.length; k++) {
            inputs[k] = replaceEllipsis(equation, inputs[k], ellipsis.substring(widest - covered[k]), "operand " + k);
        }
        return ellipsis;
    }

    /** labels with its "..." (at most one, and no other '.') replaced by letters. */
    private static String replaceEllipsis(String equation, String labels, String letters, String where) {
        int at = labels.indexOf("...");
        String rest = at < 0 ? labels : labels.substring(0, at) + labels.substring(at + 3);
        if (rest.indexOf('.') >= 0) {
            throw new IllegalArgumentException("einsum(): found '.' for " + where + " that is not part of any "
                    + "ellipsis, in " + equation);
        }
        return at < 0 ? labels : labels.substring(0, at) + letters + labels.substring(at + 3);
    }

    /** The letters of {@code labels} (once each, in order) that {@code needed} still uses. */
    private static String keep(String labels, String needed) {
        Set<Character> out = new LinkedHashSet<>();
        for (char c : labels.toCharArray()) {
            if (needed.indexOf(c) >= 0) {
                out.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        out.forEach(sb::append);
        return sb.toString();
    }

    /** x (labelled) summed over the letters {@code output} lacks, then permuted into output's order. */
    private static Tensor reduceTo(Tensor x, String labels, String output) {
        List<Integer> summed = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        for (int d = 0; d < labels.length(); d++) {
            if (output.indexOf(labels.charAt(d)) < 0) {
                summed.add(d);
            } else {
                rest.append(labels.charAt(d));
            }
        }
        Tensor y = summed.isEmpty() ? x : x.sum(summed.stream().mapToInt(Integer::intValue).toArray(), false);
        int[] order = new int[output.length()];
        for (int d = 0; d < order.length; d++) {
            order[d] = rest.indexOf(String.valueOf(output.charAt(d)));
        }
        return isIdentity(order) ? y : y.permute(order);
    }

    private static boolean isIdentity(int[] order) {
        for (int d = 0; d < order.length; d++) {
            if (order[d] != d) {
                return false;
            }
        }
        return true;
    }

    /** a (labels la) and b (labels lb) contracted into the letters {@code out}, as one batched product. */
    private static Tensor pair(Tensor a, String la, Tensor b, String lb, String out, int[] sizes) {
        String aOnly = keep(la, lb + out), bOnly = keep(lb, la + out);
        Tensor x = reduceTo(a, la, aOnly), y = reduceTo(b, lb, bOnly);
        StringBuilder batch = new StringBuilder(), left = new StringBuilder(), right = new StringBuilder(),
                contracted = new StringBuilder();
        for (char c : aOnly.toCharArray()) {
            boolean inB = bOnly.indexOf(c) >= 0, inOut = out.indexOf(c) >= 0;
            (inB ? (inOut ? batch : contracted) : left).append(c);
        }
        for (char c : bOnly.toCharArray()) {
            if (aOnly.indexOf(c) < 0) {
                right.append(c);
            }
        }
        Tensor xs = reduceTo(x, aOnly, "" + batch + left + contracted)
                .reshape(product(batch, sizes), product(left, sizes), product(contracted, sizes));
        Tensor ys = reduceTo(y, bOnly, "" + batch + contracted + right)
                .reshape(product(batch, sizes), product(contracted, sizes), product(right, sizes));
        String labels = "" + batch + left + right;
        int[] shape = new int[labels.length()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = sizes[labels.charAt(d)];
        }
        return reduceTo(xs.bmm(ys).reshape(shape), labels, out);
    }

    private static int product(CharSequence labels, int[] sizes) {
        int p = 1;
        for (int i = 0; i < labels.length(); i++) {
            p *= sizes[labels.charAt(i)];
        }
        return p;
    }
}
