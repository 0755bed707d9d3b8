package dev.vgrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * torch.einsum for equations of lowercase or uppercase letters: "ij,jk->ik", "bhqd,bhkd->bhqk", "i,j->ij", or
 * without "->" (the letters seen once, in alphabetical order). Operands are contracted left to right, two at a time:
 * letters only one side needs are summed first, then the pair becomes one batched product (permute, reshape, bmm),
 * so every einsum is made of differentiable ops. Not supported: a letter repeated within one operand (a diagonal)
 * and "..." (each refused by name).
 */
final class Einsum {
    private Einsum() {}

    static Tensor einsum(String equation, List<Tensor> operands) {
        String eq = equation.replace(" ", "");
        if (eq.contains(".")) {
            throw new IllegalArgumentException("einsum(): ellipsis (...) is not supported by vgrad yet, in "
                    + equation);
        }
        String[] sides = eq.split("->", -1);
        if (sides.length > 2) {
            throw new IllegalArgumentException("einsum(): more than one '->' in " + equation);
        }
        String[] inputs = sides[0].split(",", -1);
        if (inputs.length != operands.size()) {
            throw new IllegalArgumentException("einsum(): more operands were provided than specified in the equation "
                    + "or fewer: " + inputs.length + " in " + equation + ", " + operands.size() + " given");
        }
        int[] sizes = new int[128];
        Arrays.fill(sizes, -1);
        for (int k = 0; k < inputs.length; k++) {
            String labels = inputs[k];
            Tensor t = operands.get(k);
            if (labels.length() != t.dim()) {
                throw new IllegalArgumentException("einsum(): the number of subscripts in the equation ("
                        + labels.length() + ") does not match the number of dimensions (" + t.dim()
                        + ") for operand " + k + " of shape " + Shapes.str(t.shape));
            }
            for (int d = 0; d < labels.length(); d++) {
                char c = labels.charAt(d);
                if (!Character.isLetter(c) || c >= 128) {
                    throw new IllegalArgumentException("einsum(): invalid subscript given at index " + d
                            + " of operand " + k + " in " + equation + ": subscripts are letters");
                }
                if (labels.indexOf(c) != d) {
                    throw new IllegalArgumentException("einsum(): subscript " + c + " is repeated in operand " + k
                            + " (a diagonal), which vgrad does not support yet");
                }
                if (sizes[c] >= 0 && sizes[c] != t.shape[d]) {
                    throw new IllegalArgumentException("einsum(): operands do not broadcast with remapped shapes: "
                            + "subscript " + c + " has size " + sizes[c] + " and " + t.shape[d] + " (operand " + k
                            + ", shape " + Shapes.str(t.shape) + ")");
                }
                sizes[c] = t.shape[d];
            }
        }
        String output = sides.length == 2 ? sides[1] : implicitOutput(inputs);
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

    /** The letters that appear exactly once over all inputs, in alphabetical order (numpy's implicit output). */
    private static String implicitOutput(String[] inputs) {
        int[] count = new int[128];
        for (String s : inputs) {
            for (char c : s.toCharArray()) {
                count[c]++;
            }
        }
        StringBuilder out = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            if (count[c] == 1) {
                out.append(c);
            }
        }
        return out.toString();
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
