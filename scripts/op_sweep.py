#!/usr/bin/env python3
"""Everyday ops on PyTorch, timed as scripts/OpSweep.java times them on vgrad (1024 x 1024 forward, or with
--backward forward and backward on 512 x 1024; best of five timed loops after a warm-up), and, with --vgrad, the
vgrad run too and a table of both with their ratio. One thread on both sides (torch.set_num_threads(1),
OPENBLAS_NUM_THREADS=1, -Dvgrad.threads=1).

    /usr/bin/python3 scripts/op_sweep.py [--backward] [--vgrad]

The vgrad side needs the classes built (mvn compile) and the JDK scripts/find-jdk.sh finds.
"""
import os
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
torch.manual_seed(1)
BACKWARD = "--backward" in sys.argv
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def best_of(step, warm):
    end = time.perf_counter() + warm
    n = 0
    while time.perf_counter() < end or n < 3:
        step()
        n += 1
    best = 1e9
    for _ in range(5):
        reps = max(1, min(50, int(0.2 / best))) if best < 1e9 else 5
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        best = min(best, (time.perf_counter() - t0) / reps)
    return best * 1e6


def forward_ops():
    a = torch.randn(1024, 1024)
    b = torch.randn(1024, 1024)
    mask = a > b
    t3 = torch.randn(64, 128, 128)
    idx = torch.randint(0, 1024, (1024, 16))
    w = torch.randn(1024)
    bias = torch.randn(1024)
    emb = torch.randn(10000, 128)
    tok = torch.randint(0, 10000, (64, 64))
    small = torch.randn(64, 1024)
    ops = [
        ("sum(0)", lambda: a.sum(0)),
        ("sum(1)", lambda: a.sum(1)),
        ("mean(1)", lambda: a.mean(1)),
        ("amax(0)", lambda: a.amax(0)),
        ("max(1)", lambda: a.max(1)),
        ("argmax(1)", lambda: a.argmax(1)),
        ("var(1)", lambda: a.var(1)),
        ("logsumexp(1)", lambda: a.logsumexp(1)),
        ("softmax(1)", lambda: a.softmax(1)),
        ("softmax(0)", lambda: a.softmax(0)),
        ("logSoftmax(1)", lambda: a.log_softmax(1)),
        ("cumsum(1)", lambda: a.cumsum(1)),
        ("cumsum(0)", lambda: a.cumsum(0)),
        ("sort(1)", lambda: a.sort(1)),
        ("where", lambda: torch.where(mask, a, b)),
        ("maskedFill", lambda: a.masked_fill(mask, 0.)),
        ("clamp", lambda: a.clamp(-0.5, 0.5)),
        ("sigmoid", lambda: a.sigmoid()),
        ("tanh", lambda: a.tanh()),
        ("gelu", lambda: F.gelu(a)),
        ("erf", lambda: a.erf()),
        ("pow(2)", lambda: a.pow(2)),
        ("abs", lambda: a.abs()),
        ("sign", lambda: a.sign()),
        ("floor", lambda: a.floor()),
        ("layerNorm", lambda: F.layer_norm(a, (1024,), w, bias, 1e-5)),
        ("t().contiguous()", lambda: a.t().contiguous()),
        ("permute(0,2,1).contig", lambda: t3.permute(0, 2, 1).contiguous()),
        ("cat(0)", lambda: torch.cat([a, b], 0)),
        ("cat(1)", lambda: torch.cat([a, b], 1)),
        ("stack(0)", lambda: torch.stack([a, b], 0)),
        ("gather(1)", lambda: a.gather(1, idx)),
        ("indexSelect(0)", lambda: emb.index_select(0, tok.reshape(-1))),
        ("embedding", lambda: F.embedding(tok, emb)),
        ("flip(1)", lambda: a.flip(1)),
        ("roll(1)", lambda: a.roll(7, 1)),
        ("repeat", lambda: small.repeat(4, 1)),
        ("tril", lambda: a.tril(0)),
        ("norm", lambda: a.norm()),
        ("prod(1)", lambda: a.prod(1)),
        ("a+bias", lambda: a + bias),
        ("a*col", lambda: a * w.reshape(1024, 1)),
        ("nonzero", lambda: mask.nonzero()),
        ("maskedSelect", lambda: a.masked_select(mask)),
        ("diff(1)", lambda: a.diff(1, 1)),
        ("nanToNum", lambda: a.nan_to_num()),
        ("argsort(1)", lambda: a.argsort(1)),
    ]
    return [(name, lambda f=f: f()) for name, f in ops]


def backward_ops():
    x = torch.randn(512, 1024, requires_grad=True)
    y2 = torch.randn(512, 1024)
    mask = torch.randn(512, 1024) > 0
    w = torch.randn(1024, requires_grad=True)
    b = torch.randn(1024, requires_grad=True)
    idx = torch.randint(0, 1024, (512, 16))
    tgt = torch.randint(0, 1024, (512,))
    tok = torch.randint(0, 512, (4096,))
    ops = [
        ("relu", lambda t: t.relu()),
        ("gelu", lambda t: F.gelu(t)),
        ("sigmoid", lambda t: t.sigmoid()),
        ("tanh", lambda t: t.tanh()),
        ("softmax1", lambda t: t.softmax(1)),
        ("logSoftmax1", lambda t: t.log_softmax(1)),
        ("softmax0", lambda t: t.softmax(0)),
        ("layerNorm", lambda t: F.layer_norm(t, (1024,), w, b, 1e-5)),
        ("mean1", lambda t: t.mean(1, True)),
        ("sum0", lambda t: t.sum(0, True)),
        ("max1", lambda t: t.max(1, True)[0]),
        ("amax0", lambda t: t.amax(0, True)),
        ("where", lambda t: torch.where(mask, t, y2)),
        ("maskedFill", lambda t: t.masked_fill(mask, 0.)),
        ("gather1", lambda t: t.gather(1, idx)),
        ("indexSelect0", lambda t: t.index_select(0, tok)),
        ("catSelf1", lambda t: torch.cat([t, t], 1)),
        ("tContig", lambda t: t.t().contiguous()),
        ("mulBias", lambda t: t * w),
        ("div", lambda t: t / y2),
        ("pow2", lambda t: t.pow(2)),
        ("exp", lambda t: t.exp()),
        ("clamp", lambda t: t.clamp(-0.5, 0.5)),
        ("abs", lambda t: t.abs()),
        ("var1", lambda t: t.var(1, keepdim=True)),
        ("narrow", lambda t: t.narrow(1, 100, 500)),
        ("crossEntropy", lambda t: F.cross_entropy(t, tgt)),
        ("mse", lambda t: F.mse_loss(t, y2)),
        ("cumsum1", lambda t: t.cumsum(1)),
        ("logsumexp1", lambda t: t.logsumexp(1, True)),
    ]

    def step_of(f):
        def step():
            out = f(x)
            if out.numel() == 1:
                out.backward()
            else:
                out.backward(torch.ones_like(out))
            x.grad.zero_()
        return step
    return [(name, step_of(f)) for name, f in ops]


def vgrad_times():
    jdk = subprocess.run([os.path.join(ROOT, "scripts", "find-jdk.sh")], capture_output=True, text=True).stdout.strip()
    cmd = [os.path.join(jdk, "bin", "java"), "--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmn1g",
           "-Dvgrad.threads=1", "-cp", os.path.join(ROOT, "target", "classes"),
           os.path.join(ROOT, "scripts", "OpSweep.java")] + (["--backward"] if BACKWARD else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line.endswith(" us")}


def main():
    ops = backward_ops() if BACKWARD else forward_ops()
    theirs = {name: best_of(step, 1.0 if BACKWARD else 0.4) for name, step in ops}
    if "--vgrad" not in sys.argv:
        for name, us in theirs.items():
            print("%-24s %10.1f us" % (name, us))
        return
    ours = vgrad_times()
    print("%-24s %12s %12s %8s" % ("op", "vgrad us", "torch us", "ratio"))
    for name, us in theirs.items():
        print("%-24s %12.1f %12.1f %8.2f" % (name, ours[name], us, ours[name] / us))


if __name__ == "__main__":
    main()
