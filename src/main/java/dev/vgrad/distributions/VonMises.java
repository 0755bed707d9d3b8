package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Special;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * The von Mises (circular normal) distribution of location loc and concentration kappa, as
 * {@code torch.distributions.VonMises}: PyTorch's log-density {@code kappa cos(x - loc) - log(2 pi I0(kappa))} and
 * moments, with {@code log I0} taken as {@code log(i0e(kappa)) + kappa} (exact where PyTorch's polynomial fit is
 * within 1e-7). Draws by Best and Fisher's rejection method as PyTorch runs it (torch's draws for a seed), in [-pi,
 * pi) about loc. PyTorch defines no entropy for it.
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

    /**
     * Best and Fisher's rejection sampler (1979) as PyTorch runs it: in float, over the whole sample at once, each
     * round drawing three uniforms for every element (all the first ones, then the second, then the third) and keeping
     * the proposals accepted so far, until every element has one; so a seed gives torch's draws (to the last bits of
     * its cosines and arccosines). No gradient.
     */
    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            int[] shape = extendedShape(sampleShape);
            Tensor tau = concentration.pow(2f).mul(4f).add(1f).sqrt().add(1f);
            Tensor rho = tau.sub(tau.mul(2f).sqrt()).div(concentration.mul(2f));
            Tensor r = rho.pow(2f).add(1f).div(rho.mul(2f));
            int[] drawShape = new int[shape.length + 1];
            drawShape[0] = 3;
            System.arraycopy(shape, 0, drawShape, 1, shape.length);
            Tensor x = Tensor.zeros(shape);
            Tensor done = Tensor.zeros(shape);
            while (done.all().item() == 0f) {
                Tensor u = Tensor.rand(g, drawShape);
                Tensor u1 = u.select(0, 0), u2 = u.select(0, 1), u3 = u.select(0, 2);
                Tensor z = u1.mul((float) Math.PI).cos();
                Tensor f = r.mul(z).add(1f).div(r.add(z));
                Tensor c = concentration.mul(r.sub(f));
                Tensor accept = c.mul(c.neg().add(2f)).sub(u2).gt(0f).logicalOr(c.div(u2).log().add(1f).sub(c).ge(0f));
                if (accept.any().item() != 0f) {
                    x = Tensor.where(accept, u3.sub(0.5f).sign().mul(f.acos()), x);
                    done = done.logicalOr(accept);
                }
            }
            return x.add((float) Math.PI).add(loc).remainder((float) (2 * Math.PI)).sub((float) Math.PI);
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

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public VonMises expand(int... batchShape) {
        return new VonMises(loc.expand(batchShape), concentration.expand(batchShape));
    }
}
