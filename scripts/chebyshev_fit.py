"""Chebyshev interpolation in 50-digit arithmetic (mpmath), shared by scripts/erfcx_fit.py and scripts/gelu_fit.py:
a function interpolated at the Chebyshev nodes of an interval, returned as coefficients of powers of the variable a
kernel evaluates it in."""
import mpmath as mp

mp.mp.dps = 50


def powers(fn, lo, hi, degree, centre, scale):
    """fn interpolated at the degree + 1 Chebyshev nodes of [lo, hi], as mpf coefficients of powers of
    w = (x - centre) * scale, lowest first."""
    n = degree + 1
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    mid, half = (lo + hi) / 2, (hi - lo) / 2
    nodes = [mp.cos(mp.pi * (j + mp.mpf(1) / 2) / n) for j in range(n)]
    values = [fn(mid + half * u) for u in nodes]
    cheb = [mp.fsum(values[j] * mp.cos(k * mp.pi * (j + mp.mpf(1) / 2) / n) for j in range(n)) * 2 / n
            for k in range(n)]
    cheb[0] /= 2
    t = [[mp.mpf(1)], [mp.mpf(0), mp.mpf(1)]]   # Chebyshev polynomials in powers of u
    for k in range(2, n):
        nxt = [mp.mpf(0)] + [2 * c for c in t[k - 1]]
        for i, c in enumerate(t[k - 2]):
            nxt[i] -= c
        t.append(nxt)
    in_u = [mp.mpf(0)] * n
    for k in range(n):
        for i, c in enumerate(t[k]):
            in_u[i] += cheb[k] * c
    # u = (x - mid) / half and w = (x - centre) * scale, so u = a w + b: expand each power of u in powers of w.
    a, b = 1 / (mp.mpf(scale) * half), (mp.mpf(centre) - mid) / half
    out = [mp.mpf(0)] * n
    for i, c in enumerate(in_u):
        for j in range(i + 1):
            out[j] += c * mp.binomial(i, j) * a ** j * b ** (i - j)
    return out
