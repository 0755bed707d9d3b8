package dev.vgrad;

import static dev.vgrad.TorchFixturesTest.b;
import static dev.vgrad.TorchFixturesTest.f;
import static dev.vgrad.TorchFixturesTest.i;
import static dev.vgrad.TorchFixturesTest.t;

import java.util.Map;

/**
 * Replays scripts/torch_ops_fixtures.py's {@code inplace} steps: {@code step k inplace r:<op> %target args...}, PyTorch's
 * in-place op by its Python name (with the script's names for variants: {@code pow_tensor_}, {@code div_trunc_}, ...)
 * applied to the target through vgrad's twin, which returns the target itself; and its {@code random_fill} steps.
 */
final class InPlaceFixtures {
    private InPlaceFixtures() {}

    static Tensor apply(String[] args, Map<Integer, Tensor> v) {
        String op = args[0].substring(2);
        Tensor x = t(args[1], v);
        return switch (op) {
            case "neg_" -> x.neg_();
            case "negative_" -> x.negative_();
            case "exp_" -> x.exp_();
            case "log_" -> x.log_();
            case "abs_" -> x.abs_();
            case "absolute_" -> x.absolute_();
            case "relu_" -> x.relu_();
            case "sigmoid_" -> x.sigmoid_();
            case "tanh_" -> x.tanh_();
            case "sin_" -> x.sin_();
            case "cos_" -> x.cos_();
            case "log1p_" -> x.log1p_();
            case "expm1_" -> x.expm1_();
            case "reciprocal_" -> x.reciprocal_();
            case "rsqrt_" -> x.rsqrt_();
            case "sqrt_" -> x.sqrt_();
            case "erf_" -> x.erf_();
            case "erfc_" -> x.erfc_();
            case "erfinv_" -> x.erfinv_();
            case "floor_" -> x.floor_();
            case "ceil_" -> x.ceil_();
            case "round_" -> x.round_();
            case "trunc_" -> x.trunc_();
            case "fix_" -> x.fix_();
            case "tan_" -> x.tan_();
            case "asin_" -> x.asin_();
            case "arcsin_" -> x.arcsin_();
            case "acos_" -> x.acos_();
            case "arccos_" -> x.arccos_();
            case "atan_" -> x.atan_();
            case "arctan_" -> x.arctan_();
            case "sinh_" -> x.sinh_();
            case "cosh_" -> x.cosh_();
            case "asinh_" -> x.asinh_();
            case "arcsinh_" -> x.arcsinh_();
            case "acosh_" -> x.acosh_();
            case "arccosh_" -> x.arccosh_();
            case "atanh_" -> x.atanh_();
            case "arctanh_" -> x.arctanh_();
            case "log2_" -> x.log2_();
            case "log10_" -> x.log10_();
            case "exp2_" -> x.exp2_();
            case "lgamma_" -> x.lgamma_();
            case "digamma_" -> x.digamma_();
            case "i0_" -> x.i0_();
            case "sign_" -> x.sign_();
            case "sgn_" -> x.sgn_();
            case "square_" -> x.square_();
            case "frac_" -> x.frac_();
            case "sinc_" -> x.sinc_();
            case "deg2rad_" -> x.deg2rad_();
            case "rad2deg_" -> x.rad2deg_();
            case "logit_" -> x.logit_(f(args[2]));
            case "logit_none_" -> x.logit_();
            case "nan_to_num_" -> x.nanToNum_(f(args[2]), f(args[3]), f(args[4]));
            case "polygamma_" -> x.polygamma_(i(args[2]));
            case "mvlgamma_" -> x.mvlgamma_(i(args[2]));
            case "pow_" -> x.pow_(f(args[2]));
            case "pow_tensor_" -> x.pow_(t(args[2], v));
            case "tril_" -> x.tril_(i(args[2]));
            case "triu_" -> x.triu_(i(args[2]));
            case "cumsum_" -> x.cumsum_(i(args[2]));
            case "cumprod_" -> x.cumprod_(i(args[2]));
            case "renorm_" -> x.renorm_(f(args[2]), i(args[3]), f(args[4]));
            case "clamp_" -> x.clamp_(f(args[2]), f(args[3]));
            case "clamp_min_" -> x.clampMin_(f(args[2]));
            case "clamp_max_" -> x.clampMax_(f(args[2]));
            case "clip_" -> x.clip_(f(args[2]), f(args[3]));
            case "fmod_" -> x.fmod_(f(args[2]));
            case "remainder_" -> x.remainder_(f(args[2]));
            case "div_trunc_" -> x.div_(t(args[2], v), "trunc");
            case "div_floor_scalar_" -> x.div_(f(args[2]), "floor");
            case "floor_divide_" -> x.floorDivide_(t(args[2], v));
            case "floor_divide_scalar_" -> x.floorDivide_(f(args[2]));
            case "atan2_" -> x.atan2_(t(args[2], v));
            case "hypot_" -> x.hypot_(t(args[2], v));
            case "xlogy_" -> x.xlogy_(t(args[2], v));
            case "copysign_" -> x.copysign_(t(args[2], v));
            case "heaviside_" -> x.heaviside_(t(args[2], v));
            case "nextafter_" -> x.nextafter_(t(args[2], v));
            case "ldexp_" -> x.ldexp_(t(args[2], v));
            case "igamma_" -> x.igamma_(t(args[2], v));
            case "igammac_" -> x.igammac_(t(args[2], v));
            case "lerp_" -> x.lerp_(t(args[2], v), f(args[3]));
            case "multiply_" -> x.multiply_(t(args[2], v));
            case "divide_" -> x.divide_(t(args[2], v));
            case "true_divide_" -> x.trueDivide_(t(args[2], v));
            case "subtract_" -> x.subtract_(t(args[2], v));
            case "mul_" -> x.mul_(t(args[2], v));
            case "add_" -> x.add_(t(args[2], v));
            case "sub_" -> x.sub_(t(args[2], v));
            case "div_" -> x.div_(t(args[2], v));
            case "gt_" -> x.gt_(t(args[2], v));
            case "lt_scalar_" -> x.lt_(f(args[2]));
            case "ge_" -> x.ge_(t(args[2], v));
            case "le_" -> x.le_(t(args[2], v));
            case "eq_scalar_" -> x.eq_(f(args[2]));
            case "ne_" -> x.ne_(t(args[2], v));
            case "logical_and_" -> x.logicalAnd_(t(args[2], v));
            case "logical_or_" -> x.logicalOr_(t(args[2], v));
            case "logical_xor_" -> x.logicalXor_(t(args[2], v));
            case "logical_not_" -> x.logicalNot_();
            case "masked_fill_" -> x.maskedFill_(t(args[2], v).gt(0.5f), f(args[3]));
            case "masked_scatter_" -> x.maskedScatter_(t(args[2], v).gt(0.5f), t(args[3], v));
            case "index_fill_" -> x.indexFill_(i(args[2]), t(args[3], v), f(args[4]));
            case "index_add_" -> x.indexAdd_(i(args[2]), t(args[3], v), t(args[4], v), f(args[5]));
            case "index_copy_" -> x.indexCopy_(i(args[2]), t(args[3], v), t(args[4], v));
            case "index_reduce_" -> x.indexReduce_(i(args[2]), t(args[3], v), t(args[4], v), args[5].substring(2),
                    b(args[6]));
            case "scatter_" -> x.scatter_(i(args[2]), t(args[3], v), t(args[4], v));
            case "scatter_value_" -> x.scatter_(i(args[2]), t(args[3], v), f(args[4]));
            case "scatter_add_" -> x.scatterAdd_(i(args[2]), t(args[3], v), t(args[4], v));
            case "scatter_reduce_" -> x.scatterReduce_(i(args[2]), t(args[3], v), t(args[4], v), args[5].substring(2),
                    b(args[6]));
            case "put_" -> x.put_(t(args[2], v), t(args[3], v), b(args[4]));
            case "addmm_" -> x.addmm_(t(args[2], v), t(args[3], v));
            case "addr_" -> x.addr_(t(args[2], v), t(args[3], v), f(args[4]), f(args[5]));
            case "addmv_" -> x.addmv_(t(args[2], v), t(args[3], v), f(args[4]), f(args[5]));
            default -> throw new IllegalArgumentException("no in-place op " + op);
        };
    }
    /**
     * Replays a {@code random_fill} step: {@code r:<fill> %target i:<seed> args...}, the fill drawn from a generator
     * seeded as the script's {@code torch.Generator().manual_seed(seed)}.
     */
    static Tensor fill(String[] args, Map<Integer, Tensor> v) {
        String op = args[0].substring(2);
        Tensor x = t(args[1], v);
        Generator g = new Generator(i(args[2]));
        return switch (op) {
            case "uniform_" -> x.uniform_(f(args[3]), f(args[4]), g);
            case "normal_" -> x.normal_(f(args[3]), f(args[4]), g);
            case "bernoulli_" -> x.bernoulli_(f(args[3]), g);
            case "bernoulli_tensor_" -> x.bernoulli_(t(args[3], v), g);
            case "exponential_" -> x.exponential_(f(args[3]), g);
            case "geometric_" -> x.geometric_(f(args[3]), g);
            case "cauchy_" -> x.cauchy_(f(args[3]), f(args[4]), g);
            case "log_normal_" -> x.logNormal_(f(args[3]), f(args[4]), g);
            case "random_from_to_" -> x.random_(i(args[3]), i(args[4]), g);
            case "random_to_" -> x.random_(i(args[3]), g);
            case "random_" -> x.random_(g);
            case "normal_log_normal_" -> x.normal_(f(args[3]), f(args[4]), g).logNormal_(f(args[3]), f(args[4]), g);
            default -> throw new IllegalArgumentException("no random fill " + op);
        };
    }
    /**
     * Replays a {@code seeded_dropout} step: {@code r:<kind> %x i:<seed> f:<p> [%memory]}, the dropout (or the module
     * holding one, built from the same generator first, as after {@code torch.manual_seed(seed)}) in training mode.
     */
    static Tensor seededDropout(String[] args, Map<Integer, Tensor> v) {
        String kind = args[0].substring(2);
        Tensor x = t(args[1], v);
        Generator g = new Generator(i(args[2]));
        float p = f(args[3]);
        int width = x.size(x.dim() - 1);
        return switch (kind) {
            case "dropout" -> dev.vgrad.nn.Functional.dropout(x, p, true, g);
            case "dropout1d" -> dev.vgrad.nn.Functional.dropout1d(x, p, true, g);
            case "dropout2d" -> dev.vgrad.nn.Functional.dropout2d(x, p, true, g);
            case "dropout3d" -> dev.vgrad.nn.Functional.dropout3d(x, p, true, g);
            case "dropout2d_module" -> new dev.vgrad.nn.Dropout2d(p, g).forward(x);
            case "dropout3d_module" -> new dev.vgrad.nn.Dropout3d(p, g).forward(x);
            case "mha" -> new dev.vgrad.nn.MultiheadAttention(width, 2, p, false, g).forward(x);
            case "mha_weights" -> {
                java.util.List<Tensor> out = new dev.vgrad.nn.MultiheadAttention(width, 2, p, false, g)
                        .forwardWithWeights(x, x, x, null, null);
                yield out.get(0).add(out.get(1).sum());
            }
            case "encoder" -> new dev.vgrad.nn.TransformerEncoderLayer(width, 2, 12, p, g).forward(x);
            case "encoder_prenorm_gelu" -> new dev.vgrad.nn.TransformerEncoderLayer(width, 2, 12, p, "gelu", 1e-5f,
                    false, true, g).forward(x);
            case "decoder" -> new dev.vgrad.nn.TransformerDecoderLayer(width, 2, 12, p, g).forward(x, t(args[4], v));
            case "lstm" -> new dev.vgrad.nn.LSTM(width, 3, 2, true, false, p, false, g).forward(x);
            case "alpha_dropout" -> dev.vgrad.nn.Functional.alphaDropout(x, p, true, g);
            case "feature_alpha_dropout" -> dev.vgrad.nn.Functional.featureAlphaDropout(x, p, true, g);
            case "rrelu" -> dev.vgrad.nn.Functional.rrelu(x, p / 2, p, true, g);
            case "mha_function", "mha_function_weights" -> {
                Tensor w = Tensor.randn(g, 3 * width, width).mul(0.3f), b = Tensor.randn(g, 3 * width).mul(0.1f);
                Tensor ow = Tensor.randn(g, width, width).mul(0.3f), ob = Tensor.randn(g, width).mul(0.1f);
                boolean weights = kind.endsWith("weights");
                java.util.List<Tensor> out = dev.vgrad.nn.Functional.multiHeadAttentionForward(x, x, x, 2, w, b, null,
                        null, false, p, ow, ob, true, null, weights, null, true, g);
                yield weights ? out.get(0).add(out.get(1).sum()) : out.get(0);
            }
            default -> throw new IllegalArgumentException("no seeded dropout " + kind);
        };
    }
    /** Replays an {@code inplace_view} step: {@code r:<op> %target args...} (t_, transpose_, unsqueeze_, ...). */
    static Tensor view(String[] args, Map<Integer, Tensor> v) {
        String op = args[0].substring(2);
        Tensor x = t(args[1], v);
        return switch (op) {
            case "t_" -> x.t_();
            case "transpose_" -> x.transpose_(i(args[2]), i(args[3]));
            case "swapaxes_" -> x.swapaxes_(i(args[2]), i(args[3]));
            case "swapdims_" -> x.swapdims_(i(args[2]), i(args[3]));
            case "unsqueeze_" -> x.unsqueeze_(i(args[2]));
            case "squeeze_dim_" -> x.squeeze_(i(args[2]));
            case "squeeze_" -> x.squeeze_();
            case "as_strided_" -> x.asStrided_(TorchFixturesTest.s(args[2]), TorchFixturesTest.s(args[3]), i(args[4]));
            default -> throw new IllegalArgumentException("no in-place view op " + op);
        };
    }
}
