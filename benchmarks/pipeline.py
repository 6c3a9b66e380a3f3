"""Joining + element-wise + slice assignment: pad an image by concatenation,
blur it with shifted slices (3x3 box), write the result into the interior of
another array; 2048x2048 float64 (lazyarray vs NumPy, one run).

``python benchmarks/pipeline.py [--n 2048] [--repeats 15]`` prints the median
time of each library over the repeats (after a warm-up that compiles), the
ratio (NumPy time / lazyarray time: above 1 is faster), whether the results
are bit-identical, and the kernels lazyarray launched per run.
"""
import argparse
import statistics
import time

import numpy

import lazyarray


def pipeline(np, image, canvas):
    top, bottom = image[:1], image[-1:]
    tall = np.concatenate([top, image, bottom], axis=0)              # edge-pad rows
    padded = np.concatenate([tall[:, :1], tall, tall[:, -1:]], axis=1)   # and columns
    blur = (padded[:-2, :-2] + padded[:-2, 1:-1] + padded[:-2, 2:] +
            padded[1:-1, :-2] + padded[1:-1, 1:-1] + padded[1:-1, 2:] +
            padded[2:, :-2] + padded[2:, 1:-1] + padded[2:, 2:]) / 9.0
    canvas[8:-8, 8:-8] = blur
    return canvas


def _median_time(run, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2048)
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args()
    rng = numpy.random.default_rng(0)
    image = rng.random((args.n, args.n))
    canvas = numpy.zeros((args.n + 16, args.n + 16))
    limage, lcanvas = lazyarray.asarray(image), lazyarray.asarray(canvas)

    def run_np():
        return pipeline(numpy, image, canvas.copy())

    def run_la():
        return pipeline(lazyarray, limage, lcanvas.copy()).evaluate()

    expected = run_np()
    got = numpy.asarray(run_la())                                      # warm-up: compiles
    t_np = _median_time(run_np, args.repeats)
    lazyarray.stats(reset=True)
    t_la = _median_time(run_la, args.repeats)
    launched = lazyarray.stats()["kernels_launched"] / args.repeats
    print(f"pad-by-concatenate + 3x3 blur + interior write, {args.n}x{args.n} float64, "
          f"median of {args.repeats}: numpy {t_np * 1e3:.1f} ms, lazyarray {t_la * 1e3:.1f} ms, "
          f"ratio {t_np / t_la:.2f}x; identical: {numpy.array_equal(got, expected)}; "
          f"kernels per run: {launched:g}")


if __name__ == "__main__":
    main()
