"""Recompute the constants of codegen/mathfuncs.py, codegen/mathfuncs_derived.py and
codegen/mathfuncs_pow.py (needs mpmath) and check them.

Polynomials: weighted least squares on Chebyshev nodes in 200-bit arithmetic
(near-minimax for the final relative error), each coefficient rounded to the
target precision, lowest power first, before the higher ones are refitted so
that they absorb its rounding.  Split constants: pi/2 and ln 2 as sums of
parts that are multiples of chosen powers of two, the last part rounded.

    python tools/fit_mathfuncs.py          # prints every table; exit 1 if one differs
"""
from __future__ import annotations

import sys
from pathlib import Path

import mpmath as mp
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from codegen import mathfuncs, mathfuncs_derived, mathfuncs_pow  # noqa: E402

mp.mp.prec = 200


def least_squares(f, weight, a, b, powers, nodes=400):
    xs = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (k + mp.mpf(0.5)) / nodes)
          for k in range(nodes)]
    A, y = mp.matrix(nodes, len(powers)), mp.matrix(nodes, 1)
    for i, x in enumerate(xs):
        w = weight(x)
        for j, p in enumerate(powers):
            A[i, j] = w * x ** p
        y[i] = w * f(x)
    solution, _ = mp.qr_solve(A, y)
    return [solution[j] for j in range(len(powers))]


def fit(f, weight, a, b, degree, dtype, fixed=()):
    """Coefficients c0..c_degree (lowest first) rounded to ``dtype`` one by one."""
    out = [mp.mpf(c) for c in fixed]
    for k in range(len(out), degree + 1):
        def rest(x, known=tuple(out)):
            return f(x) - sum(c * x ** i for i, c in enumerate(known))
        lowest = least_squares(rest, weight, a, b, list(range(k, degree + 1)))[0]
        out.append(mp.mpf(float(dtype(float(lowest)))))
    return tuple(float(c) for c in out)


def polyval(coeffs, x):
    acc = mp.mpf(0)
    for c in reversed(coeffs):
        acc = acc * x + mp.mpf(c)
    return acc


def max_rel_error(approx, exact, grid):
    return float(mp.log(max(abs(approx(t) / exact(t) - 1) for t in grid), 2))


def split(value, multiples_of, last_dtype=np.float64):
    """Parts that are multiples of 2**-g for each g, then the rest rounded."""
    parts, rest = [], mp.mpf(value)
    for g in multiples_of:
        part = mp.nint(rest * 2 ** g) / 2 ** g
        parts.append(part)
        rest -= part
    parts.append(mp.mpf(float(last_dtype(float(rest)))))
    return tuple(float(p) for p in parts)


# functions whose polynomial part is fitted, and the weight |d(result)/d(poly)| / |result|
def exp_rest(r):
    return (mp.exp(r) - 1 - r) / r ** 2 if r else mp.mpf(1) / 2


def sin_rest(z):
    return (mp.sin(mp.sqrt(z)) / mp.sqrt(z) - 1) / z if z else -mp.mpf(1) / 6


def cos_rest(z):
    return (mp.cos(mp.sqrt(z)) - 1 + z / 2) / z ** 2 if z else mp.mpf(1) / 24


def log_rest(z):
    if not z:
        return mp.mpf(2) / 3
    s = mp.sqrt(z)
    return (mp.log((1 + s) / (1 - s)) - 2 * s) / s / z


def log_tail_rest(z):
    """T of log((1+s)/(1-s)) = 2s + (2/3)s**3 + s**5 * T(s*s)."""
    if not z:
        return mp.mpf(2) / 5
    s = mp.sqrt(z)
    return (mp.log((1 + s) / (1 - s)) - 2 * s - mp.mpf(2) / 3 * s ** 3) / s ** 5


def atan_rest(z):
    return (mp.atan(mp.sqrt(z)) / mp.sqrt(z) - 1) / z if z else -mp.mpf(1) / 3


def asin_rest(z):
    return (mp.asin(mp.sqrt(z)) / mp.sqrt(z) - 1) / z if z else mp.mpf(1) / 6


def tanh_rest(z):
    return (mp.tanh(mp.sqrt(z)) / mp.sqrt(z) - 1) / z if z else -mp.mpf(1) / 3


def tan_rest(z):
    return (mp.tan(mp.sqrt(z)) / mp.sqrt(z) - 1) / z if z else mp.mpf(1) / 3


def sinh_rest(z):
    return (mp.sinh(mp.sqrt(z)) / mp.sqrt(z) - 1) / z if z else mp.mpf(1) / 6


def odd_weight(f):
    """The weight of an odd function f(s) = s + s**3 * P(s*s) fitted as P(z)."""
    return lambda z: z * mp.sqrt(z) / f(mp.sqrt(z)) if z else mp.mpf(0)


def hi_lo(value, dtype=np.float64):
    """value rounded to ``dtype`` and the rest rounded to ``dtype``."""
    hi = mp.mpf(float(dtype(float(value))))
    return float(hi), float(dtype(float(value - hi)))


def high_lo(value):
    """value as its float64 truncated to 21 significant bits (the low 32 bits of the
    significand cleared) and the float64 of the rest."""
    hi = np.array([float(value)]).view(np.int64) & np.int64(-(1 << 32))
    hi = float(hi.view(np.float64)[0])
    return hi, float(value - mp.mpf(hi))


def derived_tables():
    """The constants of codegen/mathfuncs_derived.py, as ``tables``."""
    t_max, s_max = mp.mpf(7) / 16 * mp.mpf("1.0001"), mp.mpf("0.5") * mp.mpf("1.0001")
    t_grid = [t_max * i / 1500 for i in range(1, 1501)]
    s_grid = [s_max * i / 1500 for i in range(1, 1501)]
    h_max = mp.mpf(9) / 16 * mp.mpf("1.0001")
    h_grid = [h_max * i / 1500 for i in range(1, 1501)]
    one = mp.mpf("1.0001")
    one_grid = [one * i / 1500 for i in range(1, 1501)]
    q_max = mp.pi / 4 * mp.mpf("1.0001")
    q_grid = [q_max * i / 1500 for i in range(1, 1501)]
    out = {}
    for name, rest, f, top, degree, grid, dtype in (
            ("_ATAN", atan_rest, mp.atan, t_max, 10, t_grid, np.float64),
            ("_ASIN", asin_rest, mp.asin, s_max, 12, s_grid, np.float64),
            ("_ATAN_F32", atan_rest, mp.atan, t_max, 4, t_grid, np.float32),
            ("_TANH_F32", tanh_rest, mp.tanh, h_max, 4, h_grid, np.float32),
            ("_SINH_F32", sinh_rest, mp.sinh, one, 3, one_grid, np.float32),
            ("_ASIN_F32", asin_rest, mp.asin, s_max, 4, s_grid, np.float32),
            ("_TAN_F32", tan_rest, mp.tan, q_max, 6, q_grid, np.float32)):
        c = fit(rest, odd_weight(f), 0, top ** 2, degree, dtype)
        out[name] = c, max_rel_error(lambda s, c=c: s + s ** 3 * polyval(c, s * s), f, grid)
    centres = [mp.atan(mp.mpf(v)) for v in ("0.5", "1", "1.5")] + [mp.pi / 2]
    for suffix, dtype in (("", np.float64), ("_F32", np.float32)):
        out["_ATAN_HI" + suffix] = tuple(hi_lo(v, dtype)[0] for v in centres), None
        out["_ATAN_LO" + suffix] = tuple(hi_lo(v, dtype)[1] for v in centres), None
    out["_PIO2"], out["_PI"] = (hi_lo(mp.pi / 2), None), (hi_lo(mp.pi), None)
    out["_PIO2_F32"] = hi_lo(mp.pi / 2, np.float32), None
    out["_PI_F32"] = hi_lo(mp.pi, np.float32), None
    out["_IVLN2"] = split(1 / mp.log(2), [31]), None
    out["_IVLN10"] = split(1 / mp.log(10), [33]), None
    out["_LOG10_2"] = split(mp.log10(2), [40]), None
    out["_IVLN2_F32"] = split(1 / mp.log(2), [11], np.float32), None
    out["_IVLN10_F32"] = split(1 / mp.log(10), [13], np.float32), None
    out["_LOG10_2_F32"] = split(mp.log10(2), [16], np.float32), None
    return out


def pow_tables():
    """The constants of codegen/mathfuncs_pow.py, as ``tables``."""
    s_max = (mp.sqrt(2) - 1) / (mp.sqrt(2) + 1) * mp.mpf("1.0001")
    s_grid = [s_max * i / 1500 for i in range(1, 1501)]
    c = fit(log_tail_rest, lambda z: z * z / 2, 0, s_max ** 2, 7, np.float64)
    err = max_rel_error(lambda s: 2 * s + mp.mpf(2) / 3 * s ** 3 + s ** 5 * polyval(c, s * s),
                        lambda s: mp.log((1 + s) / (1 - s)), s_grid)
    return {"_LOG_TAIL": (c, err), "_CP": (high_lo(2 / (3 * mp.log(2))), None),
            "_LG2": (high_lo(mp.log(2)), None)}


def tables():
    """name -> (constants, log2 of the max relative error of the approximation or None)."""
    ln2_half = mp.log(2) / 2 * mp.mpf("1.002")
    quarter_pi = mp.pi / 4 * mp.mpf("1.0001")
    s_max = (mp.sqrt(2) - 1) / (mp.sqrt(2) + 1) * mp.mpf("1.0001")
    r_grid = [ln2_half * i / 1500 for i in range(-1500, 1501) if i]
    q_grid = [quarter_pi * i / 1500 for i in range(1, 1501)]
    s_grid = [s_max * i / 1500 for i in range(1, 1501)]

    def w_exp(r):
        return r * r / mp.exp(r)

    def w_cos(z):
        return z * z / mp.cos(mp.sqrt(z))

    def w_log(z):
        return z / 2

    out = {}
    for name, dtype, degree in (("_EXP_F64", np.float64, 10), ("_EXP_F32", np.float32, 4)):
        c = fit(exp_rest, w_exp, -ln2_half, ln2_half, degree, dtype, fixed=[0.5])
        out[name] = c, max_rel_error(lambda r, c=c: 1 + r + r * r * polyval(c, r), mp.exp, r_grid)
    for name, dtype, degree in (("_LOG_F64", np.float64, 6), ("_LOG_F32", np.float32, 2)):
        c = fit(log_rest, w_log, 0, s_max ** 2, degree, dtype)
        out[name] = c, max_rel_error(lambda s, c=c: 2 * s + s ** 3 * polyval(c, s * s),
                                     lambda s: mp.log((1 + s) / (1 - s)), s_grid)
    c = fit(sin_rest, odd_weight(mp.sin), 0, quarter_pi ** 2, 6, np.float64)
    out["_SIN_F64"] = c, max_rel_error(lambda r: r + r ** 3 * polyval(c, r * r), mp.sin, q_grid)
    c2 = fit(cos_rest, w_cos, 0, quarter_pi ** 2, 5, np.float64)
    out["_COS_F64"] = c2, max_rel_error(
        lambda r: 1 - r * r / 2 + r ** 4 * polyval(c2, r * r), mp.cos, q_grid)
    c3 = fit(sin_rest, odd_weight(mp.sin), 0, quarter_pi ** 2, 2, np.float32)
    out["_SIN_F32"] = c3, max_rel_error(lambda r: r + r ** 3 * polyval(c3, r * r), mp.sin, q_grid)
    c4 = fit(cos_rest, w_cos, 0, quarter_pi ** 2, 2, np.float32)
    out["_COS_F32"] = c4, max_rel_error(
        lambda r: 1 - r * r / 2 + r ** 4 * polyval(c4, r * r), mp.cos, q_grid)
    out["_PIO2_F64"] = split(mp.pi / 2, [22, 45, 68, 91]), None
    out["_PIO2_F32"] = split(mp.pi / 2, [22, 45]), None
    out["_LN2_F64"] = split(mp.log(2), [32]), None
    out["_LN2_F32"] = split(mp.log(2), [16], np.float32), None
    return out


def main() -> int:
    differ = 0
    for module, table in ((mathfuncs, tables()), (mathfuncs_derived, derived_tables()),
                          (mathfuncs_pow, pow_tables())):
        differ += _report(module, table)
    return 1 if differ else 0


def _report(module, table) -> int:
    differ = 0
    for name, (values, err) in table.items():
        current = getattr(module, name)
        same = tuple(current) == values
        differ += not same
        note = "" if err is None else f"  (max relative error 2**{err:.1f})"
        print(f"{name}{note}{'' if same else f'  DIFFERS from {module.__name__}'}")
        print("    " + ", ".join(f'"{float.hex(v)}"' for v in values))
    return differ


if __name__ == "__main__":
    sys.exit(main())
