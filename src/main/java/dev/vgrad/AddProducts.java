package dev.vgrad;

/**
 * PyTorch's fused "beta * input + alpha * product" ops written from vgrad's products, differentiable in every tensor:
 * baddbmm, addbmm, addmv, addr; and vdot.
 */
final class AddProducts {
    private AddProducts() {}

    /** beta * input + alpha * product, input broadcast; a beta of 0 ignores input (NaN in it included), as PyTorch's. */
    static Tensor combine(String op, Tensor input, Tensor product, float beta, float alpha) {
        Tensor scaled = alpha == 1f ? product : product.mul(alpha);
        Tensor.broadcastShapes(op, input.shape(), product.shape());
        if (beta == 0f) {
            return scaled.add(input.mul(0f).nanToNum(0f, 0f, 0f));
        }
        return (beta == 1f ? input : input.mul(beta)).add(scaled);
    }

    /** torch.baddbmm: beta input + alpha bmm(batch1, batch2). */
    static Tensor baddbmm(Tensor input, Tensor batch1, Tensor batch2, float beta, float alpha) {
        return combine("baddbmm", input, batch1.bmm(batch2), beta, alpha);
    }

    /** torch.addbmm: beta input + alpha (the sum over the batch of bmm(batch1, batch2)). */
    static Tensor addbmm(Tensor input, Tensor batch1, Tensor batch2, float beta, float alpha) {
        return combine("addbmm", input, batch1.bmm(batch2).sum(0, false), beta, alpha);
    }

    /** torch.addmv: beta input + alpha mat vec. */
    static Tensor addmv(Tensor input, Tensor mat, Tensor vec, float beta, float alpha) {
        return combine("addmv", input, mat.mv(vec), beta, alpha);
    }

    /** torch.addr: beta input + alpha outer(vec1, vec2). */
    static Tensor addr(Tensor input, Tensor vec1, Tensor vec2, float beta, float alpha) {
        return combine("addr", input, vec1.outer(vec2), beta, alpha);
    }

    /** torch.vdot for real vectors: the dot product of two 1-D tensors of one length. */
    static Tensor vdot(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + a.dim() + "D and " + b.dim()
                    + "D tensors");
        }
        return a.dot(b);
    }
}
