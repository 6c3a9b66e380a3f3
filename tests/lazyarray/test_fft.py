"""``lazyarray.fft`` (``lazyarray/fft.py``) against ``numpy.fft``.

Transforms are library calls to NumPy's pocketfft: bit-exact for every
length, axis, ``norm`` and ``out=``, on real and complex (lazy) inputs.
``fftshift``/``ifftshift`` are lazy rolls and ``fftfreq``/``rfftfreq`` lazy
scalings: bit-exact too (they move or multiply values once, as NumPy does).
"""
import numpy as onp
import pytest

import lazyarray as la
from la_testing import assert_same, data

FFT = la.fft
NFFT = onp.fft
NORMS = [None, "ortho", "forward", "backward"]


def _signal(rng, shape, dtype="float64"):
    return data(dtype, shape, rng, special=False, low=-2, high=2)


@pytest.mark.parametrize("name", ["fft", "ifft", "rfft", "ihfft"])
@pytest.mark.parametrize("norm", NORMS)
def test_1d_transforms_of_real_input(mode, name, norm, rng):
    x = _signal(rng, (3, 8))
    lx = la.asarray(x) * 1.0                  # pending work as the input
    fn, ref = getattr(FFT, name), getattr(NFFT, name)
    assert_same(fn(lx, norm=norm), ref(x, norm=norm))
    assert_same(fn(lx, n=5, axis=0, norm=norm), ref(x, n=5, axis=0, norm=norm))
    assert_same(fn(lx[:, ::-2], 11, -1, norm), ref(x[:, ::-2], 11, -1, norm))


@pytest.mark.parametrize("name, inverse", [("fft", "ifft"), ("rfft", "irfft"),
                                           ("ihfft", "hfft")])
def test_inverse_transforms_of_lazy_complex_input(name, inverse, rng):
    x = _signal(rng, (2, 9))
    spectrum = getattr(FFT, name)(la.asarray(x))         # a lazyarray complex array
    want = getattr(NFFT, name)(x)
    assert spectrum.dtype == onp.complex128
    for kw in ({}, {"n": 9}, {"n": 6, "norm": "ortho"}):
        assert_same(getattr(FFT, inverse)(spectrum, **kw), getattr(NFFT, inverse)(want, **kw))


@pytest.mark.parametrize("dtype", ["float32", "int16", "bool", "uint8"])
def test_dtypes(dtype, rng):
    x = data(dtype, (16,), rng, special=False)
    assert_same(FFT.fft(la.asarray(x)), NFFT.fft(x))
    assert_same(FFT.rfft(la.asarray(x)), NFFT.rfft(x))
    z = _signal(rng, (6,)) + 1j * _signal(rng, (6,))
    assert_same(FFT.fft(z.astype(onp.complex64)), NFFT.fft(z.astype(onp.complex64)))


@pytest.mark.parametrize("name", ["fft2", "ifft2", "fftn", "ifftn", "rfft2", "rfftn"])
def test_nd_transforms(mode, name, rng):
    x = _signal(rng, (3, 4, 6))
    fn, ref = getattr(FFT, name), getattr(NFFT, name)
    lx = la.asarray(x)
    assert_same(fn(lx), ref(x))
    assert_same(fn(lx, axes=(0, 2)), ref(x, axes=(0, 2)))
    assert_same(fn(lx, s=(5, 4), axes=(1, 2), norm="ortho"), ref(x, s=(5, 4), axes=(1, 2),
                                                                  norm="ortho"))
    assert_same(fn(lx[::-1, 1:]), ref(x[::-1, 1:]))


@pytest.mark.parametrize("name, inverse", [("rfft2", "irfft2"), ("rfftn", "irfftn")])
def test_nd_real_inverses(name, inverse, rng):
    x = _signal(rng, (4, 6))
    spectrum = getattr(FFT, name)(la.asarray(x))
    want = getattr(NFFT, name)(x)
    assert_same(getattr(FFT, inverse)(spectrum), getattr(NFFT, inverse)(want))
    assert_same(getattr(FFT, inverse)(spectrum, s=(4, 6), axes=(0, 1)),
                getattr(NFFT, inverse)(want, s=(4, 6), axes=(0, 1)))


def test_out_argument_writes_through_views(rng):
    x = _signal(rng, (2, 8))
    out = FFT.fft(la.asarray(onp.zeros((3, 8))))          # a complex lazyarray array
    view = out[1:]
    result = FFT.fft(la.asarray(x), out=view)
    assert result is view
    want = onp.zeros((3, 8), complex)
    NFFT.fft(x, out=want[1:])
    assert_same(out, want)
    assert_same(FFT.rfft(x, None, -1, None, FFT.rfft(onp.zeros((2, 8)))), NFFT.rfft(x))
    with pytest.raises(TypeError, match="lazyarray.ndarray"):
        FFT.fft(la.asarray(x), out=onp.zeros((2, 8), complex))
    with pytest.raises(ValueError):
        FFT.fft(la.asarray(x), out=FFT.fft(la.asarray(onp.zeros((3, 8)))))


def test_transforms_are_library_calls(rng):
    la.stats(reset=True)
    FFT.fft(la.asarray(_signal(rng, (8,))))
    FFT.irfftn(onp.ones((2, 3)))
    counts = la.stats()
    assert counts["library_calls"] == {"fft.fft": 1, "fft.irfftn": 1}
    assert counts["fallbacks"] == {}


def test_transform_errors_are_numpy_errors():
    x = la.asarray(onp.ones(4))
    with pytest.raises(ValueError):
        FFT.fft(x, n=0)
    with pytest.raises(ValueError):
        FFT.fft(x, norm="bogus")
    with pytest.raises(IndexError):
        FFT.fft(x, axis=1)
    with pytest.raises(TypeError):
        FFT.fft(x, bogus=1)


# ---- shifts and frequencies (lazy) ----

SHIFT_CASES = [((7,), None), ((8,), None), ((4, 5), None), ((4, 5), 0), ((4, 5), -1),
               ((3, 4, 5), (0, 2)), ((3, 4, 5), (1, 1)), ((0, 3), None), ((1,), 0), ((5,), ())]


@pytest.mark.parametrize("shape, axes", SHIFT_CASES, ids=str)
@pytest.mark.parametrize("name", ["fftshift", "ifftshift"])
def test_shifts(mode, shape, axes, name, rng):
    x = data("float64", shape, rng)
    fn, ref = getattr(FFT, name), getattr(NFFT, name)
    lx = la.asarray(x)
    got = fn(lx, axes)
    assert_same(got, ref(x, axes))
    assert got is not lx and got.base is None             # a new array, as np.roll's copy
    if x.ndim:
        assert_same(fn(lx[::-1] + 1.0, axes), ref(x[::-1] + 1.0, axes))


@pytest.mark.parametrize("dtype", ["int8", "uint64", "bool", "float32"])
def test_shift_dtypes_and_round_trip(mode, dtype, rng):
    x = data(dtype, (5, 6), rng)
    lx = la.asarray(x)
    assert_same(FFT.fftshift(lx), NFFT.fftshift(x))
    assert_same(FFT.ifftshift(FFT.fftshift(lx, axes=1), axes=1), x)


def test_shift_of_complex_and_numpy_input(rng):
    spectrum = FFT.fft(la.asarray(_signal(rng, (4, 7))))
    want = NFFT.fft(onp.asarray(_signal(onp.random.default_rng(20240607), (4, 7))))
    assert_same(FFT.fftshift(spectrum), NFFT.fftshift(onp.asarray(spectrum)))
    assert_same(FFT.ifftshift(spectrum, axes=0), NFFT.ifftshift(onp.asarray(spectrum), axes=0))
    assert_same(FFT.fftshift(want), NFFT.fftshift(want))
    assert_same(FFT.fftshift([1, 2, 3]), NFFT.fftshift([1, 2, 3]))


def test_shift_is_lazy(compiled, rng):
    x = data("float64", (6, 10), rng)
    la.stats(reset=True)
    y = FFT.fftshift(la.asarray(x) * 2.0) + 1.0
    assert la.stats()["evaluations"] == 0
    assert_same(y, NFFT.fftshift(x * 2.0) + 1.0)
    assert la.stats()["library_calls"] == {}


def test_shift_errors():
    with pytest.raises(ValueError):
        FFT.fftshift(la.asarray(2.0))             # NumPy's roll fails on 0-d arrays
    x = la.asarray(onp.ones((2, 3)))
    with pytest.raises(IndexError):
        FFT.fftshift(x, axes=3)
    with pytest.raises(IndexError):
        FFT.ifftshift(x, axes=(0, -3))


@pytest.mark.parametrize("n", [1, 2, 7, 8, 33])
@pytest.mark.parametrize("d", [1.0, 0.1, 3, onp.float32(0.25), onp.float64(2.5)], ids=repr)
def test_frequencies(mode, n, d):
    assert_same(FFT.fftfreq(n, d), NFFT.fftfreq(n, d))
    assert_same(FFT.rfftfreq(n, d), NFFT.rfftfreq(n, d))


def test_frequencies_defaults_and_errors():
    assert_same(FFT.fftfreq(6), NFFT.fftfreq(6))
    assert_same(FFT.rfftfreq(onp.int32(5), device="cpu"), NFFT.rfftfreq(onp.int32(5), device="cpu"))
    with pytest.raises(ValueError, match="n should be an integer"):
        FFT.fftfreq(4.0)
    with pytest.raises(ValueError, match="n should be an integer"):
        FFT.rfftfreq(la.asarray(4))
    with pytest.raises(ZeroDivisionError):
        FFT.fftfreq(0)
    with pytest.raises(ValueError, match="Device"):
        FFT.fftfreq(4, device="gpu")


def test_names_numpy_fft_lacks_raise_attribute_error():
    with pytest.raises(AttributeError):
        FFT.no_such_transform
    assert set(FFT.__all__) <= set(dir(NFFT))
