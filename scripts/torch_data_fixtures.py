#!/usr/bin/env python3
"""Dataset splits and sampler orders from real PyTorch (torch.utils.data), replayed by vgrad's DatasetsTest
(src/test/resources/fixtures/torch_data.txt).

Run with the Python that has torch (Debian: /usr/bin/python3 after apt-get install python3-torch):
    /usr/bin/python3 scripts/torch_data_fixtures.py

One line per list of integers, "<key> <values...>":
    split.<case>.<i>            random_split's i-th subset's indices (cases below: the dataset size, lengths or
                                fractions, and the seed of the generator)
    subset_sampler.<pass>       SubsetRandomSampler([5, 3, 9, 1, 7, 0, 2]) with a generator seeded 3, two passes
    loader.<pass>.<batch>       DataLoader(the first subset of random_split(TensorDataset(arange(20)), [12, 8], seed 4),
                                batch_size=5, shuffle=True, generator seeded 9): each batch's values, two passes
    seeded.<pass>               DataLoader(arange(10), batch_size=4, shuffle=True, generator seeded 3, drop_last=True):
                                a pass's values, two passes
    default.<k>                 after torch.manual_seed(5), arange(10) in one batch: shuffled (0), in order (1),
                                shuffled (2); default.rand: torch.rand(2) after them (floats), where the loaders left
                                the default generator
    partial.rand                torch.rand(1, generator=g) right after the third and last batch of
                                DataLoader(arange(10), batch_size=4, shuffle=True, generator=g seeded 3) was taken: the
                                sampler drew its unused permutation to gather that smaller batch (floats)
    batch_partial.rand          the same after the third and last batch of DataLoader(arange(10), batch_sampler=
                                BatchSampler(RandomSampler(arange(10), generator=g seeded 3), 4, False)): its sampler
                                was asked past its end while that smaller batch was gathered (floats)
    workers.<case>.<pass>.<b>   DataLoader(Noisy(), num_workers=W, ...)'s batch b of two passes (floats: each example
                                [i, torch.rand(1) drawn in the worker that made it]); workers.<case>.rand:
                                torch.rand(1, generator=g) after the two passes (cases in WORKERS)
    distributed.<case>.<rank>.<epoch>  DistributedSampler(range(n), num_replicas, rank, shuffle, seed, drop_last) after
                                set_epoch(epoch) (cases in DISTRIBUTED)
    stream.<case>.<pass>.<b>    DataLoader(Shards(), batch_size=B, num_workers=W, drop_last=D, generator=g)'s batch b of
                                two passes (floats; cases in STREAMS; W = 0 after torch.manual_seed(seed))
    random.<case>.<pass>        DataLoader(arange(n), sampler=RandomSampler(...), batch_size=B): a pass's values, two
                                passes; random.<case>.rand: torch.rand(1) from the sampler's generator after them (or
                                from the default generator for a sampler without one) (cases in RANDOM)
    persistent.<case>.<pass>.<b>  DataLoader(Noisy() or Shards(), num_workers=W, persistent_workers=True, ...)'s batch
                                b of three passes (floats: the workers' generators carry on from pass to pass, and the
                                base seed is drawn once); persistent.<case>.rand: torch.rand(1, generator=g) after them
                                (cases in PERSISTENT)
    weighted.<case>.<pass>      WeightedRandomSampler's indices, two passes from one generator (cases in WEIGHTED: the
                                weights as Python floats, made by weights() so that a test can make the same doubles,
                                numSamples, replacement, seed)
"""
import os

import torch
from torch.utils.data import (DataLoader, DistributedSampler, RandomSampler, SubsetRandomSampler, TensorDataset, WeightedRandomSampler,
                              random_split)

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_data.txt")

SPLITS = [("ints", 10, [3, 7], 42), ("fractions", 30, [0.3, 0.3, 0.4], 42), ("remainder", 11, [0.5, 0.25, 0.25], 5),
          ("empty_part", 4, [0, 4], 1), ("many", 1000, [100, 200, 700], 2026)]

# (name, weights kind, count, numSamples, replacement, seed). Many weights with replacement: torch sums them in double,
# and in float 4-5 % of the draws land in a neighbouring category.
WEIGHTED = [("many", "spread", 60000, 3000, True, 5), ("many_distinct", "spread", 60000, 500, False, 6),
            ("few", "few", 5, 20, True, 7), ("few_distinct", "few", 5, 3, False, 8)]

# (name, batch size, workers, prefetch factor, shuffle, drop_last, seed of the loader's generator)
WORKERS = [("two", 3, 2, 2, True, False, 11), ("three_full", 2, 3, 1, True, False, 12),
           ("dropped", 4, 2, 3, False, True, 13)]

# (name, stream, batch size, workers, shuffle, seed): persistent workers over the map-style and the iterable dataset
PERSISTENT = [("map", False, 3, 2, True, 17), ("stream", True, 2, 2, False, 18)]

# (name, n, replacement, num_samples, batch size, seed of the sampler's generator or None for the default after
# torch.manual_seed(-seed)). Chunks of 32 with replacement; whole permutations and a cut one without; a multiple of n
# (the sampler's last, empty permutation drawn past the end) with a full last batch and with a smaller one.
RANDOM = [("replaced", 10, True, 70, 8, 21), ("cut", 7, False, 16, 5, 22), ("whole_full", 5, False, 10, 5, 23),
          ("whole_partial", 5, False, 10, 4, 24), ("default", 6, True, None, 4, -25)]

# (name, n, num_replicas, shuffle, seed, drop_last): padding shorter and longer than the order, a tail dropped, in order
DISTRIBUTED = [("padded", 10, 3, True, 0, False), ("dropped", 10, 3, True, 7, True), ("ordered", 10, 4, False, 0, False),
               ("tiny", 2, 5, True, 3, False), ("none_left", 1, 3, True, 0, True)]

# (name, batch size, workers, drop_last, seed)
STREAMS = [("two", 2, 2, False, 14), ("three_dropped", 2, 3, True, 15), ("alone", 3, 0, False, 16)]


class Shards(torch.utils.data.IterableDataset):
    """Worker w yields [100 w + i, a draw from its default generator] for i < 3 + 2 w (so the workers' streams end at
    different batches); without workers, as worker 0."""

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        w = 0 if info is None else info.id
        for i in range(3 + 2 * w):
            yield torch.tensor([100.0 * w + i, torch.rand(1).item()])


class Noisy(torch.utils.data.Dataset):
    """Example i: [i, one draw from the default generator], which in a worker is that worker's own."""

    def __len__(self):
        return 10

    def __getitem__(self, i):
        return torch.tensor([float(i), torch.rand(1).item()])


def weights(kind, count):
    """The weights a test rebuilds: 0.5 + (7919 i mod 1000) / 999 for i < count, or five fixed ones."""
    if kind == "few":
        return [0.1, 0.0, 2.5, 1e-3, 7.0]
    return [0.5 + (i * 7919 % 1000) / 999.0 for i in range(count)]


def line(key, values):
    return "%s %s\n" % (key, " ".join(str(int(v)) for v in values))


def main():
    out = ["# Generated by scripts/torch_data_fixtures.py with torch %s. Do not edit.\n" % torch.__version__]
    for name, n, lengths, seed in SPLITS:
        parts = random_split(range(n), lengths, generator=torch.Generator().manual_seed(seed))
        out += [line("split.%s.%d" % (name, i), p.indices) for i, p in enumerate(parts)]
    sampler = SubsetRandomSampler([5, 3, 9, 1, 7, 0, 2], generator=torch.Generator().manual_seed(3))
    out += [line("subset_sampler.%d" % p, list(sampler)) for p in range(2)]
    data = TensorDataset(torch.arange(20).float())
    first, _ = random_split(data, [12, 8], generator=torch.Generator().manual_seed(4))
    loader = DataLoader(first, batch_size=5, shuffle=True, generator=torch.Generator().manual_seed(9))
    for p in range(2):
        out += [line("loader.%d.%d" % (p, b), batch[0].tolist()) for b, batch in enumerate(loader)]
    data10 = TensorDataset(torch.arange(10).float())
    seeded = DataLoader(data10, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(3), drop_last=True)
    out += [line("seeded.%d" % p, torch.cat([b[0] for b in seeded]).tolist()) for p in range(2)]
    torch.manual_seed(5)
    shuffled, ordered = DataLoader(data10, batch_size=10, shuffle=True), DataLoader(data10, batch_size=10)
    for k, loader in enumerate((shuffled, ordered, shuffled)):
        out.append(line("default.%d" % k, next(iter(loader))[0].tolist()))
    out.append("default.rand %s\n" % " ".join(repr(v) for v in torch.rand(2).tolist()))
    g = torch.Generator().manual_seed(3)
    it = iter(DataLoader(data10, batch_size=4, shuffle=True, generator=g))
    for _ in range(3):
        next(it)
    out.append("partial.rand %s\n" % repr(torch.rand(1, generator=g).item()))
    g = torch.Generator().manual_seed(3)
    it = iter(DataLoader(data10, batch_sampler=torch.utils.data.BatchSampler(RandomSampler(data10, generator=g), 4,
                                                                             False)))
    for _ in range(3):
        next(it)
    out.append("batch_partial.rand %s\n" % repr(torch.rand(1, generator=g).item()))
    for name, n, replicas, shuffle, seed, drop in DISTRIBUTED:
        for rank in range(replicas):
            sampler = DistributedSampler(range(n), num_replicas=replicas, rank=rank, shuffle=shuffle, seed=seed,
                                         drop_last=drop)
            for epoch in range(2):
                sampler.set_epoch(epoch)
                out.append(line("distributed.%s.%d.%d" % (name, rank, epoch), list(sampler)))
    for name, batch, workers, drop, seed in STREAMS:
        if workers == 0:
            torch.manual_seed(seed)
        loader = DataLoader(Shards(), batch_size=batch, num_workers=workers, drop_last=drop,
                            generator=torch.Generator().manual_seed(seed))
        for p in range(2):
            for b, values in enumerate(loader):
                out.append("stream.%s.%d.%d %s\n" % (name, p, b, " ".join(repr(v) for v in values.reshape(-1).tolist())))
    for name, n, replacement, samples, batch, seed in RANDOM:
        g = torch.Generator().manual_seed(seed) if seed > 0 else None
        if g is None:
            torch.manual_seed(-seed)
        data = TensorDataset(torch.arange(n).float())
        loader = DataLoader(data, batch_size=batch, generator=torch.Generator().manual_seed(1),
                            sampler=RandomSampler(data, replacement=replacement, num_samples=samples, generator=g))
        for p in range(2):
            out.append(line("random.%s.%d" % (name, p), torch.cat([b[0] for b in loader]).tolist()))
        out.append("random.%s.rand %s\n" % (name, repr(torch.rand(1, generator=g).item())))
    for name, batch, workers, prefetch, shuffle, drop, seed in WORKERS:
        g = torch.Generator().manual_seed(seed)
        loader = DataLoader(Noisy(), batch_size=batch, shuffle=shuffle, drop_last=drop, generator=g,
                            num_workers=workers, prefetch_factor=prefetch)
        for p in range(2):
            for b, values in enumerate(loader):
                out.append("workers.%s.%d.%d %s\n" % (name, p, b, " ".join(repr(v) for v in values.reshape(-1).tolist())))
        out.append("workers.%s.rand %s\n" % (name, repr(torch.rand(1, generator=g).item())))
    for name, stream, batch, workers, shuffle, seed in PERSISTENT:
        g = torch.Generator().manual_seed(seed)
        loader = DataLoader(Shards() if stream else Noisy(), batch_size=batch, shuffle=shuffle, generator=g,
                            num_workers=workers, persistent_workers=True)
        for p in range(3):
            for b, values in enumerate(loader):
                out.append("persistent.%s.%d.%d %s\n" % (name, p, b, " ".join(repr(v) for v in values.reshape(-1)
                                                                             .tolist())))
        out.append("persistent.%s.rand %s\n" % (name, repr(torch.rand(1, generator=g).item())))
    for name, kind, count, samples, replacement, seed in WEIGHTED:
        sampler = WeightedRandomSampler(weights(kind, count), samples, replacement,
                                        generator=torch.Generator().manual_seed(seed))
        out += [line("weighted.%s.%d" % (name, p), list(sampler)) for p in range(2)]
    with open(OUT, "w") as f:
        f.writelines(out)
    print("wrote %d lines to %s" % (len(out) - 1, os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
