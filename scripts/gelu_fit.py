#!/usr/bin/env python3
"""The float coefficients of kernels.Gelu's two polynomials, interpolated at Chebyshev nodes in 50-digit arithmetic
(mpmath, scripts/chebyshev_fit.py), turned into powers of the variable each is evaluated in and rounded to float:

  erf(z) / z for 0 <= z < 1/2, in powers of t = z^2;
  erfcx(a) = e^(a^2) erfc(a) for 1/2 <= a < 4, in powers of v = a - 2.25.

Prints them as Java float literals, then the worst error of their Horner evaluation with float FMAs (each step
rounded to float, as the kernels do) over 20 000 points: relative for erf(z)/z and erfcx, which is what GELU's
1 + erf(z) needs to within a float's rounding. Needs mpmath (Debian's python3-mpmath, a dependency of python3-torch).

    /usr/bin/python3 scripts/gelu_fit.py
"""
import struct

import mpmath as mp

import chebyshev_fit

mp.mp.dps = 50
ERF_DEGREE = 4
ERFCX_DEGREE = 15


def f32(x):
    return struct.unpack("f", struct.pack("f", float(x)))[0]


def chebyshev_powers(fn, lo, hi, degree, centre, scale):
    return [f32(c) for c in chebyshev_fit.powers(fn, lo, hi, degree, centre, scale)]


def horner_f32(coef, w):
    q = coef[-1]
    for c in reversed(coef[:-1]):
        q = f32(mp.mpf(q) * mp.mpf(w) + mp.mpf(c))   # a float FMA: one rounding
    return q


def erf_over_z(t):
    z = mp.sqrt(t)
    return mp.erf(z) / z if z > 0 else 2 / mp.sqrt(mp.pi)


def erfcx(a):
    return mp.exp(a * a) * mp.erfc(a)


def main():
    erf_coef = chebyshev_powers(erf_over_z, 0, mp.mpf(1) / 4, ERF_DEGREE, 0, 1)
    erfcx_coef = chebyshev_powers(erfcx, mp.mpf(1) / 2, 4, ERFCX_DEGREE, mp.mpf(9) / 4, 1)
    for name, coef in (("GELU_ERF", erf_coef), ("GELU_ERFCX", erfcx_coef)):
        print(name + " = {" + ", ".join(repr(c) + "f" for c in coef) + "};")
    worst_erf = worst_erfcx = 0.0
    points = 20000
    for i in range(points):
        z = f32(i / (points - 1) * 0.49999997)
        t = f32(z * z)
        got = horner_f32(erf_coef, t)
        worst_erf = max(worst_erf, float(abs((got - erf_over_z(mp.mpf(t))) / erf_over_z(mp.mpf(t)))))
        a = f32(0.5 + 3.5 * i / (points - 1) * 0.99999994)
        got = horner_f32(erfcx_coef, f32(a - 2.25))
        worst_erfcx = max(worst_erfcx, float(abs((got - erfcx(mp.mpf(a))) / erfcx(mp.mpf(a)))))
    print("worst relative error: erf(z)/z on [0, 1/2) %.3g, erfcx on [1/2, 4) %.3g (a float's half ulp: 2^-24 = %.3g)"
          % (worst_erf, worst_erfcx, 2.0 ** -24))


if __name__ == "__main__":
    main()
