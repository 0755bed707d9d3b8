#!/usr/bin/env python3
"""An independent safetensors reader and writer, from the format's specification (no vgrad code), for interop.

    /usr/bin/python3 scripts/safetensors_interop.py write FILE   # the fixture vgrad's tests read
    /usr/bin/python3 scripts/safetensors_interop.py check FILE   # reads a file vgrad wrote, prints every tensor

Format: 8-byte little-endian header length N, N bytes of JSON {"name": {"dtype", "shape", "data_offsets"}},
optionally "__metadata__", then the little-endian data, each tensor's bytes at [begin, end) of it.
"""
import json
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16}


def write(path):
    torch.manual_seed(11)
    tensors = {
        "layer.weight": torch.randn(3, 4),
        "layer.bias": torch.tensor([1.5, -0.0, float("inf")]),
        "half": torch.randn(5).to(torch.float16),
        "brain": torch.randn(2, 2).to(torch.bfloat16),
        "double": torch.randn(3).to(torch.float64),
        "scalar": torch.tensor(42.0),
    }
    header, chunks, offset = {"__metadata__": {"format": "pt", "written_by": "safetensors_interop.py"}}, [], 0
    for name, t in tensors.items():
        dtype = [k for k, v in DTYPES.items() if v == t.dtype][0]
        data = t.contiguous().view(torch.uint8).numpy().tobytes() if t.dim() else t.reshape(1).view(torch.uint8).numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
    for name, t in tensors.items():
        print(name, json.dumps(list(t.shape)).replace(" ", ""), " ".join(repr(float(v)) for v in t.float().reshape(-1).tolist()))


def read(path):
    """The file's tensors by name, in the header's order, and its metadata (or None)."""
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
    return tensors, header.get("__metadata__")


def check(path):
    tensors, metadata = read(path)
    if metadata is not None:
        print("metadata", metadata)
    for name, t in tensors.items():
        dtype = [k for k, v in DTYPES.items() if v == t.dtype][0]
        print(name, dtype, list(t.shape), t.reshape(-1)[:6].tolist())


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](sys.argv[2])
