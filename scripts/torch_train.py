#!/usr/bin/env python3
"""The PyTorch side of the trainer's figures in BENCHMARKS.md: seed 004's MLP (or, with --model cnn, the CNN of
`./vgrad train --model cnn`) on Fashion-MNIST with the same settings as `./vgrad train` (Adam 1e-3, cosine schedule
over the epochs, batch 64, seed 42, one thread). torch.manual_seed(42) gives the same initial weights as vgrad's
Generator(42): both draw them in the same order from the same Mersenne Twister. The loader's generator g (seed 42) gives
the order, and vgrad's trainer shuffles with a Generator(42) of its own, drawing what this DataLoader draws from g: the
same batches.

With --model transformer it is the twin of `./vgrad train --model transformer`: the same character transformer on the
same Genesis text (read from vgrad's resources), starting from the weights vgrad wrote to
runs/transformer-initial.safetensors (--init), fed the same windows in the same shuffled order.

    /usr/bin/python3 scripts/torch_train.py [--model mlp|cnn|transformer] [--epochs 10] [--threads 1]
        [--optimizer adam|sgd] [--init runs/transformer-initial.safetensors]
"""
import argparse
import gzip
import os
import struct

ap = argparse.ArgumentParser()
ap.add_argument("--model", default="mlp", choices=["mlp", "cnn", "transformer"])
ap.add_argument("--epochs", type=int, default=10)
ap.add_argument("--threads", default="1")
ap.add_argument("--optimizer", default="adam")
ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
ap.add_argument("--init", default="runs/transformer-initial.safetensors")
ap.add_argument("--batch-size", type=int, default=64)
args = ap.parse_args()
os.environ["OPENBLAS_NUM_THREADS"] = args.threads
os.environ["OMP_NUM_THREADS"] = args.threads
import torch  # noqa: E402

import torch_epochs  # noqa: E402

torch.set_num_threads(int(args.threads))


def idx(name):
    with gzip.open(os.path.join(args.data_dir, name + ".gz"), "rb") as f:
        raw = f.read()
    rank = struct.unpack(">I", raw[:4])[0] & 0xff
    dims = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(raw[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims).float()


def load(prefix):
    x = (idx(prefix + "-images-idx3-ubyte").reshape(-1, 784) / 255 - 0.5) / 0.5
    return x, idx(prefix + "-labels-idx1-ubyte").long()


if args.model == "transformer":
    import torch_text_twin
    torch_text_twin.train(args)
    raise SystemExit(0)

xtr, ytr = load("train")
xte, yte = load("t10k")
g = torch.Generator().manual_seed(42)
torch.manual_seed(42)
nn = torch.nn
if args.model == "cnn":
    model = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
else:
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xtr, ytr), batch_size=args.batch_size, shuffle=True, generator=g)
crit = torch.nn.CrossEntropyLoss()
accuracy = lambda: (model(xte).argmax(1) == yte).float().mean().item() * 100  # noqa: E731
for epoch, loss, acc, dt, rate in torch_epochs.run(model, loader, lambda xb, yb: crit(model(xb), yb), args.epochs,
                                                   args.optimizer, accuracy):
    print("epoch %2d  train loss %.4f  test accuracy %.2f%%  %.2f s (%.0f examples/s)" % (epoch, loss, acc, dt, rate))
