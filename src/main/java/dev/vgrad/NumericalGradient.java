package dev.vgrad;

import java.util.ArrayList;
import java.util.List;

/**
 * torch.gradient: the derivative of sampled values along each chosen dimension, by central differences inside and
 * one-sided ones of first or second order at the two ends, with uniform spacing or at given coordinates. Written in
 * tensor ops in PyTorch's order, so the results agree with its float ones and are differentiable.
 */
final class NumericalGradient {
    private NumericalGradient() {}

    /** Uniform spacing: one per dimension (spacing.length == dims.length) or one for all. dims null: every one. */
    static List<Tensor> uniform(Tensor f, float[] spacing, int[] dims, int edgeOrder) {
        int[] ds = checked(f, dims, edgeOrder, spacing.length);
        List<Tensor> out = new ArrayList<>(ds.length);
        for (int i = 0; i < ds.length; i++) {
            int d = ds[i];
            float h = spacing[spacing.length == 1 ? 0 : i];
            Tensor center = slice(f, d, 2, 0).sub(slice(f, d, 0, -2)).div(h);
            Tensor first, last;
            if (edgeOrder == 1) {
                first = slice(f, d, 1, 2).sub(slice(f, d, 0, 1)).div(h);
                last = slice(f, d, -1, 0).sub(slice(f, d, -2, -1)).div(h);
            } else {
                first = slice(f, d, 0, 1).mul(-1.5f).add(slice(f, d, 1, 2).mul(2f)).sub(slice(f, d, 2, 3).mul(0.5f))
                        .div(h);
                last = slice(f, d, -3, -2).mul(0.5f).add(slice(f, d, -2, -1).mul(-2f)).add(slice(f, d, -1, 0)
                        .mul(1.5f)).div(h);
            }
            out.add(Tensor.cat(List.of(first, center.div(2f), last), d));
        }
        return out;
    }

    /** At coordinates: one 1-D tensor per dimension of dims (null: every one), as long as that dimension. */
    static List<Tensor> atCoordinates(Tensor f, Tensor[] coordinates, int[] dims, int edgeOrder) {
        int[] ds = checked(f, dims, edgeOrder, coordinates.length);
        if (coordinates.length != ds.length) {
            throw new IllegalArgumentException("torch.gradient expected spacing to be unspecified, a scalar or its "
                    + "length to be equal to " + ds.length + " (the number of dimensions), got " + coordinates.length);
        }
        List<Tensor> out = new ArrayList<>(ds.length);
        for (int i = 0; i < ds.length; i++) {
            int d = ds[i];
            Tensor x = coordinates[i];
            if (x.dim() != 1 || x.numel() != f.size(d)) {
                throw new IllegalArgumentException("torch.gradient expected each tensor to be on the same device and "
                        + "1-D with the length of its dimension: coordinates " + i + " " + Shapes.str(x.shape)
                        + " for dimension " + d + " of size " + f.size(d));
            }
            int[] line = new int[f.dim()];
            java.util.Arrays.fill(line, 1);
            line[d] = -1;
            Tensor dx = x.diff(1, 0), dx1 = dx.narrow(0, 0, dx.numel() - 1), dx2 = dx.narrow(0, 1, dx.numel() - 1);
            Tensor a = dx2.neg().div(dx1.mul(dx1.add(dx2))).reshape(line);
            Tensor b = dx2.sub(dx1).div(dx1.mul(dx2)).reshape(line);
            Tensor c = dx1.div(dx2.mul(dx1.add(dx2))).reshape(line);
            Tensor center = a.mul(slice(f, d, 0, -2)).add(b.mul(slice(f, d, 1, -1))).add(c.mul(slice(f, d, 2, 0)));
            int n = dx.numel();
            Tensor h0 = dx.select(0, 0), hn = dx.select(0, n - 1);
            Tensor first, last;
            if (edgeOrder == 1) {
                first = slice(f, d, 1, 2).sub(slice(f, d, 0, 1)).div(h0);
                last = slice(f, d, -1, 0).sub(slice(f, d, -2, -1)).div(hn);
            } else {
                Tensor h1 = dx.select(0, 1), hm = dx.select(0, n - 2);
                Tensor a0 = h0.mul(2f).add(h1).neg().div(h0.mul(h0.add(h1)));
                Tensor b0 = h0.add(h1).div(h0.mul(h1));
                Tensor c0 = h0.neg().div(h1.mul(h0.add(h1)));
                first = a0.mul(slice(f, d, 0, 1)).add(b0.mul(slice(f, d, 1, 2))).add(c0.mul(slice(f, d, 2, 3)));
                Tensor an = hn.div(hm.mul(hn.add(hm)));
                Tensor bn = hn.add(hm).neg().div(hn.mul(hm));
                Tensor cn = hn.mul(2f).add(hm).div(hn.mul(hn.add(hm)));
                last = an.mul(slice(f, d, -3, -2)).add(bn.mul(slice(f, d, -2, -1))).add(cn.mul(slice(f, d, -1, 0)));
            }
            out.add(Tensor.cat(List.of(first, center, last), d));
        }
        return out;
    }

    /** The wrapped dimensions, after PyTorch's checks on them and on edgeOrder. */
    private static int[] checked(Tensor f, int[] dims, int edgeOrder, int spacings) {
        if (edgeOrder != 1 && edgeOrder != 2) {
            throw new IllegalArgumentException("torch.gradient only supports edge_order=1 and edge_order=2.");
        }
        int[] ds = dims != null ? dims.clone() : java.util.stream.IntStream.range(0, f.dim()).toArray();
        for (int i = 0; i < ds.length; i++) {
            ds[i] = Shapes.wrapDim(ds[i], f.dim());
            if (f.size(ds[i]) < edgeOrder + 1) {
                throw new IllegalArgumentException("torch.gradient expected each dimension size to be at least "
                        + "edge_order+1, got size " + f.size(ds[i]) + " at dimension " + ds[i] + " of "
                        + Shapes.str(f.shape) + " with edge_order " + edgeOrder);
            }
        }
        if (spacings != 1 && spacings != ds.length) {
            throw new IllegalArgumentException("torch.gradient expected spacing to be unspecified, a scalar or its "
                    + "length to be equal to " + ds.length + " (the number of dimensions), got " + spacings);
        }
        return ds;
    }

    /** Python's f[..., from:to] along d (to 0: to the end; negatives count from the end). */
    private static Tensor slice(Tensor f, int d, int from, int to) {
        int n = f.size(d), start = from < 0 ? from + n : from, end = to <= 0 ? to + n : to;
        return f.narrow(d, start, Math.max(0, end - start));
    }
}
