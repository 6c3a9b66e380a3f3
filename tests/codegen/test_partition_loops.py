"""The loop partitioning pass (``codegen/passes/partition_loops.py``).

Small hand-built computes with the body lazyarray generates for a write
``x[region] = f(...)``: ``select(region condition, new at clamped indices, old)``.
Structure: after ``lower_steps`` the "partition loops" step splits the
innermost loop the condition bounds into three pieces, the middle one
without blends or clamps on the inner variable (outer loops stay whole).  Results: kernels built by ``codegen.build`` equal NumPy's
over region bounds of every kind (empty, touching the edges, partly or wholly
outside the domain, walked backwards through ``c - i``), in parallel too; and
the middle piece vectorizes.
"""
import itertools
import re

import numpy as np
import pytest

import codegen.runtime as runtime
from codegen import Axis, Compute, Reorder, Schedule, Split, Vectorize, build, default_schedule
from codegen.expr import (Expr, binary, const, evaluate_index, free_vars, load, param, select,
                          subexpressions, var)
from codegen.ir import For, Seq, Store, to_str
from codegen.lower import lower, lower_steps
from codegen.passes import partition_loops

F64 = np.dtype("float64")
I32 = np.dtype("int32")
RNG = np.random.default_rng(20240612)
PAD = 8                 # elements around a region's value buffer: an out-of-bounds read hits NaN


# ---------------------------------------------------------------- computes

def region_compute(forms, dtype=F64, name="region"):
    """``out[i] = select(i in region, 2 * v[clamp(q)] + 1, old[i])`` over an n-d domain.

    ``forms[k]`` says how dimension ``k`` meets the region, as lazyarray's
    updates do: ``"+"``: ``q = i - c`` (a slice of step 1), ``"-"``: ``q = c - i``
    (step -1), ``"="``: ``i - c == 0`` (an integer index: no region dimension).
    A region dimension holds where ``0 <= q < e``.  Parameters: the domain
    extents ``n_k``, then the offsets ``c_k``, then the region extents ``e_k``.
    The value ``v`` (buffer 0) is C-contiguous over the region dimensions,
    ``old`` (buffer 1) over the domain.
    """
    nd = len(forms)
    ext = [param(k) for k in range(nd)]
    off = [param(nd + k) for k in range(nd)]
    reg = [param(2 * nd + k) for k in range(nd)]
    idx = [var(f"i{k}") for k in range(nd)]
    conds, vidx, vdims = [], [], []
    for k, form in enumerate(forms):
        if form == "=":
            conds.append(binary("eq", idx[k] - off[k], const(0)))
            continue
        q = idx[k] - off[k] if form == "+" else off[k] - idx[k]
        conds += [binary("ge", q, const(0)), binary("lt", q, reg[k])]
        vidx.append(binary("min", binary("max", q, const(0)), reg[k] - 1))
        vdims.append(reg[k])
    cond = conds[0]
    for c in conds[1:]:
        cond = binary("and", cond, c)
    vlin = const(0)
    for i, n in zip(vidx, vdims):
        vlin = vlin * n + i
    olin = const(0)
    for i, n in zip(idx, ext):
        olin = olin * n + i
    new = binary("add", binary("mul", load(0, vlin, dtype), const(2, dtype)), const(1, dtype))
    body = select(cond, new, load(1, olin, dtype))
    axes = tuple(Axis(f"i{k}", ext[k]) for k in range(nd))
    return Compute(name, (dtype, dtype), dtype, axes, body, olin, 3 * nd)


def bounds_compute(lo_form="ge", hi_form="lt"):
    """``out[i] = select(lo <= i and i < hi, a[i] * 2, b[i])`` with lo = p1, hi = p2,
    the bounds written as ``i >= lo`` / ``i < hi`` (the forms the pass knows) or
    as ``lo <= i`` / ``hi > i``."""
    i, lo, hi = var("i"), param(1), param(2)
    low = binary("ge", i, lo) if lo_form == "ge" else binary("le", lo, i)
    high = binary("lt", i, hi) if hi_form == "lt" else binary("gt", hi, i)
    body = select(binary("and", low, high),
                  binary("mul", load(0, i, F64), const(2.0, F64)), load(1, i, F64))
    return Compute("bounds", (F64, F64), F64, (Axis("i", param(0)),), body, i, 3)


# ---------------------------------------------------------------- IR inspection

def ops_of(e: Expr) -> set:
    out = {e.op}
    for a in e.args:
        if isinstance(a, Expr):
            out |= ops_of(a)
    return out


def loads_of(e: Expr) -> list:
    out = [e] if e.op == "load" else []
    for a in e.args:
        if isinstance(a, Expr):
            out += loads_of(a)
    return out


def stores_of(stmt) -> list:
    if isinstance(stmt, Store):
        return [stmt]
    if isinstance(stmt, Seq):
        return [s for x in stmt.stmts for s in stores_of(x)]
    if isinstance(stmt, For):
        return stores_of(stmt.body)
    return []


def pieces(stmt, var_name):
    """The three loops over ``var_name`` that partitioning made of one loop."""
    assert isinstance(stmt, Seq), to_str(stmt)
    assert len(stmt.stmts) == 3, to_str(stmt)
    assert all(isinstance(s, For) and s.var == var_name for s in stmt.stmts), to_str(stmt)
    return stmt.stmts


def assert_clean(stmt, value_buffer=0):
    """No select in any store, and no clamp (min/max) in any load index."""
    for store in stores_of(stmt):
        assert "select" not in ops_of(store.value), to_str(stmt)
        for ld in loads_of(store.value):
            assert not {"min", "max"} & ops_of(ld.args[1]), to_str(stmt)


def assert_only_old(stmt, old_buffer=1):
    """Every store copies ``old``: nothing reads the region's value."""
    for store in stores_of(stmt):
        assert store.value.op == "load" and store.value.args[0] == old_buffer, to_str(stmt)


def partitioned(compute, schedule=None):
    steps = dict(lower_steps(compute, default_schedule(compute) if schedule is None else schedule))
    return steps["loop nest"], steps["partition loops"]


def piece_range(loop, params, env=None):
    """``[begin, end)`` of a (non-parallel view of a) loop piece for given parameters."""
    begin = 0 if loop.begin is None else evaluate_index(loop.begin, params, env)
    return begin, evaluate_index(loop.extent, params, env)


# ---------------------------------------------------------------- structure

@pytest.mark.parametrize("form", ["+", "-", "="])
def test_one_dimension_becomes_three_loops(form):
    c = region_compute(form)
    nest, part = partitioned(c)
    assert "select" in ops_of(stores_of(nest)[0].value)           # the pass has work to do
    first, middle, last = pieces(part, "i0")
    assert first.begin is None and middle.begin is not None and last.begin is not None
    assert first.kind == middle.kind == last.kind == "vector"     # kinds and flags are kept
    assert first.parallel and middle.parallel and last.parallel
    assert_only_old(first)
    assert_only_old(last)
    assert_clean(middle)
    (store,) = stores_of(middle)
    assert store.value.op == "add"                                 # 2 * v[q] + 1, read at q


def assert_invariant_in(stmt, inner):
    """Every remaining select condition and every clamp of a load index is
    free of the loop variable ``inner`` (invariant in the innermost loop)."""
    for store in stores_of(stmt):
        for e in subexpressions(store.value):
            if e.op == "select":
                assert inner not in free_vars(e.args[0]), to_str(stmt)
            if e.op == "load":
                for clamp in subexpressions(e.args[1]):
                    if clamp.op in ("min", "max"):
                        assert inner not in free_vars(clamp), to_str(stmt)


@pytest.mark.parametrize("forms", ["++", "+-", "-+", "--", "=+", "+=", "-="])
def test_only_the_innermost_loop_is_split(forms):
    """Outer loops stay whole (a condition on their variable is invariant in
    the inner loop); the inner loop is split, its middle piece free of blends
    and clamps on the inner variable."""
    c = region_compute(forms)
    _, part = partitioned(c)
    assert isinstance(part, For) and part.var == "i0", to_str(part)
    inner_first, inner_middle, inner_last = pieces(part.body, "i1")
    assert_only_old(inner_first)
    assert_only_old(inner_last)
    assert_invariant_in(inner_middle, "i1")
    assert lower(c, default_schedule(c)) is not None


def test_three_dimensions_split_only_the_innermost():
    c = region_compute("+-+")
    _, part = partitioned(c, Schedule(Vectorize("i2")))
    assert part.var == "i0" and part.body.var == "i1"
    f2, m2, l2 = pieces(part.body.body, "i2")
    assert_invariant_in(m2, "i2")
    assert_only_old(f2)
    assert_only_old(l2)


def test_four_dimensions_make_three_pieces_not_eighty_one():
    """Splitting every level multiplied the code by 3 per level (a stack of
    three small arrays took minutes to compile)."""
    c = region_compute("++++")
    assert count_loops(lower(c, default_schedule(c))) == 3 + 3


def test_middle_piece_loads_are_contiguous_in_the_inner_loop():
    """In the middle piece the value is read at ``(i0 - c0) * e1 + (i1 - c1)``:
    affine in i1 with coefficient 1."""
    c = region_compute("++")
    _, part = partitioned(c)
    _, inner, _ = pieces(part.body, "i1")
    (store,) = stores_of(inner)
    params = np.array([7, 9, 2, 3, 4, 5], dtype=np.int64)
    for ld in loads_of(store.value):
        at = [evaluate_index(ld.args[1], params, {"i0": 3, "i1": j}) for j in (3, 4, 5)]
        assert at[1] - at[0] == at[2] - at[1] == 1, to_str(part)


@pytest.mark.parametrize("form", ["+", "-", "="])
def test_middle_piece_is_exactly_where_the_condition_holds(form, request):
    """The three pieces' bounds, evaluated, against the condition's true set."""
    c = region_compute(form)
    _, part = partitioned(c, Schedule())            # serial: the pieces' bounds are plain
    first, middle, last = pieces(part, "i0")
    n = 12
    for off, ext in itertools.product(range(-3, 16), range(0, 6)):
        params = np.array([n, off, ext], dtype=np.int64)
        b0, e0 = piece_range(first, params)
        b1, e1 = piece_range(middle, params)
        b2, e2 = piece_range(last, params)
        assert (b0, e2) == (0, n) and e0 == b1 and (e1 == b2 or e1 <= b1 == b2)
        if form == "+":
            inside = {i for i in range(n) if 0 <= i - off < ext}
        elif form == "-":
            inside = {i for i in range(n) if 0 <= off - i < ext}
        else:
            inside = {i for i in range(n) if i == off}
        assert set(range(b1, e1)) == inside, (off, ext, (b0, e0), (b1, e1), (b2, e2))


def test_bounds_with_general_lo_and_hi():
    c = bounds_compute()
    _, part = partitioned(c)
    first, middle, last = pieces(part, "i")
    assert_clean(middle)
    assert_only_old(first)
    assert_only_old(last)


def test_computes_without_selects_are_unchanged():
    i = var("i")
    c = Compute("plain", (F64,), F64, (Axis("i", param(0)),),
                binary("add", load(0, i, F64), const(1.0, F64)), i, 1)
    nest, part = partitioned(c)
    assert part == nest
    assert partition_loops(nest) == nest


def test_conditions_that_do_not_bound_the_loop_are_left_alone():
    """A select on a loaded value (not an index range) cannot be partitioned."""
    i = var("i")
    a = load(0, i, F64)
    c = Compute("relu", (F64,), F64, (Axis("i", param(0)),),
                select(binary("gt", a, const(0.0, F64)), a, const(0.0, F64)), i, 1)
    nest, part = partitioned(c)
    assert part == nest


# ---------------------------------------------------------------- results against NumPy

def known_bug(request, when, reason):
    if when:
        request.applymarker(pytest.mark.xfail(strict=True, reason="BUG: " + reason,
                                              raises=AssertionError))


def dim_sets(form, n, c, e):
    """(domain indices written, their region indices) along one dimension,
    and the same under the known bug (the middle piece starting one early)."""
    if form == "=":
        ok = [(c, 0)] if 0 <= c < n else []
        return ok, ok
    if form == "+":
        ok = [(c + r, r) for r in range(e) if 0 <= c + r < n]
        return ok, ok
    ok = [(c - r, r) for r in range(e) if 0 <= c - r < n]
    bug = ok + [(c - e, e)] if 0 <= c - e < n else ok     # i = c - e: q = e, one past
    return ok, bug


def hits_bug(forms, shape, offs, exts):
    ok = [dim_sets(f, n, c, e) for f, n, c, e in zip(forms, shape, offs, exts)]
    right = [len(a) for a, _ in ok]
    wrong = [len(b) for _, b in ok]
    return (np.prod(right) != np.prod(wrong)) and np.prod(wrong) > 0


def expected(forms, old, v, offs, exts):
    out = old.copy()
    sets = [dim_sets(f, n, c, e)[0] for f, n, c, e in zip(forms, old.shape, offs, exts)]
    if any(not s for s in sets):
        return out
    didx = [np.array([d for d, _ in s]) for s in sets]
    ridx = [np.array([r for _, r in s]) for s, f in zip(sets, forms) if f != "="]
    new = 2.0 * v + 1.0
    out[np.ix_(*didx)] = new[np.ix_(*ridx)].reshape([len(d) for d in didx])
    return out


def run_region(compute, forms, shape, offs, exts, schedule=None, kernel=None):
    k = kernel or build(compute, default_schedule(compute) if schedule is None else schedule)
    old = RNG.standard_normal(shape)
    vshape = tuple(e for f, e in zip(forms, exts) if f != "=")
    vsize = int(np.prod(vshape))
    padded = np.full(vsize + 2 * PAD, np.nan)
    v = padded[PAD:PAD + vsize].reshape(vshape)
    v[...] = RNG.standard_normal(vshape)
    out = np.full(shape, -12345.0)
    params = np.array(list(shape) + list(offs) + list(exts), dtype=np.int64)
    k([padded[PAD:], old, out], params)
    want = expected(forms, old, v, offs, exts)
    np.testing.assert_array_equal(out, want, err_msg=f"forms={forms} shape={shape} "
                                                     f"offsets={offs} extents={exts}")
    return k


def edge_cases(n):
    """(offset, extent) pairs along a dimension of extent n: empty, touching the
    edges, covering everything, partly and wholly outside, single elements."""
    return [(0, 0), (n // 2, 0), (n, 0), (0, n), (0, 1), (n - 1, 1), (1, n - 2), (0, n + 3),
            (-2, n + 4), (-3, 2), (-3, 3), (-3, 5), (n - 2, 5), (n, 2), (n + 3, 1), (-1, 1),
            (n // 3, n // 3), (2 * n, 3), (-n - 5, n)]


def random_cases(forms, shape, count, seed):
    rng = np.random.default_rng(seed)
    cases = []
    for _ in range(count):
        offs, exts = [], []
        for f, n in zip(forms, shape):
            if rng.random() < 0.5:
                c, e = edge_cases(n)[rng.integers(len(edge_cases(n)))]
            else:
                c, e = int(rng.integers(-n - 2, 2 * n + 2)), int(rng.integers(0, n + 3))
            offs.append(c)
            exts.append(e)
        cases.append((tuple(offs), tuple(exts)))
    return cases


FORMS = ["+", "-", "=", "++", "+-", "-+", "--", "=+", "+=", "-="]
SHAPES = {1: (37,), 2: (11, 13)}


def split_cases(forms):
    shape = SHAPES[len(forms)]
    cases = [((c,), (e,)) for c, e in edge_cases(shape[0])] if len(forms) == 1 else []
    cases += random_cases(forms, shape, 60, seed=len(forms) * 100 + sum(map(ord, forms)))
    good = [cs for cs in cases if not hits_bug(forms, shape, *cs)]
    bad = [cs for cs in cases if hits_bug(forms, shape, *cs)]
    return shape, good, bad


@pytest.mark.parametrize("forms", FORMS)
def test_random_regions_equal_numpy(forms):
    """Random and edge region bounds (the cases the known ``c - i`` bug shows on are
    in the next test)."""
    shape, good, _ = split_cases(forms)
    c = region_compute(forms)
    k = build(c, default_schedule(c))
    for offs, exts in good:
        run_region(c, forms, shape, offs, exts, kernel=k)
    # the same without the vectorized schedule
    k = build(c, Schedule())
    for offs, exts in good[:10]:
        run_region(c, forms, shape, offs, exts, kernel=k)


@pytest.mark.parametrize("forms", [f for f in FORMS if "-" in f])
def test_random_regions_walked_backwards_equal_numpy(forms, request):
    """Regions of ``c - i`` dimensions that stop above index 0 (once miscompiled:
    the element just below was overwritten with a value read out of bounds)."""
    shape, _, bad = split_cases(forms)
    assert len(bad) >= 3, "too few regions that stop above index 0 in this sample"
    c = region_compute(forms)
    k = build(c, default_schedule(c))
    for offs, exts in bad:
        run_region(c, forms, shape, offs, exts, kernel=k)


def test_minimal_c_minus_i_repro(request):
    """``x[5:1:-1] = 2 * v + 1`` on 8 elements: c = 5, e = 4; x[1] must not change."""
    run_region(region_compute("-"), "-", (8,), (5,), (4,))


@pytest.mark.parametrize("lo_form,hi_form", [("ge", "lt"), ("le", "lt"), ("ge", "gt"),
                                             ("le", "gt")])
def test_general_bounds_equal_numpy(lo_form, hi_form):
    """``select(lo <= i and i < hi, ...)``: partitioned when written ``i >= lo``,
    ``i < hi``; other spellings are left as selects, and are right either way."""
    c = bounds_compute(lo_form, hi_form)
    _, part = partitioned(c)
    if (lo_form, hi_form) == ("ge", "lt"):
        assert_clean(pieces(part, "i")[1])
    k = build(c, default_schedule(c))
    n = 50
    a, b = RNG.standard_normal(n), RNG.standard_normal(n)
    for lo, hi in [(0, n), (10, 20), (20, 10), (-5, 3), (45, 80), (-10, -2), (60, 70), (0, 0),
                   (7, 8), (-100, 100)]:
        out = np.full(n, np.nan)
        k([a, b, out], np.array([n, lo, hi], dtype=np.int64))
        i = np.arange(n)
        np.testing.assert_array_equal(out, np.where((lo <= i) & (i < hi), a * 2.0, b),
                                      err_msg=f"lo={lo} hi={hi}")


def test_two_regions_in_one_body():
    """Nested selects of two different regions (two writes in one kernel)."""
    n = 64
    i = var("i")
    inner = select(binary("and", binary("ge", i - param(1), const(0)),
                          binary("lt", i - param(1), param(2))),
                   load(0, i, F64), load(2, i, F64))
    outer = select(binary("and", binary("ge", i - param(3), const(0)),
                          binary("lt", i - param(3), param(4))),
                   binary("mul", load(1, i, F64), const(3.0, F64)), inner)
    c = Compute("two", (F64, F64, F64), F64, (Axis("i", param(0)),), outer, i, 5)
    k = build(c, default_schedule(c))
    a, b, old = (RNG.standard_normal(n) for _ in range(3))
    for p in [(5, 10, 8, 10), (0, 64, 30, 4), (10, 5, 0, 64), (50, 20, 40, 20), (-5, 10, 60, 9),
              (3, 0, 3, 0)]:
        out = np.full(n, np.nan)
        k([a, b, old, out], np.array((n,) + p, dtype=np.int64))
        want = old.copy()
        want[max(p[0], 0):max(p[0] + p[1], 0)] = a[max(p[0], 0):max(p[0] + p[1], 0)]
        want[max(p[2], 0):max(p[2] + p[3], 0)] = b[max(p[2], 0):max(p[2] + p[3], 0)] * 3.0
        np.testing.assert_array_equal(out, want, err_msg=str(p))


def stacked_compute(k):
    """``k`` writes of constants to different 2-D regions, the last one on top:
    ``select(r_k, k, select(r_{k-1}, k - 1, ... old))``.  Parameters: n0, n1, then
    per region c0, c1, e0, e1."""
    i0, i1 = var("i0"), var("i1")
    body = load(0, i0 * param(1) + i1, F64)
    for j in range(k):
        c0, c1, e0, e1 = (param(2 + 4 * j + m) for m in range(4))
        q0, q1 = i0 - c0, i1 - c1
        cond = binary("and", binary("and", binary("ge", q0, const(0)), binary("lt", q0, e0)),
                      binary("and", binary("ge", q1, const(0)), binary("lt", q1, e1)))
        body = select(cond, const(float(j + 1), F64), body)
    return Compute(f"stacked{k}", (F64,), F64, (Axis("i0", param(0)), Axis("i1", param(1))),
                   body, i0 * param(1) + i1, 2 + 4 * k)


def count_loops(stmt):
    if isinstance(stmt, For):
        return 1 + count_loops(stmt.body)
    if isinstance(stmt, Seq):
        return sum(count_loops(s) for s in stmt.stmts)
    return 0


@pytest.mark.parametrize("k", [1, 2])
def test_stacked_regions_equal_numpy(k):
    """Several writes to overlapping regions in one kernel (the last one wins)."""
    c = stacked_compute(k)
    kern = build(c, default_schedule(c))
    shape = (23, 29)
    rng = np.random.default_rng(k)
    for _ in range(12):
        regions = [(int(rng.integers(-3, 25)), int(rng.integers(-3, 31)),
                    int(rng.integers(0, 20)), int(rng.integers(0, 25))) for _ in range(k)]
        old = RNG.standard_normal(shape)
        out = np.full(shape, np.nan)
        kern([old, out], np.array(shape + tuple(v for r in regions for v in r), dtype=np.int64))
        want = old.copy()
        for j, (c0, c1, e0, e1) in enumerate(regions):
            want[max(c0, 0):max(c0 + e0, 0), max(c1, 0):max(c1 + e1, 0)] = j + 1.0
        np.testing.assert_array_equal(out, want, err_msg=str(regions))


@pytest.mark.parametrize("k", [1, 3, 5])
def test_stacked_regions_keep_the_loop_nest_small(k, request):
    """Five writes in one kernel are common (a stencil step plus four boundary
    conditions).  Splitting each loop at every region bound gives at most
    ``2k + 1`` pieces per loop: ``(2k + 1) + (2k + 1)**2`` loops in two levels.
    More is code that does nothing and costs compile time (LLVM's time grows
    with it).  Lowering only: nothing is compiled here."""
    c = stacked_compute(k)
    loops = count_loops(lower(c, default_schedule(c)))
    limit = (2 * k + 1) + (2 * k + 1) ** 2
    assert loops <= limit, (k, loops, limit)


def test_int32_region():
    c = region_compute("++", dtype=I32)
    k = build(c, default_schedule(c))
    shape = (9, 10)
    for offs, exts in [((1, 1), (7, 8)), ((-2, 3), (4, 20)), ((9, 0), (1, 1)), ((0, 0), (0, 5))]:
        old = RNG.integers(-1000, 1000, shape).astype(I32)
        vshape = exts
        padded = np.zeros(int(np.prod(vshape)) + 2 * PAD, I32)
        v = padded[PAD:PAD + int(np.prod(vshape))].reshape(vshape)
        v[...] = RNG.integers(-1000, 1000, vshape)
        out = np.zeros(shape, I32)
        k([padded[PAD:], old, out], np.array(shape + offs + exts, dtype=np.int64))
        want = old.copy()
        r0 = slice(max(offs[0], 0), max(min(offs[0] + exts[0], shape[0]), 0))
        r1 = slice(max(offs[1], 0), max(min(offs[1] + exts[1], shape[1]), 0))
        q0 = slice(r0.start - offs[0], r0.stop - offs[0])
        q1 = slice(r1.start - offs[1], r1.stop - offs[1])
        if r0.stop > r0.start and r1.stop > r1.start:
            want[r0, r1] = v[q0, q1] * 2 + 1
        np.testing.assert_array_equal(out, want, err_msg=f"{offs} {exts}")


# ---------------------------------------------------------------- in parallel

@pytest.fixture
def two_threads(isolated_runtime):
    isolated_runtime.num_threads = 2
    return isolated_runtime


PAR_SHAPE = (300, 257)


@pytest.mark.parametrize("forms,offs,exts", [
    ("++", (1, 1), (298, 255)),          # the stencil's interior, across the thread split
    ("++", (160, 3), (100, 200)),        # only in the second thread's rows
    ("++", (0, 0), (150, 257)),          # exactly the first thread's rows
    ("++", (149, 10), (2, 5)),           # two rows around the split
    ("++", (-10, -10), (400, 400)),      # covers the domain
    ("++", (300, 0), (5, 5)),            # below the domain
    ("++", (10, 10), (0, 100)),          # empty
    ("=+", (150, 2), (1, 250)),          # one row, the first of the second thread
    ("=+", (149, 0), (1, 257)),
    ("+=", (0, 256), (300, 1)),          # the last column
    ("-+", (299, 1), (300, 255)),        # backwards, reaching row 0
    ("+-", (5, 256), (290, 257)),        # backwards columns, reaching column 0
])
def test_parallel_regions_equal_numpy(two_threads, forms, offs, exts):
    c = region_compute(forms)
    k = build(c, default_schedule(c))
    params = np.array(PAR_SHAPE + offs + exts, dtype=np.int64)
    assert len(k._chunks(params)) == 2, "the launch must split across two threads"
    run_region(c, forms, PAR_SHAPE, offs, exts, kernel=k)


def test_parallel_backwards_region_stopping_above_zero(two_threads, request):
    c = region_compute("-+")
    k = build(c, default_schedule(c))
    run_region(c, "-+", PAR_SHAPE, (250, 1), (100, 255), kernel=k)


def test_parallel_one_dimension(two_threads):
    n = 2 ** 17 + 5
    c = region_compute("+")
    k = build(c, default_schedule(c))
    assert len(k._chunks(np.array([n, 0, 0], dtype=np.int64))) == 2
    for off, ext in [(1, n - 2), (n // 2 - 3, 7), (n // 2, n), (-5, 10), (0, 0)]:
        run_region(c, "+", (n,), (off,), (ext,), kernel=k)


# ---------------------------------------------------------------- SIMD code

def needs_avx2():
    if "+avx2" not in runtime.target().features:
        pytest.skip("host CPU has no AVX2")


PACKED_ARITH = r"\bv(add|mul|fmadd\w*|fmsub\w*)pd\s.*%[yz]mm"


@pytest.mark.parametrize("forms", ["+", "++", "=+"])
def test_middle_piece_is_vectorized(forms):
    needs_avx2()
    c = region_compute(forms)
    asm = runtime.target().assembly(build(c, default_schedule(c)).llvm_ir)
    assert re.search(PACKED_ARITH, asm), asm


def test_stencil_like_body_is_vectorized():
    """``u[1:-1, 1:-1] = 0.25 * (sum of four shifted reads)``, as lazyarray builds it."""
    needs_avx2()
    i0, i1 = var("i0"), var("i1")
    n0, n1, c0, c1, e0, e1 = (param(k) for k in range(6))
    q0, q1 = i0 - c0, i1 - c1
    cond = binary("and", binary("and", binary("ge", q0, const(0)), binary("lt", q0, e0)),
                  binary("and", binary("ge", q1, const(0)), binary("lt", q1, e1)))
    r0 = binary("min", binary("max", q0, const(0)), e0 - 1)
    r1 = binary("min", binary("max", q1, const(0)), e1 - 1)

    def u(d0, d1):
        return load(0, (r0 + c0 + d0) * n1 + (r1 + c1 + d1), F64)

    s = binary("add", binary("add", u(-1, 0), u(1, 0)), binary("add", u(0, -1), u(0, 1)))
    body = select(cond, binary("mul", const(0.25, F64), s), load(0, i0 * n1 + i1, F64))
    c = Compute("stencil", (F64,), F64, (Axis("i0", n0), Axis("i1", n1)), body, i0 * n1 + i1, 6)
    _, part = partitioned(c)
    assert_invariant_in(pieces(part.body, "i1")[1], "i1")
    k = build(c, default_schedule(c))
    asm = runtime.target().assembly(k.llvm_ir)
    assert re.search(PACKED_ARITH, asm), asm
    # and the result
    shape = (40, 33)
    a = RNG.standard_normal(shape)
    out = np.full(shape, np.nan)
    k([a, out], np.array(shape + (1, 1, shape[0] - 2, shape[1] - 2), dtype=np.int64))
    want = a.copy()
    want[1:-1, 1:-1] = 0.25 * ((a[:-2, 1:-1] + a[2:, 1:-1]) + (a[1:-1, :-2] + a[1:-1, 2:]))
    np.testing.assert_array_equal(out, want)


def upper_matmul():
    """``out[m, n] = sum_k a[m, k] * (b[k, n] if k <= n else 0)``: the select
    bounds ``k`` by ``n``, a lane of a register tile's ``lanes`` loop."""
    b = load(1, var("k") * param(1) + var("n"), F64)
    body = binary("mul", load(0, var("m") * param(2) + var("k"), F64),
                  select(binary("ge", var("n") - var("k"), const(0)), b, const(0.0, F64)))
    return Compute("upper", (F64, F64), F64,
                   (Axis("m", param(0)), Axis("n", param(1)), Axis("k", param(2), reduce=True)),
                   body, var("m") * param(1) + var("n"), 3, combiner="add")


def test_bounds_that_differ_between_lanes_do_not_split():
    """In the tile (a ``lanes`` loop over ``n.i``) ``k`` keeps its blend; in the
    guarded version ``n.i`` is an ordinary innermost loop, split where the
    condition changes."""
    s = Schedule(Split("n", 8, "shift"), Reorder(("m", "n.o", "k", "n.i")), Vectorize("n.i"))
    tile, guarded = (part for part in lower(upper_matmul(), s).stmts)
    assert "select" in to_str(tile) and "# lanes" in to_str(tile)
    assert "select" not in to_str(guarded)
    m, n, k = 5, 21, 30
    a, b = RNG.standard_normal((m, k)), RNG.standard_normal((k, n))
    out = np.empty((m, n))
    build(upper_matmul(), s)([a, b, out], np.array([m, n, k]))
    np.testing.assert_allclose(out, a @ np.triu(b), rtol=1e-13)
