package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vgrad.memory.Arena;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the random programs that real PyTorch ran (scripts/torch_fixtures.py) through vgrad's public API and
 * compares every output and input gradient at 1e-4 relative.
 */
class TorchFixturesTest {
    static final float RTOL = 1e-4f;
    /** Absolute slack, relative to the largest expected magnitude: for elements that cancel to near zero. */
    static final float ATOL_SCALE = 1e-5f;

    @TestFactory
    Stream<DynamicTest> programsMatchPyTorch() throws IOException {
        List<List<String>> programs = read("/fixtures/torch_programs.txt");
        if (programs.size() < 400) {
            fail("expected the full fixture set, found " + programs.size() + " programs");
        }
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.get(0).substring("program ".length()),
                () -> replayNamed(p)));
    }

    /**
     * The same programs inside an arena that fills the buffers it takes back with NaN ({@link Arena#openPoisoned}):
     * each runs once, the arena is reset, and the second run gets the first run's buffers, NaN throughout. An op
     * that reads floats of its result or scratch before writing them fails the comparison.
     */
    @TestFactory
    Stream<DynamicTest> programsMatchPyTorchOnPoisonedBuffers() throws IOException {
        return read("/fixtures/torch_programs.txt").stream().map(p -> DynamicTest.dynamicTest(
                p.get(0).substring("program ".length()), () -> replayOnPoisonedBuffers(p)));
    }

    /** {@link #replayNamed} twice in a poisoned arena, reset between: the second run on the first's NaN buffers. */
    static void replayOnPoisonedBuffers(List<String> lines) {
        try (Arena arena = Arena.openPoisoned()) {
            replayNamed(lines);
            arena.reset();
            replayNamed(lines);
        }
    }

    static List<List<String>> read(String resource) throws IOException {
        var in = open(resource);
        assertNotNull(in, "missing fixture " + resource + " (regenerate with scripts/torch_fixtures.py)");
        List<List<String>> programs = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> current = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("program ")) {
                    current = new ArrayList<>();
                    programs.add(current);
                }
                if (current != null && !line.startsWith("#")) {
                    current.add(line);
                    if (line.equals("end")) {
                        current = null;   // what follows a program (factories, modules) is not part of it
                    }
                }
            }
        }
        return programs;
    }

    /**
     * A fixture file: the committed resource, or with {@code -Dvgrad.fixtures.dir} the file of the same name there
     * (scripts/fixture-seeds.sh writes programs drawn under other seeds there); null where there is none.
     */
    static InputStream open(String resource) throws IOException {
        String dir = System.getProperty("vgrad.fixtures.dir");
        if (dir == null || dir.isEmpty()) {
            return TorchFixturesTest.class.getResourceAsStream(resource);
        }
        Path file = Path.of(dir, resource.substring(resource.lastIndexOf('/') + 1));
        return Files.exists(file) ? Files.newInputStream(file) : null;
    }

    /** {@link #replay}, a failure's message starting with the program's name (its first line). */
    static void replayNamed(List<String> lines) {
        try {
            replay(lines);
        } catch (AssertionError e) {
            throw new AssertionError(lines.get(0) + ": " + e.getMessage(), e);
        }
    }

    static void replay(List<String> lines) {
        Map<Integer, Tensor> values = new HashMap<>();
        Tensor out = null;
        for (String line : lines) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "input" -> {
                    int[] shape = shape(f[3]);
                    Tensor t = Tensor.of(floats(f, 4), shape);
                    if (f[2].equals("1")) {
                        t.requiresGrad_();
                    }
                    values.put(Integer.parseInt(f[1]), t);
                }
                case "step" -> values.put(Integer.parseInt(f[1]), apply(f[2], Arrays.copyOfRange(f, 3, f.length), values));
                case "output" -> {
                    out = values.get(Integer.parseInt(f[1]));
                    assertArrayEquals(shape(f[2]), out.shape(), "output shape");
                    assertClose("output", floats(f, 3), out.toArray());
                }
                case "gradient" -> {
                    if (f[1].equals("implicit")) {
                        out.backward();
                    } else if (!f[1].equals("none")) {
                        out.backward(Tensor.of(floats(f, 2), shape(f[1])));
                    }
                }
                case "grad" -> {
                    Tensor x = values.get(Integer.parseInt(f[1]));
                    if (f.length > 2 && f[2].equals("none")) {
                        assertNull(x.grad(), "input " + f[1] + " should have no grad");
                    } else {
                        assertNotNull(x.grad(), "input " + f[1] + " has no grad");
                        assertClose("grad of input " + f[1], floats(f, 2), x.grad().toArray());
                    }
                }
                default -> { }
            }
        }
    }

    static Tensor apply(String op, String[] args, Map<Integer, Tensor> v) {
        Tensor a = args.length > 0 && args[0].startsWith("%") ? v.get(Integer.parseInt(args[0].substring(1))) : null;
        return switch (op) {
            case "add" -> a.add(t(args[1], v));
            case "sub" -> a.sub(t(args[1], v));
            case "mul" -> a.mul(t(args[1], v));
            case "div" -> a.div(t(args[1], v));
            case "pow" -> a.pow(t(args[1], v));
            case "add_" -> a.add_(t(args[1], v));
            case "sub_" -> a.sub_(t(args[1], v));
            case "mul_" -> a.mul_(t(args[1], v));
            case "div_" -> a.div_(t(args[1], v));
            case "add_scalar" -> a.add(f(args[1]));
            case "sub_scalar" -> a.sub(f(args[1]));
            case "mul_scalar" -> a.mul(f(args[1]));
            case "div_scalar" -> a.div(f(args[1]));
            case "rsub_scalar" -> a.rsub(f(args[1]));
            case "pow_scalar" -> a.pow(f(args[1]));
            case "clamp" -> a.clamp(f(args[1]), f(args[2]));
            case "neg" -> a.neg();
            case "exp" -> a.exp();
            case "log" -> a.log();
            case "sqrt" -> a.sqrt();
            case "abs" -> a.abs();
            case "relu" -> a.relu();
            case "sigmoid" -> a.sigmoid();
            case "tanh" -> a.tanh();
            case "sum" -> a.sum();
            case "mean" -> a.mean();
            case "max" -> a.max();
            case "sum_dim" -> a.sum(i(args[1]), b(args[2]));
            case "mean_dim" -> a.mean(i(args[1]), b(args[2]));
            case "max_dim" -> a.max(i(args[1]), b(args[2]));
            case "matmul" -> a.matmul(t(args[1], v));
            case "t" -> a.t();
            case "transpose" -> a.transpose(i(args[1]), i(args[2]));
            case "permute" -> a.permute(s(args[1]));
            case "reshape" -> a.reshape(s(args[1]));
            case "view" -> a.view(s(args[1]));
            case "unsqueeze" -> a.unsqueeze(i(args[1]));
            case "squeeze" -> a.squeeze(i(args[1]));
            case "expand" -> a.expand(s(args[1]));
            case "narrow" -> a.narrow(i(args[1]), i(args[2]), i(args[3]));
            case "select" -> a.select(i(args[1]), i(args[2]));
            case "contiguous" -> a.contiguous();
            case "softmax" -> a.softmax(i(args[1]));
            case "log_softmax" -> a.logSoftmax(i(args[1]));
            case "cross_entropy" -> Loss.crossEntropy(a, t(args[1], v), r(args[2]));
            case "nll_loss" -> Loss.nllLoss(a, t(args[1], v), r(args[2]));
            case "bce" -> Loss.binaryCrossEntropy(a, t(args[1], v), r(args[2]));
            case "bce_logits" -> Loss.binaryCrossEntropyWithLogits(a, t(args[1], v), r(args[2]));
            case "mse_loss" -> Loss.mseLoss(a, t(args[1], v), r(args[2]));
            case "l1_loss" -> Loss.l1Loss(a, t(args[1], v), r(args[2]));
            case "linear" -> dev.vgrad.nn.Functional.linear(a, t(args[1], v), t(args[2], v));
            // the CNN/transformer op set (scripts/torch_ops_fixtures.py)
            case "sin" -> a.sin();
            case "cos" -> a.cos();
            case "log1p" -> a.log1p();
            case "expm1" -> a.expm1();
            case "reciprocal" -> a.reciprocal();
            case "square" -> a.square();
            case "rsqrt" -> a.rsqrt();
            case "erf" -> a.erf();
            case "gt" -> a.gt(t(args[1], v));
            case "lt" -> a.lt(t(args[1], v));
            case "ge" -> a.ge(t(args[1], v));
            case "le" -> a.le(t(args[1], v));
            case "eq" -> a.eq(t(args[1], v));
            case "ne" -> a.ne(t(args[1], v));
            case "gt_scalar" -> a.gt(f(args[1]));
            case "lt_scalar" -> a.lt(f(args[1]));
            case "ge_scalar" -> a.ge(f(args[1]));
            case "le_scalar" -> a.le(f(args[1]));
            case "eq_scalar" -> a.eq(f(args[1]));
            case "ne_scalar" -> a.ne(f(args[1]));
            case "full_like" -> a.fullLike(f(args[1]));
            case "cat" -> Tensor.cat(refs(args, v), i(args[args.length - 1]));
            case "stack" -> Tensor.stack(refs(args, v), i(args[args.length - 1]));
            case "split_pick" -> a.split(i(args[1]), i(args[2])).get(i(args[3]));
            case "chunk_pick" -> a.chunk(i(args[1]), i(args[2])).get(i(args[3]));
            case "flatten2" -> a.flatten(i(args[1]), i(args[2]));
            case "repeat" -> a.repeat(s(args[1]));
            case "tril" -> a.tril(i(args[1]));
            case "triu" -> a.triu(i(args[1]));
            case "where" -> Tensor.where(a, t(args[1], v), t(args[2], v));
            case "masked_fill" -> a.maskedFill(t(args[1], v), f(args[2]));
            case "min" -> a.min();
            case "min_dim" -> a.min(i(args[1]), b(args[2]));
            case "argmin" -> a.argmin(i(args[1]), b(args[2]));
            case "var" -> a.var(i(args[1]), b(args[2]), b(args[3]));
            case "std" -> a.std(i(args[1]), b(args[2]), b(args[3]));
            case "logsumexp" -> a.logsumexp(i(args[1]), b(args[2]));
            case "cumsum" -> a.cumsum(i(args[1]));
            case "norm" -> a.norm();
            case "norm_p" -> a.norm(f(args[1]), i(args[2]), b(args[3]));
            case "gather" -> a.gather(i(args[1]), t(args[2], v));
            case "scatter_add" -> a.scatterAdd(i(args[1]), t(args[2], v), t(args[3], v));
            case "bmm" -> a.bmm(t(args[1], v));
            case "gelu" -> dev.vgrad.nn.Functional.gelu(a, args[1].substring(2));
            case "silu" -> dev.vgrad.nn.Functional.silu(a);
            case "leaky_relu" -> dev.vgrad.nn.Functional.leakyRelu(a, f(args[1]));
            case "softplus" -> dev.vgrad.nn.Functional.softplus(a, f(args[1]), f(args[2]));
            case "elu" -> dev.vgrad.nn.Functional.elu(a, f(args[1]));
            case "selu" -> dev.vgrad.nn.Functional.selu(a);
            case "hardtanh" -> dev.vgrad.nn.Functional.hardtanh(a, f(args[1]), f(args[2]));
            case "relu6" -> dev.vgrad.nn.Functional.relu6(a);
            case "hardsigmoid" -> dev.vgrad.nn.Functional.hardsigmoid(a);
            case "hardswish" -> dev.vgrad.nn.Functional.hardswish(a);
            case "logsigmoid" -> dev.vgrad.nn.Functional.logsigmoid(a);
            case "mish" -> dev.vgrad.nn.Functional.mish(a);
            case "huber_loss" -> dev.vgrad.nn.Functional.huberLoss(a.mul(2f), t(args[1], v), args[2].substring(2),
                    f(args[3]));
            case "normalize" -> dev.vgrad.nn.Functional.normalize(a, f(args[1]), i(args[2]), f(args[3]));
            case "cosine_similarity" -> dev.vgrad.nn.Functional.cosineSimilarity(a, t(args[1], v), i(args[2]),
                    f(args[3]));
            case "pad" -> dev.vgrad.nn.Functional.pad(a, s(args[1]), "constant", f(args[2]));
            case "pad_mode" -> dev.vgrad.nn.Functional.pad(a, s(args[1]), args[2].substring(2), 0f);
            case "amax" -> a.amax(i(args[1]), b(args[2]));
            case "amin" -> a.amin(i(args[1]), b(args[2]));
            case "roll" -> a.roll(i(args[1]), i(args[2]));
            case "outer" -> a.outer(t(args[1], v));
            case "unbind_k" -> a.unbind(i(args[1])).get(i(args[2]));
            case "isnan" -> a.isnan();
            case "isinf" -> a.isinf();
            case "isfinite" -> a.isfinite();
            case "any" -> a.any();
            case "all" -> a.all();
            case "any_dim" -> a.any(i(args[1]), b(args[2]));
            case "all_dim" -> a.all(i(args[1]), b(args[2]));
            case "clamp_min" -> a.clampMin(f(args[1]));
            case "clamp_max" -> a.clampMax(f(args[1]));
            case "one_hot" -> dev.vgrad.nn.Functional.oneHot(a, i(args[1]));
            case "group_norm" -> dev.vgrad.nn.Functional.groupNorm(a, i(args[1]), t(args[2], v), t(args[3], v), f(args[4]));
            case "lerp" -> args[2].startsWith("%") ? a.lerp(t(args[1], v), t(args[2], v))
                    : a.lerp(t(args[1], v), f(args[2]));
            case "clamp_tensors" -> a.clamp(t(args[1], v), t(args[2], v));
            case "embedding_options" -> dev.vgrad.nn.Functional.embedding(a, t(args[1], v),
                    args[2].equals("r:none") ? null : i(args[2]), args[3].equals("r:none") ? null : f(args[3]),
                    f(args[4]), b(args[5]));
            case "clamp_min_tensor" -> a.clampMin(t(args[1], v));
            case "clamp_max_tensor" -> a.clampMax(t(args[1], v));
            case "repeat_interleave" -> a.repeatInterleave(i(args[1]), i(args[2]));
            case "argmax_flat" -> a.argmax();
            case "argmin_flat" -> a.argmin();
            case "tan" -> a.tan();
            case "asin" -> a.asin();
            case "acos" -> a.acos();
            case "atan" -> a.atan();
            case "sinh" -> a.sinh();
            case "cosh" -> a.cosh();
            case "asinh" -> a.asinh();
            case "acosh" -> a.acosh();
            case "angle" -> a.angle();
            case "atanh" -> a.atanh();
            case "log2" -> a.log2();
            case "log10" -> a.log10();
            case "exp2" -> a.exp2();
            case "atan2" -> a.atan2(t(args[1], v));
            case "hypot" -> a.hypot(t(args[1], v));
            case "logaddexp" -> a.logaddexp(t(args[1], v));
            case "xlogy" -> a.xlogy(t(args[1], v));
            case "cumprod" -> a.cumprod(i(args[1]));
            case "prod_all" -> a.prod();
            case "prod_dim" -> a.prod(i(args[1]), b(args[2]));
            case "cummax" -> a.cummax(i(args[1])).get(0);
            case "cummax_idx" -> a.cummax(i(args[1])).get(1);
            case "cummin" -> a.cummin(i(args[1])).get(0);
            case "cummin_idx" -> a.cummin(i(args[1])).get(1);
            case "logcumsumexp" -> a.logcumsumexp(i(args[1]));
            case "scatter" -> a.scatter(i(args[1]), t(args[2], v), t(args[3], v));
            case "scatter_value" -> a.scatter(i(args[1]), t(args[2], v), f(args[3]));
            case "index_add" -> a.indexAdd(i(args[1]), t(args[2], v), t(args[3], v), f(args[4]));
            case "index_copy" -> a.indexCopy(i(args[1]), t(args[2], v), t(args[3], v));
            case "index_fill" -> a.indexFill(i(args[1]), t(args[2], v), f(args[3]));
            case "masked_select" -> a.maskedSelect(t(args[1], v));
            case "nonzero" -> a.nonzero();
            case "take_along_dim" -> a.takeAlongDim(t(args[1], v), i(args[2]));
            case "take_along_dim_flat" -> a.takeAlongDim(t(args[1], v));
            case "movedim" -> a.movedim(i(args[1]), i(args[2]));
            case "swapaxes" -> a.swapaxes(i(args[1]), i(args[2]));
            case "rot90" -> a.rot90(i(args[1]), i(args[2]), i(args[3]));
            case "expand_as" -> a.expandAs(t(args[1], v));
            case "view_as" -> a.viewAs(t(args[1], v));
            case "reshape_as" -> a.reshapeAs(t(args[1], v));
            case "celu" -> dev.vgrad.nn.Functional.celu(a, f(args[1]));
            case "softshrink" -> dev.vgrad.nn.Functional.softshrink(a, f(args[1]));
            case "hardshrink" -> dev.vgrad.nn.Functional.hardshrink(a, f(args[1]));
            case "tanhshrink" -> dev.vgrad.nn.Functional.tanhshrink(a);
            case "threshold" -> dev.vgrad.nn.Functional.threshold(a, f(args[1]), f(args[2]));
            case "soft_margin_loss" -> dev.vgrad.nn.Functional.softMarginLoss(a, t(args[1], v), args[2].substring(2));
            case "multilabel_soft_margin_loss" -> dev.vgrad.nn.Functional.multilabelSoftMarginLoss(a, t(args[1], v), null,
                    args[2].substring(2));
            case "multilabel_soft_margin_loss_w" -> dev.vgrad.nn.Functional.multilabelSoftMarginLoss(a, t(args[1], v),
                    t(args[2], v), args[3].substring(2));
            case "hinge_embedding_loss" -> dev.vgrad.nn.Functional.hingeEmbeddingLoss(a, t(args[1], v), f(args[2]),
                    args[3].substring(2));
            case "multi_margin_loss" -> dev.vgrad.nn.Functional.multiMarginLoss(a, t(args[1], v), i(args[2]), f(args[3]),
                    null, args[4].substring(2));
            case "multi_margin_loss_w" -> dev.vgrad.nn.Functional.multiMarginLoss(a, t(args[1], v), i(args[2]),
                    f(args[3]), t(args[4], v), args[5].substring(2));
            case "poisson_nll_loss" -> dev.vgrad.nn.Functional.poissonNllLoss(a, t(args[1], v), b(args[2]), b(args[3]),
                    1e-8f, args[4].substring(2));
            case "gaussian_nll_loss" -> dev.vgrad.nn.Functional.gaussianNllLoss(a, t(args[1], v), t(args[2], v),
                    b(args[3]), 1e-6f, args[4].substring(2));
            case "kl_div_log_target" -> dev.vgrad.nn.Functional.klDiv(a, t(args[1], v), args[2].substring(2), true);
            case "pixel_shuffle" -> dev.vgrad.nn.Functional.pixelShuffle(a, i(args[1]));
            case "pixel_unshuffle" -> dev.vgrad.nn.Functional.pixelUnshuffle(a, i(args[1]));
            case "instance_norm" -> dev.vgrad.nn.Functional.instanceNorm(a, null, null, 1e-5f);
            case "instance_norm_affine" -> dev.vgrad.nn.Functional.instanceNorm(a, t(args[1], v), t(args[2], v), 1e-5f);
            case "adaptive_max_pool2d" -> dev.vgrad.nn.Functional.adaptiveMaxPool2d(a, s(args[1]));
            case "adaptive_max_pool3d" -> dev.vgrad.nn.Functional.adaptiveMaxPool3d(a, s(args[1]));
            case "adaptive_max_pool1d" -> dev.vgrad.nn.Functional.adaptiveMaxPool1d(a, i(args[1]));
            case "bilinear" -> dev.vgrad.nn.Functional.bilinear(a, t(args[1], v), t(args[2], v), t(args[3], v));
            case "bilinear_nobias" -> dev.vgrad.nn.Functional.bilinear(a, t(args[1], v), t(args[2], v), null);
            case "cross" -> a.cross(t(args[1], v), i(args[2]));
            case "kron" -> a.kron(t(args[1], v));
            case "tensordot_n" -> a.tensordot(t(args[1], v), i(args[2]));
            case "tensordot_pairs" -> a.tensordot(t(args[1], v), s(args[2]), s(args[3]));
            case "cdist" -> Tensor.cdist(a, t(args[1], v), f(args[2]));
            case "meshgrid0" -> Tensor.meshgrid(List.of(a, t(args[1], v)), args[2].substring(2)).get(0);
            case "meshgrid1" -> Tensor.meshgrid(List.of(a, t(args[1], v)), args[2].substring(2)).get(1);
            case "bincount" -> a.bincount(null, i(args[1]));
            case "bincount_w" -> a.bincount(t(args[1], v), i(args[2]));
            case "embedding_bag" -> dev.vgrad.nn.Functional.embeddingBag(t(args[1], v), a,
                    args[2].equals("r:none") ? null : indexTensor(s("s:" + args[2].substring(2))), args[3].substring(2),
                    args[4].startsWith("%") ? t(args[4], v) : null, b(args[5]), i(args[6]) == -1000 ? null : i(args[6]));
            case "pad_sequence" -> dev.vgrad.nn.utils.Rnn.padSequence(refs(args, v), b(args[args.length - 2]),
                    f(args[args.length - 1]));
            case "parameters_to_vector" -> dev.vgrad.nn.utils.ParameterVectors.parametersToVector(refs(args, v));
            case "max_pool2d_indices" -> dev.vgrad.nn.Functional.maxPool2dWithIndices(a, s(args[1]), s(args[2]),
                    s(args[3])).get(1);
            case "max_unpool2d" -> dev.vgrad.nn.Functional.maxUnpool2d(a, t(args[1], v), s(args[2]), s(args[3]),
                    s(args[4]), args[5].equals("r:none") ? null : s("s:" + args[5].substring(2)));
            case "max_pool1d_indices" -> dev.vgrad.nn.Functional.maxPool1dWithIndices(a, i(args[1]), i(args[2]),
                    i(args[3])).get(1);
            case "max_unpool1d" -> dev.vgrad.nn.Functional.maxUnpool1d(a, t(args[1], v), i(args[2]), i(args[3]),
                    i(args[4]), null);
            case "affine_grid" -> dev.vgrad.nn.Functional.affineGrid(a, s(args[1]), b(args[2]));
            case "grid_sample" -> dev.vgrad.nn.Functional.gridSample(a, t(args[1], v), args[2].substring(2),
                    args[3].substring(2), b(args[4]));
            case "multilabel_margin_loss" -> dev.vgrad.nn.Functional.multilabelMarginLoss(a, t(args[1], v),
                    args[2].substring(2));
            case "triplet_margin_with_distance_loss" -> dev.vgrad.nn.Functional.tripletMarginWithDistanceLoss(a,
                    t(args[1], v), t(args[2], v), distance(args[3].substring(2)), f(args[4]), b(args[5]),
                    args[6].substring(2));
            case "cov" -> a.cov(i(args[1]));
            case "corrcoef" -> a.corrcoef();
            case "trapezoid" -> a.trapezoid(f(args[1]), i(args[2]));
            case "cumulative_trapezoid" -> a.cumulativeTrapezoid(f(args[1]), i(args[2]));
            case "diff" -> a.diff(i(args[1]), i(args[2]));
            case "inner" -> a.inner(t(args[1], v));
            case "logit" -> a.logit();
            case "logit_eps" -> a.logit(f(args[1]));
            case "sinc" -> a.sinc();
            case "nansum" -> a.nansum();
            case "nanmean" -> a.nanmean();
            case "count_nonzero" -> a.countNonzero(i(args[1]));
            case "copysign" -> a.copysign(t(args[1], v));
            case "heaviside" -> a.heaviside(t(args[1], v));
            case "isin" -> a.isin(t(args[1], v));
            case "deg2rad" -> a.deg2rad();
            case "rad2deg" -> a.rad2deg();
            case "ctc_loss" -> dev.vgrad.nn.Functional.ctcLoss(a, t(args[1], v), s(args[2]), s(args[3]), i(args[4]),
                    args[5].substring(2), b(args[6]));
            case "histc" -> a.histc(i(args[1]), f(args[2]), f(args[3]));
            case "unique_0" -> a.unique(true, true).get(0);
            case "unique_1" -> a.unique(true, true).get(1);
            case "unique_2" -> a.unique(true, true).get(2);
            case "searchsorted" -> Tensor.searchsorted(a, t(args[1], v), b(args[2]));
            case "bucketize" -> a.bucketize(t(args[1], v), b(args[2]));
            case "triu_indices" -> Tensor.triuIndices(i(args[1]), i(args[2]), i(args[3]));
            case "tril_indices" -> Tensor.trilIndices(i(args[1]), i(args[2]), i(args[3]));
            case "unfold" -> dev.vgrad.nn.Functional.unfold(a, s(args[1]), s(args[2]), s(args[3]), s(args[4]));
            case "fold" -> dev.vgrad.nn.Functional.fold(a, s(args[1]), s(args[2]), s(args[3]), s(args[4]), s(args[5]));
            case "diagonal" -> a.diagonal(i(args[1]), i(args[2]), i(args[3]));
            case "trace" -> a.trace();
            case "diag" -> a.diag(i(args[1]));
            case "einsum1" -> Tensor.einsum(args[1].substring(2), a);
            case "einsum2" -> Tensor.einsum(args[2].substring(2), a, t(args[1], v));
            case "einsum3" -> Tensor.einsum(args[3].substring(2), a, t(args[1], v), t(args[2], v));
            case "floor" -> a.floor();
            case "ceil" -> a.ceil();
            case "round" -> a.round();
            case "trunc" -> a.trunc();
            case "frac" -> a.frac();
            case "fmod" -> args[1].startsWith("%") ? a.fmod(t(args[1], v)) : a.fmod(f(args[1]));
            case "remainder" -> args[1].startsWith("%") ? a.remainder(t(args[1], v)) : a.remainder(f(args[1]));
            case "median_all" -> a.median();
            case "median_dim" -> a.median(i(args[1]), b(args[2])).get(0);
            case "median_idx" -> a.median(i(args[1]), b(args[2])).get(1);
            case "quantile" -> a.quantile(f(args[1]), i(args[2]), b(args[3]), args[4].substring(2));
            case "nan_to_num" -> a.nanToNum(f(args[1]), f(args[2]), f(args[3]));
            case "var_all" -> a.var(b(args[1]));
            case "std_all" -> a.std(b(args[1]));
            case "softsign" -> dev.vgrad.nn.Functional.softsign(a);
            case "softmin" -> dev.vgrad.nn.Functional.softmin(a, i(args[1]));
            case "glu" -> dev.vgrad.nn.Functional.glu(a, i(args[1]));
            case "prelu" -> dev.vgrad.nn.Functional.prelu(a, t(args[1], v));
            case "pairwise_distance" -> dev.vgrad.nn.Functional.pairwiseDistance(a, t(args[1], v), f(args[2]),
                    f(args[3]), b(args[4]));
            case "margin_ranking_loss" -> dev.vgrad.nn.Functional.marginRankingLoss(a, t(args[1], v), t(args[2], v),
                    f(args[3]), args[4].substring(2));
            case "triplet_margin_loss" -> dev.vgrad.nn.Functional.tripletMarginLoss(a, t(args[1], v), t(args[2], v),
                    f(args[3]), f(args[4]), 1e-6f, b(args[5]), args[6].substring(2));
            case "cosine_embedding_loss" -> dev.vgrad.nn.Functional.cosineEmbeddingLoss(a, t(args[1], v),
                    t(args[2], v), f(args[3]), args[4].substring(2));
            case "conv_transpose2d" -> dev.vgrad.nn.Functional.convTranspose2d(a, t(args[1], v), t(args[2], v),
                    s(args[3]), s(args[4]), s(args[5]), i(args[6]), s(args[7]));
            case "conv_transpose2d_nobias" -> dev.vgrad.nn.Functional.convTranspose2d(a, t(args[1], v), null,
                    s(args[2]), s(args[3]), s(args[4]), i(args[5]), s(args[6]));
            case "conv_transpose1d" -> dev.vgrad.nn.Functional.convTranspose1d(a, t(args[1], v), t(args[2], v),
                    i(args[3]), i(args[4]), i(args[5]), i(args[6]), i(args[7]));
            case "conv_transpose1d_nobias" -> dev.vgrad.nn.Functional.convTranspose1d(a, t(args[1], v), null,
                    i(args[2]), i(args[3]), i(args[4]), i(args[5]), i(args[6]));
            case "max_pool1d" -> dev.vgrad.nn.Functional.maxPool1d(a, i(args[1]), i(args[2]), i(args[3]));
            case "avg_pool1d" -> dev.vgrad.nn.Functional.avgPool1d(a, i(args[1]), i(args[2]), i(args[3]));
            case "adaptive_avg_pool1d" -> dev.vgrad.nn.Functional.adaptiveAvgPool1d(a, i(args[1]));
            case "interpolate_size" -> dev.vgrad.nn.Functional.interpolate(a, s(args[1]), args[2].substring(2),
                    i(args[3]) == 2 ? null : i(args[3]) == 1);
            case "interpolate_scale" -> dev.vgrad.nn.Functional.interpolate(a, Arrays.stream(args[1].substring(2)
                    .split(",")).mapToDouble(Double::parseDouble).toArray(), args[2].substring(2),
                    i(args[3]) == 2 ? null : i(args[3]) == 1);
            case "cross_entropy_w" -> dev.vgrad.nn.Functional.crossEntropy(a, t(args[1], v), t(args[2], v),
                    args[3].substring(2), i(args[4]), f(args[5]));
            case "bce_logits_w" -> dev.vgrad.nn.Functional.binaryCrossEntropyWithLogits(a, t(args[1], v), null, null,
                    args[2].substring(2));
            case "bce_logits_ww" -> dev.vgrad.nn.Functional.binaryCrossEntropyWithLogits(a, t(args[1], v), t(args[2], v),
                    null, args[3].substring(2));
            case "bce_logits_wp" -> dev.vgrad.nn.Functional.binaryCrossEntropyWithLogits(a, t(args[1], v), null,
                    t(args[2], v), args[3].substring(2));
            case "bce_logits_wwp" -> dev.vgrad.nn.Functional.binaryCrossEntropyWithLogits(a, t(args[1], v),
                    t(args[2], v), t(args[3], v), args[4].substring(2));
            case "embedding" -> dev.vgrad.nn.Functional.embedding(a, t(args[1], v));
            case "layer_norm" -> dev.vgrad.nn.Functional.layerNorm(a, s(args[1]), t(args[2], v), t(args[3], v), f(args[4]));
            case "batch_norm" -> dev.vgrad.nn.Functional.batchNorm(a, t(args[1], v), t(args[2], v), t(args[3], v),
                    t(args[4], v), b(args[5]), f(args[6]), f(args[7]));
            case "sdpa" -> dev.vgrad.nn.Functional.scaledDotProductAttention(a, t(args[1], v), t(args[2], v), null, b(args[3]));
            case "sdpa_mask" -> dev.vgrad.nn.Functional.scaledDotProductAttention(a, t(args[1], v), t(args[2], v),
                    t(args[3], v), false);
            case "cross_entropy_ext" -> dev.vgrad.nn.Functional.crossEntropy(a, t(args[1], v), args[2].substring(2),
                    i(args[3]), f(args[4]));
            case "smooth_l1" -> dev.vgrad.nn.Functional.smoothL1Loss(a, t(args[1], v), args[2].substring(2), f(args[3]));
            case "kl_div" -> dev.vgrad.nn.Functional.klDiv(a, t(args[1], v), args[2].substring(2));
            case "conv2d" -> dev.vgrad.nn.Functional.conv2d(a, t(args[1], v), t(args[2], v), s(args[3]), s(args[4]),
                    s(args[5]), i(args[6]));
            case "conv1d" -> dev.vgrad.nn.Functional.conv1d(a, t(args[1], v), t(args[2], v), i(args[3]), i(args[4]),
                    i(args[5]), i(args[6]));
            case "max_pool2d" -> dev.vgrad.nn.Functional.maxPool2d(a, s(args[1]), s(args[2]), s(args[3]));
            case "avg_pool2d" -> dev.vgrad.nn.Functional.avgPool2d(a, s(args[1]), s(args[2]), s(args[3]));
            case "adaptive_avg_pool2d" -> dev.vgrad.nn.Functional.adaptiveAvgPool2d(a, s(args[1]));
            case "sort_values" -> a.sort(i(args[1]), b(args[2])).get(0);
            case "sort_indices" -> a.sort(i(args[1]), b(args[2])).get(1);
            case "argsort" -> a.argsort(i(args[1]), b(args[2]));
            case "topk_values" -> a.topk(i(args[1]), i(args[2]), b(args[3])).get(0);
            case "topk_indices" -> a.topk(i(args[1]), i(args[2]), b(args[3])).get(1);
            case "flip" -> a.flip(s(args[1]));
            case "minimum" -> a.minimum(t(args[1], v));
            case "linalg_inv" -> Linalg.inv(a);
            case "linalg_det" -> Linalg.det(a);
            case "linalg_slogdet_sign" -> Linalg.slogdet(a).get(0);
            case "linalg_slogdet_log" -> Linalg.slogdet(a).get(1);
            case "logdet" -> Linalg.logdet(a);
            case "linalg_solve" -> Linalg.solve(a, t(args[1], v));
            case "linalg_solve_triangular" -> Linalg.solveTriangular(a, t(args[1], v), b(args[2]), b(args[3]),
                    b(args[4]));
            case "linalg_cholesky" -> Linalg.cholesky(a, b(args[1]));
            case "linalg_qr_q" -> Linalg.qr(a, args[1].substring(2)).get(0);
            case "linalg_qr_r" -> Linalg.qr(a, args[1].substring(2)).get(1);
            case "linalg_eigh_values" -> Linalg.eigh(a, args[1].substring(2)).get(0);
            case "linalg_eigh_vectors" -> Linalg.eigh(a, args[1].substring(2)).get(1);
            case "linalg_eigvalsh" -> Linalg.eigvalsh(a);
            case "linalg_svd_u" -> Linalg.svd(a, b(args[1])).get(0);
            case "linalg_svd_s" -> Linalg.svd(a, b(args[1])).get(1);
            case "linalg_svd_vh" -> Linalg.svd(a, b(args[1])).get(2);
            case "linalg_svdvals" -> Linalg.svdvals(a);
            case "linalg_pinv" -> Linalg.pinv(a);
            case "linalg_lstsq" -> Linalg.lstsq(a, t(args[1], v)).get(0);
            case "broadcast_to" -> a.broadcastTo(s(args[1]));
            case "tile" -> a.tile(s(args[1]));
            case "vstack" -> Tensor.vstack(refs(args, v));
            case "hstack" -> Tensor.hstack(refs(args, v));
            case "dstack" -> Tensor.dstack(refs(args, v));
            case "column_stack" -> Tensor.columnStack(refs(args, v));
            case "tensor_split_part" -> a.tensorSplit(i(args[1]), i(args[2])).get(i(args[3]));
            case "tensor_split_at_part" -> a.tensorSplit(s(args[1]), i(args[2])).get(i(args[3]));
            case "unflatten" -> a.unflatten(i(args[1]), s(args[2]));
            case "take" -> a.take(t(args[1], v));
            case "logical_and" -> a.logicalAnd(t(args[1], v));
            case "logical_or" -> a.logicalOr(t(args[1], v));
            case "logical_xor" -> a.logicalXor(t(args[1], v));
            case "logical_not" -> a.logicalNot();
            case "isclose" -> a.isclose(t(args[1], v), f(args[2]), f(args[3]), b(args[4]));
            case "signbit" -> a.signbit();
            case "baddbmm" -> a.baddbmm(t(args[1], v), t(args[2], v), f(args[3]), f(args[4]));
            case "addbmm" -> a.addbmm(t(args[1], v), t(args[2], v), f(args[3]), f(args[4]));
            case "addmv" -> a.addmv(t(args[1], v), t(args[2], v), f(args[3]), f(args[4]));
            case "addr" -> a.addr(t(args[1], v), t(args[2], v), f(args[3]), f(args[4]));
            case "vdot" -> a.vdot(t(args[1], v));
            case "var_mean_part" -> a.varMean(i(args[1]), b(args[2]), true).get(i(args[3]));
            case "std_mean_part" -> a.stdMean(i(args[1]), b(args[2]), true).get(i(args[3]));
            case "aminmax_part" -> a.aminmax(i(args[1]), false).get(i(args[2]));
            case "fmax" -> a.fmax(t(args[1], v));
            case "fmin" -> a.fmin(t(args[1], v));
            case "logaddexp2" -> a.logaddexp2(t(args[1], v));
            case "kthvalue_values" -> a.kthvalue(i(args[1]), i(args[2]), false).get(0);
            case "renorm" -> a.renorm(f(args[1]), i(args[2]), f(args[3]));
            case "block_diag" -> Tensor.blockDiag(refs(args, v));
            case "cartesian_prod" -> Tensor.cartesianProd(refs(args, v));
            case "combinations" -> a.combinations(i(args[1]), b(args[2]));
            case "nanmedian_part" -> a.nanmedian(i(args[1]), false).get(i(args[2]));
            case "nanmedian_all" -> a.nanmedian();
            case "nanquantile" -> a.nanquantile(f(args[1]), i(args[2]), false, args[3].substring(2));
            case "nanquantile_all" -> a.nanquantile(f(args[1]));
            case "pdist" -> dev.vgrad.nn.Functional.pdist(a, f(args[1]));
            case "mha_function_part" -> {
                Tensor[] in = new Tensor[11];
                for (int k = 0; k < in.length; k++) {
                    Tensor given = t(args[k], v);
                    in[k] = given.dim() == 1 && given.numel() == 0 ? null : given;   // the script's stand-in for None
                }
                yield dev.vgrad.nn.Functional.multiHeadAttentionForward(in[0], in[1], in[2], i(args[11]), in[3], in[4],
                        in[7], in[8], b(args[12]), in[5], in[6], in[10], b(args[13]), in[9], b(args[14]))
                        .get(i(args[15]));
            }
            case "pack_padded_data" -> dev.vgrad.nn.utils.Rnn.packPaddedSequence(a, s(args[1]), b(args[2]), false)
                    .data();
            case "pad_packed_part" -> dev.vgrad.nn.utils.Rnn.padPackedSequence(dev.vgrad.nn.utils.Rnn
                    .packPaddedSequence(a, s(args[1]), b(args[2]), false), b(args[2]), -1.5f, i(args[3]))
                    .get(i(args[4]));
            case "unpack_sequence_part" -> dev.vgrad.nn.utils.Rnn.unpackSequence(dev.vgrad.nn.utils.Rnn
                    .packPaddedSequence(a, s(args[1]), b(args[2]), false)).get(i(args[3]));
            case "packed_rnn_part" -> packedRnn(a, refs(args, v), args);
            case "tensor_unfold" -> a.unfold(i(args[1]), i(args[2]), i(args[3]));
            case "bitwise_and" -> a.bitwiseAnd(t(args[1], v));
            case "bitwise_or" -> a.bitwiseOr(t(args[1], v));
            case "bitwise_xor" -> a.bitwiseXor(t(args[1], v));
            case "bitwise_not" -> a.bitwiseNot();
            case "bitwise_left_shift" -> a.bitwiseLeftShift(t(args[1], v));
            case "bitwise_right_shift" -> a.bitwiseRightShift(t(args[1], v));
            case "index_pattern" -> a.index(pattern(args[1], args, 2, v));
            case "inplace" -> InPlaceFixtures.apply(args, v);
            case "T" -> a.T();
            case "mT" -> a.mT();
            case "H" -> a.H();
            case "mH" -> a.mH();
            case "adjoint" -> a.adjoint();
            case "sum_to_size" -> a.sumToSize(s(args[1]));
            case "split_with_sizes_pick" -> a.splitWithSizes(s(args[1]), i(args[2])).get(i(args[3]));
            case "fill_diagonal_" -> a.fillDiagonal_(f(args[1]), b(args[2]));
            case "random_fill" -> InPlaceFixtures.fill(args, v);
            case "seeded_dropout" -> InPlaceFixtures.seededDropout(args, v);
            case "inplace_view" -> InPlaceFixtures.view(args, v);
            case "index_put_pattern" -> a.indexPut(pattern(args[3], args, 4, v), t(args[1], v), b(args[2]));
            case "svd_lowrank_part" -> signFree(Linalg.svdLowrank(a, i(args[1]), i(args[2]), null,
                    new Generator(i(args[3]))), i(args[4]));
            case "svd_lowrank_m_part" -> signFree(Linalg.svdLowrank(a, i(args[2]), i(args[3]), t(args[1], v),
                    new Generator(i(args[4]))), i(args[5]));
            case "pca_lowrank_part" -> signFree(Linalg.pcaLowrank(a, i(args[1]), b(args[2]), i(args[3]),
                    new Generator(i(args[4]))), i(args[5]));
            case "lstm_cell_part" -> {
                List<Tensor> in = refs(args, v);
                boolean biased = in.size() == 7;
                yield dev.vgrad.nn.Functional.lstmCell(a, in.get(1), in.get(2), in.get(3), in.get(4),
                        biased ? in.get(5) : null, biased ? in.get(6) : null).get(i(args[in.size()]));
            }
            case "gru_cell", "rnn_tanh_cell", "rnn_relu_cell" -> {
                List<Tensor> in = refs(args, v);
                Tensor bi = in.size() == 6 ? in.get(4) : null, bh = in.size() == 6 ? in.get(5) : null;
                yield switch (op) {
                    case "gru_cell" -> dev.vgrad.nn.Functional.gruCell(a, in.get(1), in.get(2), in.get(3), bi, bh);
                    case "rnn_tanh_cell" -> dev.vgrad.nn.Functional.rnnTanhCell(a, in.get(1), in.get(2), in.get(3), bi,
                            bh);
                    default -> dev.vgrad.nn.Functional.rnnReluCell(a, in.get(1), in.get(2), in.get(3), bi, bh);
                };
            }
            case "upsample" -> dev.vgrad.nn.Functional.upsample(a, s(args[1]), "bilinear", false);
            case "upsample_nearest" -> dev.vgrad.nn.Functional.upsampleNearest(a, s(args[1]));
            case "upsample_bilinear" -> dev.vgrad.nn.Functional.upsampleBilinear(a, s(args[1]));
            case "igamma" -> a.igamma(t(args[1], v));
            case "igammac" -> a.igammac(t(args[1], v));
            case "special_unary" -> switch (args[1].substring(2)) {
                case "bessel_j0" -> Special.besselJ0(a);
                case "bessel_j1" -> Special.besselJ1(a);
                case "bessel_y0" -> Special.besselY0(a);
                case "bessel_y1" -> Special.besselY1(a);
                case "modified_bessel_i0" -> Special.modifiedBesselI0(a);
                case "modified_bessel_i1" -> Special.modifiedBesselI1(a);
                case "modified_bessel_k0" -> Special.modifiedBesselK0(a);
                case "modified_bessel_k1" -> Special.modifiedBesselK1(a);
                case "scaled_modified_bessel_k0" -> Special.scaledModifiedBesselK0(a);
                case "scaled_modified_bessel_k1" -> Special.scaledModifiedBesselK1(a);
                case "airy_ai" -> Special.airyAi(a);
                case "spherical_bessel_j0" -> Special.sphericalBesselJ0(a);
                default -> throw new IllegalArgumentException(args[1]);
            };
            case "special_polynomial" -> polynomial(args[2].substring(2), a, t(args[1], v));
            case "special_polynomial_int" -> polynomial(args[2].substring(2), a, Tensor.scalar(i(args[1])));
            case "gammainc" -> Special.gammainc(a, t(args[1], v));
            case "gammaincc" -> Special.gammaincc(a, t(args[1], v));
            case "special_softmax" -> Special.softmax(a, i(args[1]));
            case "special_log_softmax" -> Special.logSoftmax(a, i(args[1]));
            case "special_logsumexp" -> Special.logsumexp(a, i(args[1]), false);
            case "special_alias" -> switch (args[1].substring(2)) {
                case "exp2" -> Special.exp2(a);
                case "expm1" -> Special.expm1(a);
                case "round" -> Special.round(a);
                default -> Special.sinc(a);
            };
            case "adaptive_max_pool_with_indices_part" -> (switch (a.dim()) {
                case 3 -> dev.vgrad.nn.Functional.adaptiveMaxPool1dWithIndices(a, s(args[1])[0]);
                case 4 -> dev.vgrad.nn.Functional.adaptiveMaxPool2dWithIndices(a, s(args[1]));
                default -> dev.vgrad.nn.Functional.adaptiveMaxPool3dWithIndices(a, s(args[1]));
            }).get(i(args[2]));
            case "window" -> {
                int length = i(args[2]);
                boolean periodic = b(args[3]);
                yield switch (args[1].substring(2)) {
                    case "hann" -> Tensor.hannWindow(length, periodic);
                    case "hamming" -> Tensor.hammingWindow(length, periodic, 0.54, 0.46);
                    case "blackman" -> Tensor.blackmanWindow(length, periodic);
                    case "bartlett" -> Tensor.bartlettWindow(length, periodic);
                    default -> Tensor.kaiserWindow(length, periodic, 7.5);
                };
            }
            case "broadcast_tensors_part" -> Tensor.broadcastTensors(a, t(args[1], v)).get(i(args[2]))
                    .mul(1f + i(args[2]));
            case "diagflat" -> a.diagflat(i(args[1]));
            case "hsplit_part" -> a.hsplit(i(args[1])).get(i(args[2]));
            case "vsplit_part" -> a.vsplit(i(args[1])).get(i(args[2]));
            case "dsplit_part" -> a.dsplit(i(args[1])).get(i(args[2]));
            case "hsplit_at_part" -> a.hsplit(s(args[1])).get(i(args[2]));
            case "vsplit_at_part" -> a.vsplit(s(args[1])).get(i(args[2]));
            case "dsplit_at_part" -> a.dsplit(s(args[1])).get(i(args[2]));
            case "split_sizes_part" -> a.split(s(args[1]), 0).get(i(args[2]));
            case "isneginf" -> a.isneginf();
            case "isposinf" -> a.isposinf();
            case "sgn" -> a.sgn();
            case "equal" -> Tensor.scalar(a.equal(t(args[1], v)) ? 1f : 0f);
            case "trapz" -> a.trapz(f(args[1]), i(args[2]));
            case "seeded_like" -> switch (args[1].substring(2)) {
                case "rand_like" -> a.randLike(new Generator(i(args[2])));
                case "randn_like" -> a.randnLike(new Generator(i(args[2])));
                default -> a.randintLike(-3, 7, new Generator(i(args[2])));
            };
            case "pinverse" -> a.pinverse();
            case "chain_matmul" -> Tensor.chainMatmul(a, t(args[1], v), t(args[2], v));
            case "nuclear_norm" -> a.nuclearNorm(b(args[1]));
            case "frobenius_norm" -> a.frobeniusNorm(b(args[1]));
            case "orgqr" -> a.orgqr(t(args[1], v));
            case "gradient_part" -> {
                double[] spacing = Arrays.stream(args[1].substring(2).split(",")).mapToDouble(Double::parseDouble)
                        .toArray();
                yield a.gradient(new float[] {(float) spacing[0], (float) spacing[1]}, null, i(args[2]))
                        .get(i(args[3]));
            }
            case "gradient_coordinates_part" -> a.gradient(new Tensor[] {t(args[1], v), t(args[2], v)}, null,
                    i(args[3])).get(i(args[4]));
            case "histogram_part" -> a.histogram(i(args[1]), null, t(args[2], v), b(args[3])).get(i(args[4]));
            case "histogram_range_part" -> a.histogram(i(args[1]), new float[] {f(args[2]), f(args[3])}, null,
                    b(args[4])).get(i(args[5]));
            case "histogram_edges_part" -> a.histogram(t(args[1], v), null, b(args[2])).get(i(args[3]));
            case "max_pool3d_with_indices_part" -> dev.vgrad.nn.Functional.maxPool3dWithIndices(a, s(args[1]),
                    s(args[2]), s(args[3])).get(i(args[4]));
            case "max_pool3d" -> dev.vgrad.nn.Functional.maxPool3d(a, s(args[1]), s(args[2]), s(args[3]));
            case "max_pool3d_unpool3d" -> {
                List<Tensor> pooled = dev.vgrad.nn.Functional.maxPool3dWithIndices(a, s(args[1]), s(args[2]),
                        s(args[3]));
                yield dev.vgrad.nn.Functional.maxUnpool3d(pooled.get(0), pooled.get(1), s(args[1]), s(args[2]),
                        s(args[3]), java.util.Arrays.copyOfRange(a.shape(), 2, 5));
            }
            case "fractional_max_pool_part" -> a.dim() == 4
                    ? dev.vgrad.nn.Functional.fractionalMaxPool2dWithIndices(a, s(args[1]), s(args[2]), null,
                            t(args[3], v), null).get(i(args[4]))
                    : dev.vgrad.nn.Functional.fractionalMaxPool3dWithIndices(a, s(args[1]), s(args[2]), null,
                            t(args[3], v), null).get(i(args[4]));
            case "fractional_max_pool2d_seeded_part" -> dev.vgrad.nn.Functional.fractionalMaxPool2dWithIndices(a,
                    s(args[1]), null, Arrays.stream(args[2].substring(2).split(",")).mapToDouble(Double::parseDouble)
                    .toArray(), null, new Generator(i(args[3]))).get(i(args[4]));
            case "scatter_reduce" -> a.scatterReduce(i(args[1]), t(args[2], v), t(args[3], v), args[4].substring(2),
                    b(args[5]));
            case "index_reduce" -> a.indexReduce(i(args[1]), t(args[2], v), t(args[3], v), args[4].substring(2),
                    b(args[5]));
            case "mode_part" -> a.mode(i(args[1]), false).get(i(args[2]));
            case "unique_consecutive_part" -> a.uniqueConsecutive(true, true).get(i(args[1]));
            case "unique_consecutive_dim_part" -> a.uniqueConsecutive(true, true, 0).get(i(args[1]));
            case "diag_embed" -> a.diagEmbed(i(args[1]), i(args[2]), i(args[3]));
            case "slice_scatter" -> a.sliceScatter(t(args[1], v), i(args[2]), i(args[3]), i(args[4]), i(args[5]));
            case "select_scatter" -> a.selectScatter(t(args[1], v), i(args[2]), i(args[3]));
            case "diagonal_scatter" -> a.diagonalScatter(t(args[1], v), i(args[2]), i(args[3]), i(args[4]));
            case "masked_scatter" -> a.maskedScatter(t(args[1], v), t(args[2], v));
            case "put" -> a.put(t(args[1], v), t(args[2], v), b(args[3]));
            case "div_mode" -> a.div(t(args[1], v), args[2].substring(2));
            case "floor_divide" -> a.floorDivide(t(args[1], v));
            case "gcd" -> a.gcd(t(args[1], v));
            case "lcm" -> a.lcm(t(args[1], v));
            case "frexp_part" -> a.frexp().get(i(args[1]));
            case "ldexp" -> a.ldexp(t(args[1], v));
            case "nextafter" -> a.nextafter(t(args[1], v));
            case "float_power" -> a.floatPower(t(args[1], v));
            case "float_power_scalar" -> a.floatPower(f(args[1]));
            case "gumbel_softmax_seeded" -> dev.vgrad.nn.Functional.gumbelSoftmax(a, f(args[1]), b(args[2]), i(args[3]),
                    new Generator(i(args[4])));
            case "linalg_lstsq_driver" -> Linalg.lstsq(a, t(args[1], v), f(args[2]), args[3].substring(2))
                    .get(i(args[4]));
            case "linalg_matrix_power" -> Linalg.matrixPower(a, i(args[1]));
            case "linalg_matrix_norm_s" -> Linalg.matrixNorm(a, args[1].substring(2), b(args[2]));
            case "linalg_matrix_norm" -> Linalg.matrixNorm(a, f(args[1]), b(args[2]));
            case "linalg_vector_norm" -> Linalg.vectorNorm(a, f(args[1]), args[2].equals("s:") ? new int[0]
                    : s(args[2]), b(args[3]));
            case "linalg_cond" -> Linalg.cond(a);
            case "linalg_matrix_rank" -> Linalg.matrixRank(a);
            case "linalg_multi_dot" -> Linalg.multiDot(refs(args, v));
            case "linalg_vecdot" -> Linalg.vecdot(a, t(args[1], v), i(args[2]));
            case "linalg_norm" -> Linalg.norm(a, f(args[1]));
            case "linalg_matrix_exp" -> Linalg.matrixExp(a);
            case "cholesky_solve" -> Linalg.choleskySolve(a, t(args[1], v), b(args[2]));
            case "cholesky_inverse" -> Linalg.choleskyInverse(a, b(args[1]));
            case "linalg_lu_factor_lu" -> Linalg.luFactor(a).get(0);
            case "linalg_lu_factor_pivots" -> Linalg.luFactor(a).get(1);
            case "linalg_lu_l" -> Linalg.lu(a).get(1);
            case "linalg_lu_u" -> Linalg.lu(a).get(2);
            case "linalg_lu_solve" -> Linalg.luSolve(a, t(args[1], v), t(args[2], v));
            case "linalg_cholesky_ex" -> Linalg.choleskyEx(a, b(args[1])).get(0);
            case "linalg_inv_ex" -> Linalg.invEx(a).get(0);
            case "linalg_solve_ex" -> Linalg.solveEx(a, t(args[1], v)).get(0);
            case "linalg_vander" -> Linalg.vander(a, i(args[1]));
            case "linalg_cross" -> Linalg.cross(a, t(args[1], v));
            case "linalg_diagonal" -> Linalg.diagonal(a, i(args[1]), -2, -1);
            case "geqrf_a" -> Linalg.geqrf(a).get(0);
            case "geqrf_tau" -> Linalg.geqrf(a).get(1);
            case "linalg_householder_product" -> Linalg.householderProduct(a, t(args[1], v));
            case "linalg_tensorinv" -> Linalg.tensorinv(a, i(args[1]));
            case "linalg_tensorsolve" -> Linalg.tensorsolve(a, t(args[1], v));
            case "linalg_tensorsolve_dims" -> Linalg.tensorsolve(a, t(args[1], v), s(args[2]));
            case "linalg_ldl_factor_ld" -> Linalg.ldlFactor(a, b(args[1])).get(0);
            case "linalg_ldl_factor_pivots" -> Linalg.ldlFactor(a).get(1);
            case "linalg_ldl_factor_ex_info" -> Linalg.ldlFactorEx(a).get(2);
            case "linalg_ldl_solve" -> Linalg.ldlSolve(a, t(args[1], v), t(args[2], v), b(args[3]));
            case "ormqr" -> Linalg.ormqr(a, t(args[1], v), t(args[2], v), b(args[3]), b(args[4]));
            case "linalg_solve_right" -> Linalg.solve(a, t(args[1], v), false);
            case "linalg_solve_ex_right" -> Linalg.solveEx(a, t(args[1], v), false).get(0);
            case "linalg_pinv_hermitian" -> Linalg.pinv(a, 0, -1, true);
            case "linalg_matrix_rank_hermitian" -> Linalg.matrixRank(a, 0, f(args[1]), true);
            case "linalg_lu_solve_sides" -> Linalg.luSolve(a, t(args[1], v), t(args[2], v), b(args[3]), b(args[4]));
            case "special_erfcx" -> Special.erfcx(a);
            case "special_ndtr" -> Special.ndtr(a);
            case "special_ndtri" -> Special.ndtri(a);
            case "special_log_ndtr" -> Special.logNdtr(a);
            case "special_i0" -> Special.i0(a);
            case "special_i0e" -> Special.i0e(a);
            case "special_i1" -> Special.i1(a);
            case "special_i1e" -> Special.i1e(a);
            case "special_entr" -> Special.entr(a);
            case "special_xlog1py" -> Special.xlog1py(a, t(args[1], v));
            case "special_zeta" -> Special.zeta(a, t(args[1], v));
            case "lgamma" -> a.lgamma();
            case "digamma" -> a.digamma();
            case "polygamma" -> a.polygamma(i(args[1]));
            case "erfc" -> a.erfc();
            case "erfinv" -> a.erfinv();
            case "mvlgamma" -> a.mvlgamma(i(args[1]));
            default -> throw new IllegalArgumentException("fixture uses an op the replayer does not know: " + op);
        };
    }

    /** torch.special's orthogonal polynomial of that name. */
    static Tensor polynomial(String name, Tensor x, Tensor n) {
        return switch (name) {
            case "chebyshev_polynomial_t" -> Special.chebyshevPolynomialT(x, n);
            case "chebyshev_polynomial_u" -> Special.chebyshevPolynomialU(x, n);
            case "chebyshev_polynomial_v" -> Special.chebyshevPolynomialV(x, n);
            case "chebyshev_polynomial_w" -> Special.chebyshevPolynomialW(x, n);
            case "shifted_chebyshev_polynomial_t" -> Special.shiftedChebyshevPolynomialT(x, n);
            case "shifted_chebyshev_polynomial_u" -> Special.shiftedChebyshevPolynomialU(x, n);
            case "shifted_chebyshev_polynomial_v" -> Special.shiftedChebyshevPolynomialV(x, n);
            case "shifted_chebyshev_polynomial_w" -> Special.shiftedChebyshevPolynomialW(x, n);
            case "hermite_polynomial_h" -> Special.hermitePolynomialH(x, n);
            case "hermite_polynomial_he" -> Special.hermitePolynomialHe(x, n);
            case "laguerre_polynomial_l" -> Special.laguerrePolynomialL(x, n);
            case "legendre_polynomial_p" -> Special.legendrePolynomialP(x, n);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Of [U, S, V], what does not depend on the singular vectors' signs: U * U, S, V * V or U diag(S) V^T. */
    static Tensor signFree(List<Tensor> usv, int k) {
        Tensor u = usv.get(0), s = usv.get(1), v = usv.get(2);
        return switch (k) {
            case 0 -> u.mul(u);
            case 1 -> s;
            case 2 -> v.mul(v);
            default -> u.mul(s.unsqueeze(-2)).matmul(v.transpose(-2, -1));
        };
    }

    /** An index list from a pattern of 't' (the next tensor argument from {@code from}) and 'n' (null, a full slice). */
    static Tensor[] pattern(String arg, String[] args, int from, Map<Integer, Tensor> v) {
        String p = arg.substring(2);
        Tensor[] out = new Tensor[p.length()];
        for (int k = 0, next = from; k < out.length; k++) {
            out[k] = p.charAt(k) == 't' ? t(args[next++], v) : null;
        }
        return out;
    }

    /** scripts/torch_ops_fixtures.py's packed_rnn_part: a seeded LSTM, GRU or RNN over a packed batch, one result. */
    static Tensor packedRnn(Tensor x, List<Tensor> in, String[] args) {
        int k = in.size();
        String kind = args[k + 2].substring(2);
        int layers = i(args[k + 3]), hidden = i(args[k + 5]), part = i(args[k + 7]), features = x.size(-1);
        boolean bidirectional = b(args[k + 4]);
        Generator g = new Generator(i(args[k + 6]));
        var packed = dev.vgrad.nn.utils.Rnn.packPaddedSequence(x, s(args[k]), b(args[k + 1]), false);
        Tensor h0 = k > 1 ? in.get(1) : null;
        dev.vgrad.nn.PackedRnnOutput out = switch (kind) {
            case "lstm" -> new dev.vgrad.nn.LSTM(features, hidden, layers, true, false, 0f, bidirectional, g)
                    .forward(packed, h0, k > 2 ? in.get(2) : null);
            case "gru" -> new dev.vgrad.nn.GRU(features, hidden, layers, true, false, 0f, bidirectional, g)
                    .forward(packed, h0);
            default -> new dev.vgrad.nn.RNN(features, hidden, layers, kind.substring(4), true, false, 0f,
                    bidirectional, g).forward(packed, h0);
        };
        return part == 0 ? out.output().data() : out.states().get(part - 1);
    }

    /** The leading tensor arguments ({@code %id ...}) as a list. */
    static List<Tensor> refs(String[] args, Map<Integer, Tensor> v) {
        List<Tensor> l = new ArrayList<>();
        for (int k = 0; k < args.length && args[k].startsWith("%"); k++) {
            l.add(t(args[k], v));
        }
        return l;
    }

    static Tensor t(String arg, Map<Integer, Tensor> v) {
        return v.get(Integer.parseInt(arg.substring(1)));
    }

    static float f(String arg) {
        String v = arg.substring(2);
        return v.equals("inf") ? Float.POSITIVE_INFINITY : v.equals("-inf") ? Float.NEGATIVE_INFINITY : Float.parseFloat(v);
    }

    static int i(String arg) {
        return Integer.parseInt(arg.substring(2));
    }

    static boolean b(String arg) {
        return arg.equals("b:1");
    }

    static Loss.Reduction r(String arg) {
        return Loss.Reduction.valueOf(arg.substring(2).toUpperCase());
    }

    /** scripts/torch_ops_fixtures.py's distances for triplet_margin_with_distance_loss, by name. */
    static java.util.function.BinaryOperator<Tensor> distance(String name) {
        return switch (name) {
            case "l2" -> null;
            case "l1" -> (x, y) -> dev.vgrad.nn.Functional.pairwiseDistance(x, y, 1f, 1e-6f, false);
            case "cosine" -> (x, y) -> dev.vgrad.nn.Functional.cosineSimilarity(x, y, 1, 1e-8f).rsub(1f);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Integers as a 1-D index tensor (vgrad's indices are floats). */
    static Tensor indexTensor(int[] values) {
        float[] f = new float[values.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = values[k];
        }
        return Tensor.of(f);
    }

    static int[] s(String arg) {
        return Arrays.stream(arg.substring(2).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static int[] shape(String s) {
        return s.equals("-") ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static float[] floats(String[] f, int from) {
        float[] r = new float[f.length - from];
        for (int k = 0; k < r.length; k++) {
            r[k] = switch (f[from + k]) {
                case "nan" -> Float.NaN;
                case "inf" -> Float.POSITIVE_INFINITY;
                case "-inf" -> Float.NEGATIVE_INFINITY;
                default -> (float) Double.parseDouble(f[from + k]);
            };
        }
        return r;
    }

    static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": element count");
        float scale = 1f;
        for (float e : expected) {
            if (Float.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int k = 0; k < expected.length; k++) {
            float e = expected[k], a = actual[k];
            boolean ok = Float.isNaN(e) ? Float.isNaN(a) : e == a || Math.abs(e - a) <= RTOL * Math.abs(e) + ATOL_SCALE * scale;
            if (!ok) {
                fail(what + " at " + k + ": PyTorch " + e + ", vgrad " + a + "\nexpected " + Arrays.toString(expected)
                        + "\nactual   " + Arrays.toString(actual));
            }
        }
    }
}
