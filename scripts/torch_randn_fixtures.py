#!/usr/bin/env python3
"""torch.randn's values for a few seeds and lengths, as float32 bits, for vgrad's Generator test
(src/test/resources/fixtures/torch_randn.txt). Lengths cover the scalar loop (< 16), whole groups of 16, and the
redrawn last group of a length that is not a multiple of 16. PyTorch 1.13 on an AVX2 CPU.

    /usr/bin/python3 scripts/torch_randn_fixtures.py > src/test/resources/fixtures/torch_randn.txt
"""
import torch

print("# seed length bits... (torch %s, cpu capability AVX2)" % torch.__version__)
for seed, n in ((0, 7), (0, 16), (1, 17), (2, 100), (3, 1000), (5, 33), (42, 4096)):
    torch.manual_seed(seed)
    bits = torch.randn(n).view(torch.int32).tolist()
    print(seed, n, " ".join("%08x" % (b & 0xffffffff) for b in bits))
