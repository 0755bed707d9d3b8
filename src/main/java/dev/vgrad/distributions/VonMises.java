package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Special;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * The von Mises (circular normal) distribution of location loc and concentration kappa, as
 * {@code torch.distributions.VonMises}: PyTorch's log-density {@code kappa cos(x - loc) - log(2 pi I0(kappa))} and
 * moments, with {@code log I0} taken as {@code log(i0e(kappa)) + kappa} (exact where PyTorch's polynomial fit is
 * within 1e-7). Draws by Best and Fisher's rejection method from vgrad's generator (the distribution, not PyTorch's
 * bits), in [-pi, pi) about loc. PyTorch defines no entropy for it.
 */
public final class VonMises extends Distribution {
    private final Tensor loc;
    private final Tensor concentration;

    /**
     * Von Mises distributions with locations loc and concentrations concentration, broadcast together.
     *
     * @throws IllegalArgumentException if a concentration is not positive or a location is NaN, naming its position
     */
    public VonMises(Tensor loc, Tensor concentration) {
        this(broadcastAll("VonMises", loc, concentration));
    }

    private VonMises(Tensor[] params) {
        super(params[0].shape());
        float[] l = params[0].toArray(), k = params[1].toArray();
        require("VonMises", "parameter loc", params[0].shape(), l, "Real()", i -> l[i] == l[i]);
        require("VonMises", "parameter concentration", params[1].shape(), k, "GreaterThan(lower_bound=0.0)",
                i -> k[i] > 0f);
        this.loc = params[0];
        this.concentration = params[1];
    }

    private static Tensor logI0(Tensor k) {
        return Special.i0e(k).log().add(k);
    }

    private static Tensor logI1(Tensor k) {
        return Special.i1e(k).log().add(k);
    }

    /** Best and Fisher's rejection sampler (1979), one accepted proposal per element; no gradient. */
    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            int[] shape = extendedShape(sampleShape);
            float[] l = loc.expand(shape).toArray(), k = concentration.expand(shape).toArray();
            float[] out = new float[l.length];
            for (int i = 0; i < out.length; i++) {
                double kappa = k[i], tau = 1 + Math.sqrt(1 + 4 * kappa * kappa);
                double rho = (tau - Math.sqrt(2 * tau)) / (2 * kappa), r = (1 + rho * rho) / (2 * rho);
                double f;
                while (true) {
                    double u1 = g.uniform(0f, 1f), u2 = g.uniform(0f, 1f), u3 = g.uniform(0f, 1f);
                    double z = Math.cos(Math.PI * u1);
                    f = (1 + r * z) / (r + z);
                    double c = kappa * (r - f);
                    if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) {
                        f = u3 > 0.5 ? Math.acos(f) : -Math.acos(f);
                        break;
                    }
                }
                double angle = (f + l[i] + Math.PI) % (2 * Math.PI);
                out[i] = (float) ((angle < 0 ? angle + 2 * Math.PI : angle) - Math.PI);
            }
            return Tensor.of(out, shape);
        }
    }

    /** {@code kappa cos(x - loc) - log(2 pi) - log I0(kappa)}. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("VonMises", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        return concentration.mul(value.sub(loc).cos()).sub((float) Math.log(2 * Math.PI)).sub(logI0(concentration));
    }

    /** Refused: PyTorch's VonMises has no entropy. */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("VonMises has no entropy (PyTorch's raises NotImplementedError)");
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    /** The circular variance {@code 1 - I1(kappa) / I0(kappa)}. */
    @Override
    public Tensor variance() {
        return logI1(concentration).sub(logI0(concentration)).exp().rsub(1f);
    }

    /** The locations. */
    public Tensor loc() {
        return loc;
    }

    /** The concentrations. */
    public Tensor concentration() {
        return concentration;
    }
}
