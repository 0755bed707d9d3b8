#!/usr/bin/env python3
"""torch.fft (fft, ifft, rfft, irfft, hfft, ihfft, fft2, ifft2, rfft2, irfft2, fftn, rfftn, irfftn, fftfreq,
rfftfreq, fftshift, ifftshift) on lengths that are powers of two, short odd lengths and long prime ones, with n cut or
padded and every norm, with the gradients of a weighted sum of the real view of each output; replayed by vgrad's
FftTest (src/test/resources/fixtures/torch_fft.txt). Complex tensors are written as torch.view_as_real writes them
(a last dimension of 2), the form vgrad's Fft takes and gives.

    /usr/bin/python3 scripts/torch_fft_fixtures.py

One line per tensor: "<case>.<what> <values...>", flattened row-major, "<case>.<what>.shape <sizes...>" beside it.
"""
import os

import torch

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_fft.txt")


def fmt(t):
    # 9 significant digits give a float32 back exactly
    return " ".join("%.9g" % v for v in torch.as_tensor(t).detach().reshape(-1).tolist())


def main():
    out = ["# scripts/torch_fft_fixtures.py, torch %s\n" % torch.__version__]
    cases = []

    def put(key, t):
        t = torch.as_tensor(t)
        out.append("%s %s\n" % (key, fmt(t)))
        out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))

    def case(name, op, shape, complex_input, zeros=(), **kw):
        x = torch.randn(*shape, 2) if complex_input else torch.randn(*shape)
        for at in zeros:   # values set to 0 (a complex one's two parts), where gradients have their own rule
            x[at] = 0
        x.requires_grad_(True)
        y = op(torch.view_as_complex(x) if complex_input else x, **kw)
        yr = torch.view_as_real(y.resolve_conj()) if y.is_complex() else y
        w = torch.randn(yr.shape)
        (yr * w).sum().backward()
        put(name + ".x", x)
        put(name + ".y", yr)
        put(name + ".w", w)
        put(name + ".grad", x.grad)
        cases.append(name)

    torch.manual_seed(71)
    F = torch.fft
    for n in (1, 2, 5, 8, 12, 64, 97):
        for norm in ("backward", "ortho", "forward"):
            case("fft_%d_%s" % (n, norm), F.fft, (2, n), True, norm=norm)
            case("ifft_%d_%s" % (n, norm), F.ifft, (2, n), True, norm=norm)
            case("rfft_%d_%s" % (n, norm), F.rfft, (2, n), False, norm=norm)
            if n > 1:
                case("irfft_%d_%s" % (n, norm), F.irfft, (2, n // 2 + 1), True, n=n, norm=norm)
    case("fft_dim0_n7", F.fft, (5, 4, 3), True, n=7, dim=0)
    case("fft_cut", F.fft, (2, 9), True, n=4)
    case("ifft_dim1", F.ifft, (2, 6, 3), True, dim=1, norm="ortho")
    case("rfft_pad", F.rfft, (2, 5), False, n=11)
    case("rfft_cut_dim0", F.rfft, (13, 3), False, n=8, dim=0)
    case("irfft_default", F.irfft, (2, 9), True)
    case("irfft_odd", F.irfft, (2, 5), True, n=9)
    case("irfft_pad", F.irfft, (2, 4), True, n=12)
    case("irfft_cut", F.irfft, (2, 10), True, n=6, dim=-1)
    case("irfft_dim0", F.irfft, (5, 3), True, n=8, dim=0, norm="ortho")
    case("hfft", F.hfft, (2, 6), True, n=10)
    case("hfft_ortho", F.hfft, (2, 5), True, norm="ortho")
    case("ihfft", F.ihfft, (2, 9), False)
    case("ihfft_forward", F.ihfft, (3, 8), False, norm="forward")
    case("fft2", F.fft2, (2, 4, 6), True)
    case("ifft2", F.ifft2, (3, 5), True, norm="ortho")
    case("rfft2", F.rfft2, (2, 6, 5), False)
    case("irfft2", F.irfft2, (4, 5), True)
    case("fftn_all", F.fftn, (3, 4, 2), True)
    case("fftn_s", F.fftn, (3, 4, 5), True, s=(6, 3), dim=(0, 2), norm="forward")
    case("rfftn", F.rfftn, (4, 3, 6), False, s=(5, 8))
    case("irfftn", F.irfftn, (3, 4, 5), True, dim=(0, 2))
    case("fft_long_prime", F.fft, (2, 257), True)
    case("rfft_long", F.rfft, (1, 600), False)
    case("irfft_long", F.irfft, (1, 301), True, n=600)

    # torch.stft (return_complex=False's real form) and torch.istft, from torch.stft's and torch.istft's own calls.
    def stft(x, **kw):
        return torch.view_as_real(torch.stft(x, return_complex=True, **kw))

    def istft(z, **kw):
        return torch.istft(z, **kw)

    hann16, hann12 = torch.hann_window(16), torch.hann_window(12)
    case("stft_default", stft, (50,), False, n_fft=16)
    case("stft_hann", stft, (2, 64), False, n_fft=16, hop_length=5, window=hann16)
    case("stft_short_window", stft, (40,), False, n_fft=16, win_length=10, window=torch.hann_window(10))
    case("stft_short_ones", stft, (40,), False, n_fft=16, win_length=11)
    case("stft_odd_window", stft, (40,), False, n_fft=16, win_length=9, window=torch.hann_window(9))
    case("stft_nocenter", stft, (2, 37), False, n_fft=12, hop_length=4, center=False, window=hann12)
    case("stft_constant", stft, (30,), False, n_fft=8, pad_mode="constant")
    case("stft_replicate", stft, (30,), False, n_fft=8, hop_length=3, pad_mode="replicate")
    case("stft_circular", stft, (30,), False, n_fft=8, pad_mode="circular")
    case("stft_normalized", stft, (33,), False, n_fft=10, normalized=True)
    case("stft_twosided", stft, (2, 33), False, n_fft=10, onesided=False, window=torch.hann_window(10))
    case("istft_default", istft, (9, 13), True, n_fft=16, window=hann16)
    case("istft_length", istft, (2, 9, 15), True, n_fft=16, hop_length=5, window=hann16, length=70)
    case("istft_long", istft, (9, 13), True, n_fft=16, window=hann16, length=80)
    case("istft_nocenter", istft, (7, 8), True, n_fft=12, hop_length=3, window=hann12 + 0.1, center=False)
    case("istft_normalized", istft, (7, 11), True, n_fft=12, window=hann12, normalized=True)
    case("istft_twosided", istft, (10, 9), True, n_fft=10, window=torch.hann_window(10), onesided=False)

    # complex abs and angle, zeros among the values (gradient 0 there, as torch's sgn and angle backward give)
    case("complex_abs", torch.abs, (3, 4), True, zeros=((0, 0), (2, 3)))
    case("complex_angle", torch.angle, (3, 4), True, zeros=((0, 0), (2, 3)))

    # the complex product (broadcasting) and torch.polar, with the gradients of weighted sums
    a = torch.randn(3, 4, 2, requires_grad=True)
    b = torch.randn(4, 2, requires_grad=True)
    y = torch.view_as_real(torch.view_as_complex(a) * torch.view_as_complex(b))
    w = torch.randn(y.shape)
    (y * w).sum().backward()
    for k, v in (("a", a), ("b", b), ("y", y), ("w", w), ("ga", a.grad), ("gb", b.grad)):
        put("complex_mul." + k, v)
    m = (torch.rand(5) + 0.1).requires_grad_(True)
    t = (torch.randn(5) * 2).requires_grad_(True)
    y = torch.view_as_real(torch.polar(m, t))
    w = torch.randn(y.shape)
    (y * w).sum().backward()
    for k, v in (("abs", m), ("angle", t), ("y", y), ("w", w), ("gabs", m.grad), ("gangle", t.grad)):
        put("polar." + k, v)

    for n, d in ((1, 1.0), (8, 1.0), (9, 0.1), (10, 2.5), (33, 0.03)):
        put("fftfreq_%d" % n, F.fftfreq(n, d))
        put("fftfreq_%d.d" % n, torch.tensor(d))
        put("rfftfreq_%d" % n, F.rfftfreq(n, d))
    x = torch.arange(30.0).reshape(5, 6)
    put("shift.x", x)
    put("shift.fftshift", F.fftshift(x))
    put("shift.ifftshift", F.ifftshift(x))
    put("shift.fftshift1", F.fftshift(x, dim=1))
    put("shift.ifftshift0", F.ifftshift(x, dim=0))
    out.append("cases.keys %s\n" % " ".join(cases))
    with open(OUT, "w") as f:
        f.writelines(out)
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
