#!/usr/bin/env python3
"""The PyTorch side of BENCHMARKS.md: the same measurements as src/jmh, on one thread.

Run with the Python that has torch (Debian: /usr/bin/python3 after apt-get install python3-torch):
    /usr/bin/python3 scripts/torch_bench.py [--threads N] [--steps [--batch B] | --mlp [--batch B] | --matmul [--n N] |
                                             --rnn [--batch B] | --ctc | --adaptive-pool | --losses | --linalg |
                                             --attention [--batch B] |
                                             --linalg-batch | --no-steps]
        (--steps: only the CNN and transformer steps, at batch B, default 64; --mlp: only the MLP steps, at batch B or
        at 64, 256 and 512; --matmul: only SGEMM, n x n x n for n = N or 32 to 1024; --rnn: only the LSTM, GRU and RNN steps of
        RecurrentStepBench, batch default 32; --ctc: CtcLossBench's loss; --losses: SoftmaxLossBench's softmax and
        losses over few classes; --attention: AttentionBench's causal self-attention, batch default 64;
        --linalg: LinalgBench's factorizations;
        --linalg-batch: LinalgBatchBench's batches of small matrices;
        --no-steps: everything but the CNN and transformer steps)
Prints one line per figure: name, microseconds per op (median of repeats), and the derived rate.
"""
import os
import sys
import time

# OpenBLAS sizes its own thread pool from the environment, before torch is imported; set_num_threads alone
# leaves it using every core. `--threads N` (default 1) sets both.
THREADS = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else "1"
os.environ["OPENBLAS_NUM_THREADS"] = THREADS
os.environ["OMP_NUM_THREADS"] = THREADS

import torch  # noqa: E402

torch.set_num_threads(int(THREADS))


def bench(fn, min_time=0.5, repeats=5):
    """Median over `repeats` of the mean time per call, each repeat running at least min_time seconds."""
    fn()
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t0
        if dt > 0.05:
            break
        n *= 2
    per_call = []
    for _ in range(repeats):
        reps = max(1, int(n * min_time / dt))
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        per_call.append((time.perf_counter() - t0) / reps)
    per_call.sort()
    return per_call[len(per_call) // 2] * 1e6


def matmuls(sizes=(32, 128, 256, 512, 1024)):
    """SGEMM n x n x n, as vgrad's MatmulBench."""
    for n in sizes:
        a, b = torch.randn(n, n), torch.randn(n, n)
        out = torch.empty(n, n)
        us = bench(lambda: torch.mm(a, b, out=out))
        print("matmul n=%d %.3f us/op %.1f GFLOP/s" % (n, us, 2 * n ** 3 / us / 1e3))


def main():
    matmuls()
    x, y, z = torch.randn(1 << 20), torch.randn(1 << 20), torch.empty(1 << 20)
    us = bench(lambda: torch.add(x, y, out=z))
    print("add 1M %.3f us/op %.1f GB/s" % (us, 12 * (1 << 20) / us / 1e3))
    us = bench(lambda: x.sum())
    print("sum 1M %.3f us/op %.1f GB/s" % (us, 4 * (1 << 20) / us / 1e3))
    a1, b1 = torch.tensor([1.5]), torch.tensor([2.5])
    print("add one element %.3f us/op" % bench(lambda: a1 + b1))
    ga, gb = torch.tensor([1.5], requires_grad=True), torch.tensor([2.5], requires_grad=True)

    def mul_sum_backward():
        ga.grad = None
        gb.grad = None
        (ga * gb).sum().backward()
    print("(a*b).sum().backward() one element %.3f us/op" % bench(mul_sum_backward))
    t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0])
    t_un = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]) * 0.1

    def thermometer():
        params = torch.tensor([1.0, 0.0], requires_grad=True)
        for _ in range(5000):
            if params.grad is not None:
                params.grad.zero_()
            loss = ((params[0] * t_un + params[1] - t_c) ** 2).mean()
            loss.backward()
            with torch.no_grad():
                params -= 1e-2 * params.grad
    print("thermometer 5000 epochs %.3f us/op" % bench(thermometer, min_time=2.0, repeats=3))


def step_of(model, x, y):
    """A training step of model (Adam 1e-3, cross entropy) on the fixed batch x, y."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    crit = torch.nn.CrossEntropyLoss()

    def step():
        loss = crit(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()
    return step


def mlp_steps(batches=(64, 256, 512)):
    """One training step of seed 004's MLP (Adam, cross entropy), as vgrad's TrainStepBench."""
    for batch in batches:
        torch.manual_seed(1)
        model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64),
                                    torch.nn.ReLU(), torch.nn.Linear(64, 10))
        step = step_of(model, torch.randn(batch, 784), torch.arange(batch) % 10)
        print("mlp step batch=%d %.3f us/op" % (batch, bench(step)))


def cnn_and_transformer_steps(batch=64):
    """vgrad's ConvLayerBench, CnnStepBench and TransformerStepBench, at one batch size (64 unless --batch N)."""
    torch.manual_seed(1)
    conv = torch.nn.Conv2d(32, 64, 3, 1, 1)
    x = torch.randn(batch, 32, 14, 14, requires_grad=True)

    def conv_layer():
        conv.zero_grad()
        x.grad = None
        conv(x).sum().backward()
    print("conv2d layer forward+backward batch=%d %.3f us/op" % (batch, bench(conv_layer)))
    maps = torch.randn(batch, 32, 28, 28, requires_grad=True)
    upstream = torch.randn(batch, 32, 14, 14)

    def max_pool():
        maps.grad = None
        torch.nn.functional.max_pool2d(maps, 2, 2).backward(upstream)
    print("max_pool2d 2x2 forward+backward batch=%d %.3f us/op" % (batch, bench(max_pool)))

    nn = torch.nn
    cnn = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(32, 64, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    print("cnn step batch=%d %.3f us/op" % (batch, bench(step_of(cnn, torch.randn(batch, 784),
                                                                  torch.randint(0, 10, (batch,))))))

    context, width, vocabulary = 64, 128, 60
    mask = torch.nn.Transformer.generate_square_subsequent_mask(context)
    block = nn.TransformerEncoderLayer(width, 4, 4 * width, dropout=0.0)
    block_opt = torch.optim.Adam(block.parameters(), lr=1e-3)
    block_input = torch.randn(context, batch, width)

    def block_step():
        loss = block(block_input, src_mask=mask).pow(2).mean()
        block_opt.zero_grad()
        loss.backward()
        block_opt.step()
        return loss.item()
    print("transformer block step batch=%d %.3f us/op" % (batch, bench(block_step)))

    sys.path.insert(0, os.path.dirname(__file__))
    import torch_text_twin
    model = torch_text_twin.CharTransformer(vocabulary)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    crit = torch.nn.CrossEntropyLoss()
    ids, targets = torch.randint(0, vocabulary, (batch, context)), torch.randint(0, vocabulary, (batch, context))

    def char_step():
        loss = crit(model(ids).reshape(-1, vocabulary), targets.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()
    print("char transformer step batch=%d %.3f us/op" % (batch, bench(char_step)))


def recurrent_steps(batch=32):
    """vgrad's RecurrentStepBench: one LSTM, GRU or RNN layer (64 -> 128) over 32 steps, Adam, loss mean(output^2)."""
    torch.manual_seed(1)
    x = torch.randn(32, batch, 64)
    layers = (("lstm", torch.nn.LSTM(64, 128)), ("gru", torch.nn.GRU(64, 128)), ("rnn", torch.nn.RNN(64, 128)))
    for name, layer in layers:
        opt = torch.optim.Adam(layer.parameters(), lr=1e-3)

        def step():
            loss = layer(x)[0].pow(2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            return loss.item()
        print("%s step batch=%d %.3f us/op" % (name, batch, bench(step)))


def ctc_loss():
    """vgrad's CtcLossBench: ctc_loss through log_softmax, forward and backward, [200 frames, 16, 30 classes], 30
    labels a sequence (every third a repeat)."""
    frames, batch, classes, labels = 200, 16, 30, 30
    torch.manual_seed(1)
    logits = torch.randn(frames, batch, classes, requires_grad=True)
    flat = []
    for i in range(batch * labels):
        flat.append(flat[i - 1] if i % 3 == 2 else 1 + (i * 7 % (classes - 1)))
    targets = torch.tensor(flat).view(batch, labels)

    def step():
        logits.grad = None
        loss = torch.nn.functional.ctc_loss(logits.log_softmax(2), targets, [frames] * batch, [labels] * batch)
        loss.backward()
        return loss.item()
    print("ctc loss forward+backward %.3f us/op" % bench(step))


def softmax_losses():
    """vgrad's SoftmaxLossBench: cross entropy over [512, 10], cross entropy and log_softmax then nll_loss per position
    over [16, 10, 64, 64], forward and backward (the logits' gradient dropped each call); softmax over dim 1 of
    [64, 10, 28, 28], forward."""
    torch.manual_seed(1)
    rows, row_targets = torch.randn(512, 10, requires_grad=True), torch.randint(0, 10, (512,))
    positions = torch.randn(16, 10, 64, 64, requires_grad=True)
    position_targets = torch.randint(0, 10, (16, 64, 64))
    channels = torch.randn(64, 10, 28, 28)
    functional = torch.nn.functional

    def step(logits, loss_of):
        def run():
            loss = loss_of()
            loss.backward()
            value = loss.item()
            logits.grad = None
            return value
        return run
    print("cross entropy rows forward+backward %.3f us/op"
          % bench(step(rows, lambda: functional.cross_entropy(rows, row_targets))))
    print("cross entropy positions forward+backward %.3f us/op"
          % bench(step(positions, lambda: functional.cross_entropy(positions, position_targets))))
    print("log_softmax nll positions forward+backward %.3f us/op"
          % bench(step(positions, lambda: functional.nll_loss(positions.log_softmax(1), position_targets))))
    print("softmax channels forward %.3f us/op" % bench(lambda: channels.softmax(1)))


def attention(batch=64):
    """vgrad's AttentionBench: causal self-attention of packed projections qkv [64, batch, 384] (4 heads of 32) as
    nn.MultiheadAttention computes it inside (baddbmm with the mask, softmax, bmm), forward (then a sum) and forward
    then qkv's gradient for a fixed upstream gradient through torch.autograd.grad (no leaf gradient accumulated)."""
    torch.manual_seed(1)
    context, width, heads = 64, 128, 4
    hd = width // heads
    qkv = torch.randn(context, batch, 3 * width, requires_grad=True)
    mask = torch.nn.Transformer.generate_square_subsequent_mask(context)
    upstream = torch.randn(context, batch, width)

    def attend():
        q, k, v = qkv.chunk(3, dim=-1)
        q, k, v = (t.contiguous().view(context, batch * heads, hd).transpose(0, 1) for t in (q, k, v))
        weights = torch.baddbmm(mask, q * hd ** -0.5, k.transpose(-2, -1)).softmax(dim=-1)
        return torch.bmm(weights, v).transpose(0, 1).contiguous().view(context, batch, width)

    def forward():
        return attend().sum().item()

    def forward_backward():
        return torch.autograd.grad(attend(), qkv, upstream)[0].sum().item()
    print("attention forward batch=%d %.3f us/op" % (batch, bench(forward)))
    print("attention forward+backward batch=%d %.3f us/op" % (batch, bench(forward_backward)))


def adaptive_pooling():
    """vgrad's AdaptivePoolBench: adaptive average and max pooling of [64, 64, 14, 14] to 7, 3 and 1 square, forward
    and backward through a sum, the input's gradient zeroed in place each call."""
    torch.manual_seed(1)
    x = torch.randn(64, 64, 14, 14, requires_grad=True)
    for name, pool in (("average", torch.nn.functional.adaptive_avg_pool2d),
                       ("maximum", torch.nn.functional.adaptive_max_pool2d)):
        for size in (7, 3, 1):
            def step():
                if x.grad is not None:
                    x.grad.zero_()
                pool(x, size).sum().backward()
            print("adaptive %s pooling 14x14 -> %d forward+backward %.3f us/op" % (name, size, bench(step)))


def factorizations():
    """vgrad's LinalgBench: inv, cholesky, qr, eigh and svd (reduced) of one n x n float matrix, no gradient."""
    torch.manual_seed(1)
    for n in (32, 128):
        general = torch.randn(n, n) / n ** 0.5 + 2 * torch.eye(n)
        spd, symmetric = general @ general.T, general + general.T
        for name, fn in (("inv", lambda: torch.linalg.inv(general)), ("cholesky", lambda: torch.linalg.cholesky(spd)),
                         ("qr", lambda: torch.linalg.qr(general)), ("eigh", lambda: torch.linalg.eigh(symmetric)),
                         ("svd", lambda: torch.linalg.svd(general, full_matrices=False))):
            print("linalg %s %d %.3f us/op" % (name, n, bench(fn)))


def small_factorizations():
    """vgrad's LinalgBatchBench: inv, cholesky, det and eigh of 10 000 n x n float matrices at once, no gradient."""
    torch.manual_seed(1)
    for n in (3, 8):
        general = torch.randn(10000, n, n) / n ** 0.5 + 2 * torch.eye(n)
        spd, symmetric = general @ general.transpose(-2, -1), general + general.transpose(-2, -1)
        for name, fn in (("inv", lambda: torch.linalg.inv(general)), ("cholesky", lambda: torch.linalg.cholesky(spd)),
                         ("det", lambda: torch.linalg.det(general)), ("eigh", lambda: torch.linalg.eigh(symmetric))):
            print("linalg batch of 10000 %s %d %.3f us/op" % (name, n, bench(fn)))


if __name__ == "__main__":
    if "--linalg-batch" in sys.argv:
        small_factorizations()
    elif "--linalg" in sys.argv:
        factorizations()
    elif "--adaptive-pool" in sys.argv:
        adaptive_pooling()
    elif "--attention" in sys.argv:   # only AttentionBench's
        attention(int(sys.argv[sys.argv.index("--batch") + 1]) if "--batch" in sys.argv else 64)
    elif "--losses" in sys.argv:
        softmax_losses()
    elif "--ctc" in sys.argv:
        ctc_loss()
    elif "--rnn" in sys.argv:
        recurrent_steps(int(sys.argv[sys.argv.index("--batch") + 1]) if "--batch" in sys.argv else 32)
    elif "--matmul" in sys.argv:   # only SGEMM
        matmuls([int(sys.argv[sys.argv.index("--n") + 1])] if "--n" in sys.argv else (32, 128, 256, 512, 1024))
    elif "--mlp" in sys.argv:   # only the MLP steps
        mlp_steps([int(sys.argv[sys.argv.index("--batch") + 1])] if "--batch" in sys.argv else (64, 256, 512))
    elif "--steps" in sys.argv:   # only the CNN and transformer figures
        cnn_and_transformer_steps(int(sys.argv[sys.argv.index("--batch") + 1]) if "--batch" in sys.argv else 64)
    elif "--no-steps" in sys.argv:   # README's table: no CNN or transformer step
        main()
        mlp_steps()
    else:
        main()
        mlp_steps()
        cnn_and_transformer_steps()
