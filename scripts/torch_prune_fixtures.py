#!/usr/bin/env python3
"""PyTorch 1.13's torch.nn.utils.prune, replayed by vgrad's PruneTest (src/test/resources/fixtures/torch_prune.txt):
the masks of every pruning method (first and iterative, structured over kept channels, through the container), the
draws of the random ones under a seed, global pruning across modules, custom masks, the module's parameters, buffers
and state-dict keys after pruning and after remove, forward outputs and gradients through a pruned weight, two SGD
steps of a pruned layer, amounts rounded half to even, and the norms LnStructured ranks channels by.

    /usr/bin/python3 scripts/torch_prune_fixtures.py

One line per tensor: "<case>.<what> <values...>", flattened row-major, "<case>.<what>.shape <sizes...>" beside it;
"<case>.<what>.keys <names...>" for lists of names. Weights are written out and copied in by the test, so the modules'
own initialisation does not enter; the random methods draw right after torch.manual_seed, as the test does.
"""
import math
import os
import warnings

import torch
import torch.nn.utils.prune as prune

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_prune.txt")


def fmt(t):
    return " ".join("%.9g" % v for v in torch.as_tensor(t).detach().reshape(-1).tolist())


def main():
    warnings.simplefilter("ignore")
    out = ["# scripts/torch_prune_fixtures.py, torch %s\n" % torch.__version__]

    def put(key, t):
        t = torch.as_tensor(t).float()
        out.append("%s %s\n" % (key, fmt(t)))
        out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))

    def names(key, items):
        out.append("%s.keys %s\n" % (key, " ".join(items)))

    def layout(key, m):
        names(key + ".params", [n for n, _ in m.named_parameters()])
        names(key + ".buffers", [n for n, _ in m.named_buffers()])
        names(key + ".state", list(m.state_dict().keys()))

    torch.manual_seed(1)
    # One L1 pruning of a Linear weight: the mask, the layout, a forward and the gradients through the mask.
    m = torch.nn.Linear(6, 4)
    put("l1.w0", m.weight)
    put("l1.b0", m.bias)
    prune.l1_unstructured(m, "weight", amount=0.3)
    put("l1.mask", m.weight_mask)
    layout("l1", m)
    x = torch.randn(3, 6)
    g = torch.randn(3, 4)
    y = m(x)
    (y * g).sum().backward()
    put("l1.x", x)
    put("l1.g", g)
    put("l1.y", y)
    put("l1.grad_orig", m.weight_orig.grad)
    put("l1.grad_bias", m.bias.grad)
    names("l1.gradfn", [type(m.weight.grad_fn).__name__])
    # ... and removed: the weight a parameter again, pruned for good.
    prune.remove(m, "weight")
    layout("l1.removed", m)
    put("l1.removed.weight", m.weight)

    # Iterative pruning of a Conv2d weight: a count, then a fraction of what is left, then whole output channels.
    c = torch.nn.Conv2d(3, 5, 3)
    put("iter.w0", c.weight)
    put("iter.b0", c.bias)
    prune.l1_unstructured(c, "weight", amount=7)
    put("iter.mask1", c.weight_mask)
    prune.l1_unstructured(c, "weight", amount=0.5)
    put("iter.mask2", c.weight_mask)
    prune.ln_structured(c, "weight", amount=2, n=2, dim=0)
    put("iter.mask3", c.weight_mask)
    prune.l1_unstructured(c, "bias", amount=0.4)
    put("iter.bias_mask", c.bias_mask)
    layout("iter", c)
    xi = torch.randn(2, 3, 6, 5)
    put("iter.x", xi)
    put("iter.y", c(xi))
    names("iter.methods", [type(h).__name__ for h in c._forward_pre_hooks.values()]
          + [type(h).__name__ for h in list(c._forward_pre_hooks.values())[0]])

    # Random unstructured: its draws under a seed, alone and again over the entries left.
    r = torch.nn.Linear(7, 5)
    put("rand.w0", r.weight)
    torch.manual_seed(5)
    prune.random_unstructured(r, "weight", amount=0.4)
    put("rand.mask1", r.weight_mask)
    torch.manual_seed(6)
    prune.random_unstructured(r, "weight", amount=0.5)
    put("rand.mask2", r.weight_mask)

    # Random structured along dim 0, then along dim 1 over the channels kept.
    torch.manual_seed(2)
    rs = torch.nn.Conv2d(4, 6, 2)
    put("rstruct.w0", rs.weight)
    torch.manual_seed(7)
    prune.random_structured(rs, "weight", amount=0.5, dim=0)
    put("rstruct.mask1", rs.weight_mask)
    torch.manual_seed(8)
    prune.random_structured(rs, "weight", amount=1, dim=1)
    put("rstruct.mask2", rs.weight_mask)
    torch.manual_seed(9)
    prune.random_structured(rs, "weight", amount=0.34, dim=-1)
    put("rstruct.mask3", rs.weight_mask)
    # Along dim 0 again: one more of the output channels left (the pruned ones, of norm 0, are not candidates).
    prune.ln_structured(rs, "weight", amount=1, n=1, dim=0)
    put("rstruct.mask4", rs.weight_mask)

    # LnStructured's norms, on one 4-d tensor, by the method's own compute_mask.
    torch.manual_seed(3)
    t = torch.randn(5, 3, 2, 4)
    # Zeros so that the count of nonzeros (n = 0) differs between the channels of the last dimension: 27, 29, 28, 30.
    t[0, 0, 0, 1] = 0
    t[0:2, 0, 0, 2] = 0
    t[0:3, 0, 0, 0] = 0
    put("ln.t", t)
    for i, (n, dim, amount) in enumerate(((1, 0, 0.4), (2, 0, 2), (math.inf, 1, 1), (-math.inf, -3, 0.5),
                                          (0.5, 2, 1), (3, -4, 0.6), (0, 3, 2), (2, 1, 0))):
        mask = prune.LnStructured(amount, n, dim).compute_mask(t, default_mask=torch.ones_like(t))
        put("ln.%d" % i, mask)
    t3 = torch.randn(4, 3, 5)
    put("ln.t3", t3)
    put("ln.nuc", prune.LnStructured(2, "nuc", 0).compute_mask(t3, default_mask=torch.ones_like(t3)))
    put("ln.fro3", prune.LnStructured(0.5, "fro", 0).compute_mask(t3, default_mask=torch.ones_like(t3)))
    try:
        prune.LnStructured(1, "fro", 0).compute_mask(t, default_mask=torch.ones_like(t))
        names("ln.fro4.error", ["none"])
    except RuntimeError as e:
        names("ln.fro4.error", [str(e).replace(" ", "~")])

    # Custom masks, twice on one bias (the masks multiply), and on a weight.
    cm = torch.nn.Linear(4, 3)
    prune.custom_from_mask(cm, "bias", mask=torch.tensor([0., 1., 1.]))
    prune.custom_from_mask(cm, "bias", mask=torch.tensor([1., 0., 1.]))
    put("custom.bias_mask", cm.bias_mask)
    names("custom.methods", [type(h).__name__ for h in list(cm._forward_pre_hooks.values())[0]])

    # Global L1 pruning across two layers, one of them pruned before, one with its own importance scores.
    torch.manual_seed(4)
    l1, l2 = torch.nn.Linear(5, 4), torch.nn.Linear(4, 3)
    put("global.w1", l1.weight)
    put("global.b1", l1.bias)
    put("global.w2", l2.weight)
    prune.l1_unstructured(l2, "weight", amount=0.25)
    put("global.mask2_before", l2.weight_mask)
    scores = torch.randn(4).abs()
    put("global.scores", scores)
    prune.global_unstructured([(l1, "weight"), (l1, "bias"), (l2, "weight")], pruning_method=prune.L1Unstructured,
                              importance_scores={(l1, "bias"): scores}, amount=0.3)
    put("global.mask_w1", l1.weight_mask)
    put("global.mask_b1", l1.bias_mask)
    put("global.mask_w2", l2.weight_mask)
    names("global.methods2", [type(h).__name__ for h in list(l2._forward_pre_hooks.values())[0]])
    # Global random pruning, a count, after a seed.
    g1, g2 = torch.nn.Linear(3, 4), torch.nn.Linear(4, 2)
    torch.manual_seed(10)
    prune.global_unstructured([(g1, "weight"), (g2, "weight")], pruning_method=prune.RandomUnstructured, amount=5)
    put("global_rand.mask1", g1.weight_mask)
    put("global_rand.mask2", g2.weight_mask)

    # prune() on a tensor: alone, with a mask from before, with importance scores.
    torch.manual_seed(11)
    pt = torch.randn(3, 4)
    put("direct.t", pt)
    put("direct.l1", prune.L1Unstructured(0.5).prune(pt))
    dm = (torch.rand(3, 4) > 0.3).float()
    put("direct.dm", dm)
    put("direct.l1_dm", prune.L1Unstructured(3).prune(pt, default_mask=dm))
    imp = torch.randn(3, 4)
    put("direct.imp", imp)
    put("direct.l1_imp", prune.L1Unstructured(0.25).prune(pt, importance_scores=imp))
    torch.manual_seed(12)
    put("direct.rs", prune.RandomStructured(0.5, dim=1).prune(pt))

    # Amounts rounded half to even: 0.5 of 5 prunes 2, 0.3 of 5 prunes 2 (1.5), 0.1 of 5 prunes none (0.5).
    torch.manual_seed(13)
    rb = torch.randn(5)
    put("round.t", rb)
    for name, amount in (("half", 0.5), ("three", 0.3), ("tenth", 0.1), ("all", 1.0), ("one", 1)):
        put("round." + name, prune.L1Unstructured(amount).compute_mask(rb, default_mask=torch.ones(5)))

    # Training a pruned layer: two SGD steps; the pruned entries of weight_orig get no gradient.
    torch.manual_seed(14)
    tl = torch.nn.Linear(6, 4)
    put("train.w0", tl.weight)
    put("train.b0", tl.bias)
    opt = torch.optim.SGD(tl.parameters(), lr=0.1)
    prune.l1_unstructured(tl, "weight", amount=0.5)
    tx, ty = torch.randn(8, 6), torch.randn(8, 4)
    put("train.x", tx)
    put("train.t", ty)
    for step in range(2):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(tl(tx), ty)
        loss.backward()
        opt.step()
        put("train.loss%d" % step, loss)
    put("train.orig", tl.weight_orig)
    put("train.bias", tl.bias)
    tl(tx)
    put("train.weight", tl.weight)

    with open(OUT, "w") as f:
        f.writelines(out)


if __name__ == "__main__":
    main()
