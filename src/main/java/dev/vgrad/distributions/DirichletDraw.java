package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.Function;

/**
 * PyTorch's {@code _Dirichlet} Function: a Dirichlet draw ({@link Tensor#sampleDirichlet}) whose backward is the
 * implicit reparameterization gradient, {@code _dirichlet_grad(x, alpha, total) * (g - sum(x g))} along the event
 * dimension. What makes Dirichlet's and Beta's rsample differentiable.
 */
final class DirichletDraw extends Function {
    private final Generator generator;

    DirichletDraw(Generator generator) {
        this.generator = generator;
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... inputs) {
        Tensor x = inputs[0].sampleDirichlet(generator);
        ctx.saveForBackward(x, inputs[0]);
        return x;
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor... gradOutputs) {
        Tensor[] saved = ctx.savedTensors();
        Tensor x = saved[0];
        Tensor concentration = saved[1];
        Tensor g = gradOutputs[0];
        Tensor total = concentration.sum(-1, true).expandAs(concentration);
        Tensor grad = Tensor.dirichletGrad(x, concentration, total);
        return new Tensor[] {grad.mul(g.sub(x.mul(g).sum(-1, true)))};
    }
}
