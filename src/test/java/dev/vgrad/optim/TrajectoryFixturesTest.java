package dev.vgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimizer, with several options each, and the schedulers, replayed from trajectories that real PyTorch
 * produced (scripts/torch_optim_fixtures.py): the learning rate, the loss and every parameter after every step.
 */
class TrajectoryFixturesTest {
    static final float RTOL = 1e-4f;
    static final float ATOL = 1e-5f;

    @TestFactory
    Stream<DynamicTest> trajectoriesMatchPyTorch() throws IOException {
        return replayAll("/fixtures/torch_optim.txt", 64);
    }

    /** The bias in a parameter group of its own, with other settings (torch_optim_groups.txt). */
    @TestFactory
    Stream<DynamicTest> parameterGroupTrajectoriesMatchPyTorch() throws IOException {
        return replayAll("/fixtures/torch_optim_groups.txt", 30);
    }

    private static Stream<DynamicTest> replayAll(String fixture, int expected) throws IOException {
        List<List<String>> cases = new ArrayList<>();
        var in = TorchFixturesTestAccess.open(fixture);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> current = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("case ")) {
                    current = new ArrayList<>();
                    cases.add(current);
                }
                if (current != null && !line.startsWith("#")) {
                    current.add(line);
                }
            }
        }
        assertEquals(expected, cases.size(), "fixture cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get(0).split(" ")[1], () -> replayNamed(c)));
    }

    /** {@link #replay}, a failure's message starting with the case's first line (name, optimizer, options). */
    static void replayNamed(List<String> lines) {
        try {
            replay(lines);
        } catch (AssertionError e) {
            throw new AssertionError(lines.get(0) + ": " + e.getMessage(), e);
        }
    }

    static void replay(List<String> lines) {
        String[] head = lines.get(0).split(" ");
        String cls = head[2];
        Map<String, String> o = options(head[3]);
        boolean grouped = lines.get(1).startsWith("group b ");
        int at = grouped ? 2 : 1;
        Tensor w = Tensor.of(values(lines.get(at), 2), 3, 4).requiresGrad_();
        Tensor b = Tensor.of(values(lines.get(at + 1), 2), 3).requiresGrad_();
        Tensor x = Tensor.of(values(lines.get(at + 2), 2), 6, 4);
        Tensor y = Tensor.of(values(lines.get(at + 3), 2), 6, 3);
        Optimizer opt = optimizer(cls, grouped ? List.of(w) : List.of(w, b), o);
        if (grouped) {
            Map<String, String> bo = options(lines.get(1).split(" ")[2]);
            String lr = bo.remove("lr");
            Optimizer group = lr == null ? opt.addParamGroup(List.of(b)) : opt.addParamGroup(List.of(b), f(lr));
            bo.forEach((k, v) -> configure(group, k, v));
        }
        int lrs = grouped ? 2 : 1;
        Object scheduler = head.length > 5 ? scheduler(head[5], options(head[6]), opt) : null;
        java.util.function.Supplier<Tensor> closure = () -> {
            opt.zeroGrad();
            Tensor loss = x.matmul(w.t()).add(b).tanh().sub(y).pow(2).mean().add(w.pow(2).sum().mul(0.05f));
            loss.backward();
            return loss;
        };
        for (String line : lines.subList(at + 4, lines.size())) {
            if (!line.startsWith("step ")) {
                continue;
            }
            String[] f = line.split(" ");
            int k = Integer.parseInt(f[1]);
            Tensor loss;
            if (opt instanceof LBFGS lbfgs) {
                loss = lbfgs.step(closure);
            } else {
                loss = closure.get();
                opt.step();
            }
            if (scheduler instanceof ReduceLROnPlateau plateau) {
                plateau.step(loss.item());
            } else if (scheduler instanceof LRScheduler s) {
                s.step();
            }
            float[] want = values(line, 2);
            float[] got = new float[want.length];
            for (int g = 0; g < lrs; g++) {
                got[g] = opt.paramGroups().get(g).getLr();
            }
            got[lrs] = loss.item();
            System.arraycopy(w.toArray(), 0, got, lrs + 1, 12);
            System.arraycopy(b.toArray(), 0, got, lrs + 13, 3);
            float scale = 1f;
            for (float v : want) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < want.length; i++) {
                if (!(Math.abs(want[i] - got[i]) <= RTOL * Math.abs(want[i]) + ATOL * scale)) {
                    String what = i < lrs ? "lr of group " + i : i == lrs ? "loss"
                            : i < lrs + 13 ? "W[" + (i - lrs - 1) + "]" : "b[" + (i - lrs - 13) + "]";
                    fail("step " + k + ": " + what
                            + " PyTorch " + want[i] + ", vgrad " + got[i] + "\nPyTorch " + Arrays.toString(want)
                            + "\nvgrad   " + Arrays.toString(got));
                }
            }
        }
    }

    static Optimizer optimizer(String cls, List<Tensor> params, Map<String, String> o) {
        float lr = f(o.remove("lr"));
        Optimizer opt = switch (cls) {
            case "SGD" -> new SGD(params, lr);
            case "Adam" -> new Adam(params, lr);
            case "AdamW" -> new AdamW(params, lr);
            case "Adagrad" -> new Adagrad(params, lr);
            case "RMSprop" -> new RMSprop(params, lr);
            case "Adadelta" -> new Adadelta(params, lr);
            case "Adamax" -> new Adamax(params, lr);
            case "ASGD" -> new ASGD(params, lr);
            case "Rprop" -> new Rprop(params, lr);
            case "LBFGS" -> new LBFGS(params, lr);
            case "NAdam" -> new NAdam(params, lr);
            case "RAdam" -> new RAdam(params, lr);
            default -> throw new IllegalArgumentException(cls);
        };
        o.forEach((k, v) -> configure(opt, k, v));
        return opt;
    }

    /** One PyTorch keyword, through the optimizer's fluent setter of the camelCase name. */
    static void configure(Optimizer opt, String key, String v) {
        switch (opt) {
            case SGD s -> {
                switch (key) {
                    case "momentum" -> s.momentum(f(v));
                    case "dampening" -> s.dampening(f(v));
                    case "nesterov" -> s.nesterov(v.equals("1"));
                    case "weight_decay" -> s.weightDecay(f(v));
                    case "maximize" -> s.maximize(v.equals("1"));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case Adam a -> {
                switch (key) {
                    case "betas" -> a.betas(pair(v)[0], pair(v)[1]);
                    case "eps" -> a.eps(f(v));
                    case "weight_decay" -> a.weightDecay(f(v));
                    case "amsgrad" -> a.amsgrad(v.equals("1"));
                    case "maximize" -> a.maximize(v.equals("1"));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case Adagrad a -> {
                switch (key) {
                    case "lr_decay" -> a.lrDecay(f(v));
                    case "initial_accumulator_value" -> a.initialAccumulatorValue(f(v));
                    case "weight_decay" -> a.weightDecay(f(v));
                    case "eps" -> a.eps(f(v));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case RMSprop r -> {
                switch (key) {
                    case "alpha" -> r.alpha(f(v));
                    case "centered" -> r.centered(v.equals("1"));
                    case "eps" -> r.eps(f(v));
                    case "momentum" -> r.momentum(f(v));
                    case "weight_decay" -> r.weightDecay(f(v));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case Adadelta a -> {
                switch (key) {
                    case "rho" -> a.rho(f(v));
                    case "eps" -> a.eps(f(v));
                    case "weight_decay" -> a.weightDecay(f(v));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case Adamax a -> {
                switch (key) {
                    case "betas" -> a.betas(pair(v)[0], pair(v)[1]);
                    case "eps" -> a.eps(f(v));
                    case "weight_decay" -> a.weightDecay(f(v));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case ASGD a -> {
                switch (key) {
                    case "lambd" -> a.lambd(f(v));
                    case "alpha" -> a.alpha(f(v));
                    case "t0" -> a.t0(f(v));
                    case "weight_decay" -> a.weightDecay(f(v));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case Rprop r -> {
                switch (key) {
                    case "etas" -> r.etas(pair(v)[0], pair(v)[1]);
                    case "step_sizes" -> r.stepSizes(pair(v)[0], pair(v)[1]);
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case NAdam a -> {
                switch (key) {
                    case "betas" -> a.betas(pair(v)[0], pair(v)[1]);
                    case "eps" -> a.eps(f(v));
                    case "weight_decay" -> a.weightDecay(f(v));
                    case "momentum_decay" -> a.momentumDecay(f(v));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case RAdam a -> {
                switch (key) {
                    case "betas" -> a.betas(pair(v)[0], pair(v)[1]);
                    case "eps" -> a.eps(f(v));
                    case "weight_decay" -> a.weightDecay(f(v));
                    default -> throw new IllegalArgumentException(key);
                }
            }
            case LBFGS l -> {
                switch (key) {
                    case "max_iter" -> l.maxIter(Integer.parseInt(v));
                    case "history_size" -> l.historySize(Integer.parseInt(v));
                    case "max_eval" -> l.maxEval(Integer.parseInt(v));
                    case "tolerance_grad" -> l.toleranceGrad(f(v));
                    case "tolerance_change" -> l.toleranceChange(f(v));
                    case "line_search_fn" -> l.lineSearchFn(v);
                    default -> throw new IllegalArgumentException(key);
                }
            }
            default -> throw new IllegalArgumentException(opt.getClass().getName());
        }
    }

    static Object scheduler(String cls, Map<String, String> o, Optimizer opt) {
        return switch (cls) {
            case "StepLR" -> new StepLR(opt, Integer.parseInt(o.get("step_size"))).gamma(f(o.get("gamma")));
            case "CosineAnnealingLR" -> new CosineAnnealingLR(opt, Integer.parseInt(o.get("T_max")))
                    .etaMin(f(o.get("eta_min")));
            case "ReduceLROnPlateau" -> new ReduceLROnPlateau(opt).patience(Integer.parseInt(o.get("patience")))
                    .factor(f(o.get("factor"))).threshold(f(o.get("threshold")));
            case "ExponentialLR" -> new ExponentialLR(opt, d(o.get("gamma")));
            case "MultiStepLR" -> new MultiStepLR(opt, java.util.Arrays.stream(o.get("milestones").split(","))
                    .mapToInt(Integer::parseInt).toArray(), d(o.get("gamma")));
            case "LinearLR" -> new LinearLR(opt, d(o.get("start_factor")), d(o.get("end_factor")),
                    Integer.parseInt(o.get("total_iters")));
            case "CosineAnnealingWarmRestarts" -> new CosineAnnealingWarmRestarts(opt, Integer.parseInt(o.get("T_0")),
                    Integer.parseInt(o.get("T_mult")), d(o.get("eta_min")));
            // one value for every group, or one per group where the fixture lists several
            case "OneCycleLR" -> new OneCycleLR(opt, ds(o.get("max_lr"), opt), Integer.parseInt(o.get("total_steps")),
                    d(o.getOrDefault("pct_start", "0.3")), o.getOrDefault("anneal_strategy", "cos"), true,
                    ds(o.getOrDefault("base_momentum", "0.85"), opt), ds(o.getOrDefault("max_momentum", "0.95"), opt),
                    25.0, 1e4, o.getOrDefault("three_phase", "0").equals("1"));
            case "ConstantLR" -> new ConstantLR(opt, d(o.get("factor")), Integer.parseInt(o.get("total_iters")));
            // scripts/torch_optim_fixtures.py's LAMBDAS, by name
            // one function for every group, or a list of one per group, as in PyTorch
            case "LambdaLR" -> lambdas(o.get("lr_lambda")).size() == 1
                    ? new LambdaLR(opt, lambdas(o.get("lr_lambda")).get(0))
                    : new LambdaLR(opt, lambdas(o.get("lr_lambda")));
            case "MultiplicativeLR" -> new MultiplicativeLR(opt, lambdas(o.get("lr_lambda")).get(0));
            case "PolynomialLR" -> new PolynomialLR(opt, Integer.parseInt(o.get("total_iters")), d(o.get("power")));
            case "CyclicLR" -> new CyclicLR(opt, ds(o.get("base_lr"), opt), ds(o.get("max_lr"), opt),
                    Integer.parseInt(o.get("step_size_up")), Integer.parseInt(o.getOrDefault("step_size_down", "-1")),
                    o.getOrDefault("mode", "triangular"), d(o.getOrDefault("gamma", "1.0")),
                    o.getOrDefault("cycle_momentum", "1").equals("1"), ds(o.getOrDefault("base_momentum", "0.8"), opt),
                    ds(o.getOrDefault("max_momentum", "0.9"), opt));
            case "SWALR" -> {
                double[] swaLrs = java.util.Arrays.stream(o.get("swa_lr").split(",")).mapToDouble(Double::parseDouble)
                        .toArray();
                int epochs = Integer.parseInt(o.getOrDefault("anneal_epochs", "10"));
                String strategy = o.getOrDefault("anneal_strategy", "cos");
                // one rate for every group, or one per group, as PyTorch's swa_lr float or list
                yield swaLrs.length == 1 ? new SWALR(opt, swaLrs[0], epochs, strategy)
                        : new SWALR(opt, swaLrs, epochs, strategy);
            }
            case "SequentialLR" -> recipe(o.get("recipe"), opt);
            case "ChainedScheduler" -> recipe(o.get("recipe"), opt);
            default -> throw new IllegalArgumentException(cls);
        };
    }

    /** scripts/torch_optim_fixtures.py's LAMBDAS by name, one per group where the names are joined by commas. */
    static List<java.util.function.IntToDoubleFunction> lambdas(String names) {
        List<java.util.function.IntToDoubleFunction> out = new ArrayList<>();
        for (String name : names.split(",")) {
            out.add(switch (name) {
                case "warmup_then_decay" -> e -> e < 3 ? (e + 1) / 4.0 : Math.pow(0.95, e - 3);
                case "alternate" -> e -> e % 2 != 0 ? 0.9 : 0.95;
                default -> throw new IllegalArgumentException(name);
            });
        }
        return out;
    }

    /** scripts/torch_optim_fixtures.py's RECIPES, by name. */
    static LRScheduler recipe(String name, Optimizer opt) {
        return switch (name) {
            case "warmup_cosine" -> new SequentialLR(opt, List.of(new LinearLR(opt, 0.2, 1.0, 4),
                    new CosineAnnealingLR(opt, 8).etaMin(0.01f)), new int[] {4});
            case "constant_step_exponential" -> new SequentialLR(opt, List.of(new ConstantLR(opt, 0.5, 2),
                    new StepLR(opt, 2).gamma(0.5f), new ExponentialLR(opt, 0.8)), new int[] {3, 8});
            case "warmup_lambda" -> new SequentialLR(opt, List.of(new LinearLR(opt, 0.25, 1.0, 3),
                    new LambdaLR(opt, e -> Math.pow(0.9, e))), new int[] {3});
            case "exponential_step_constant" -> new SequentialLR(opt, List.of(new ExponentialLR(opt, 0.8),
                    new StepLR(opt, 2).gamma(0.5f), new ConstantLR(opt, 0.5, 2)), new int[] {4, 9});
            case "constant_exponential" -> new ChainedScheduler(List.of(new ConstantLR(opt, 0.5, 3),
                    new ExponentialLR(opt, 0.9)));
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Map<String, String> options(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!s.equals("-")) {
            for (String kv : s.split(";")) {
                String[] p = kv.split("=", 2);
                m.put(p[0], p[1]);
            }
        }
        return m;
    }

    static float f(String v) {
        return Float.parseFloat(v);
    }

    static double d(String v) {
        return Double.parseDouble(v);
    }

    /** A comma-separated list of doubles, or one value repeated for each of the optimizer's groups. */
    static double[] ds(String v, Optimizer opt) {
        return v.contains(",") ? java.util.Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray()
                : LRScheduler.everyGroup(opt, d(v));
    }

    static float[] pair(String v) {
        String[] p = v.split(",");
        return new float[] {f(p[0]), f(p[1])};
    }

    static float[] values(String line, int from) {
        String[] f = line.split(" ");
        float[] r = new float[f.length - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) Double.parseDouble(f[from + i]);
        }
        return r;
    }
}
