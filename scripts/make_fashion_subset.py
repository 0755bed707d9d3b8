#!/usr/bin/env python3
"""Cuts the Fashion-MNIST subset embedded in vgrad (src/main/resources/dev/vgrad/data/fashion-mnist-subset):
the first 2000 training and first 500 test examples, as gzipped IDX files, from the Debian package
dataset-fashion-mnist (/usr/share/datasets/fashion-mnist). Fashion-MNIST is (c) Zalando SE, MIT license.

    python3 scripts/make_fashion_subset.py
"""
import gzip
import os
import struct

SRC = "/usr/share/datasets/fashion-mnist"
DST = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "dev", "vgrad", "data",
                   "fashion-mnist-subset")


def cut(name, count):
    with gzip.open(os.path.join(SRC, name + ".gz"), "rb") as f:
        raw = f.read()
    magic = struct.unpack(">I", raw[:4])[0]
    rank = magic & 0xff
    dims = list(struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank]))
    per = 1
    for d in dims[1:]:
        per *= d
    body = raw[4 + 4 * rank: 4 + 4 * rank + count * per]
    dims[0] = count
    out = struct.pack(">I", magic) + struct.pack(">" + "I" * rank, *dims) + body
    with gzip.GzipFile(os.path.join(DST, name + ".gz"), "wb", mtime=0) as f:
        f.write(out)


os.makedirs(DST, exist_ok=True)
cut("train-images-idx3-ubyte", 2000)
cut("train-labels-idx1-ubyte", 2000)
cut("t10k-images-idx3-ubyte", 500)
cut("t10k-labels-idx1-ubyte", 500)
