"""``einsum``: NumPy's subscripts (implicit and explicit output, ellipsis,
repeated labels for diagonals, summed labels, the interleaved operand/sublist
form) as a sequence of pairwise ``product_sum`` contractions.

NumPy checks the call and chooses the contraction order
(``numpy.einsum_path`` on stand-ins of the operands' shapes, so no data is
touched); each step then is one fusable reindex + map + reduce (a large 2-D
matrix product with ``b`` packed first, as ``matmul`` does).
"""
from __future__ import annotations

import numpy as np

from .. import dtypes
from ..array import ndarray, wrap
from ..graph import Node, cast
from .contractions import _small_buffers, _store, _work_dtype, pair_product_sum, product_sum
from .creation import as_node
from .elementwise import eager_result

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _sublist(labels: object) -> str:
    return "".join("..." if x is Ellipsis else _LETTERS[x] for x in labels)


def _subscripts(args: tuple) -> tuple[str, list]:
    """``(subscripts, operands)`` of either calling form."""
    if isinstance(args[0], str):
        return args[0], list(args[1:])
    out = "->" + _sublist(args[-1]) if len(args) % 2 else ""
    pairs = args[:len(args) - len(args) % 2]
    return ",".join(_sublist(s) for s in pairs[1::2]) + out, list(pairs[0::2])


def _labels(term: str, ndim: int, n_ellipsis: int) -> list:
    """One label per dimension of an operand: letters, and ``("...", d)`` for
    the ellipsis dimensions (aligned to the right, as they broadcast)."""
    if "..." not in term:
        return list(term)
    head, tail = term.split("...")
    n = ndim - len(head) - len(tail)
    return list(head) + [("...", n_ellipsis - n + d) for d in range(n)] + list(tail)


def _parse(subscripts: str, nodes: list[Node]) -> tuple[list[list], list]:
    """Each operand's labels and the output's (NumPy has checked the string)."""
    subscripts = subscripts.replace(" ", "")
    inputs, _, output = subscripts.partition("->")
    terms = inputs.split(",")
    n_ellipsis = max((len(n.shape) - len(t.replace("...", "")) for n, t in zip(nodes, terms)
                      if "..." in t), default=0)
    labels = [_labels(t, len(n.shape), n_ellipsis) for t, n in zip(terms, nodes)]
    ellipsis = [("...", d) for d in range(n_ellipsis)]
    if "->" in subscripts:
        head, _, tail = output.partition("...")
        out = list(head) + (ellipsis if "..." in output else []) + list(tail)
    else:
        letters = inputs.replace("...", "").replace(",", "")
        out = ellipsis + sorted(c for c in set(letters) if letters.count(c) == 1)
    return labels, out


def _stand_in(node: Node) -> np.ndarray:
    return np.broadcast_to(np.zeros((), node.dtype), node.shape)


def einsum(*operands: object, out: object = None, dtype: object = None, order: str = "K",
           casting: str = "safe", optimize: object = False) -> ndarray:
    """``numpy.einsum``: the Einstein summation ``subscripts`` over the operands
    (``einsum(subscripts, *operands)`` or ``einsum(op0, sublist0, ...)``),
    computed pairwise in the order ``numpy.einsum_path`` chooses."""
    if order not in ("K", "A", "C"):
        raise NotImplementedError(f"lazyarray.einsum: order={order!r}")
    subscripts, values = _subscripts(operands)
    nodes = [as_node(v) for v in values]
    stand_ins = [_stand_in(n) for n in nodes]
    path, _ = np.einsum_path(subscripts, *stand_ins,
                             optimize=optimize if optimize is not False else "greedy")
    result_dtype = dtypes.result_type(*(n.dtype for n in nodes)) if dtype is None \
        else np.dtype(dtype)
    for n in nodes:
        if not np.can_cast(n.dtype, result_dtype, casting):
            raise TypeError(f"einsum: cannot cast an operand from {n.dtype} to {result_dtype} "
                            f"according to the rule {casting!r}")
    if _small_buffers(nodes, max(int(np.prod(n.shape)) for n in nodes) if nodes else 0):
        return _store(out, eager_result(np.einsum(subscripts, *(n.buffer for n in nodes),
                                                  dtype=dtype, casting=casting)), "einsum")
    dtypes.check_kernel_dtype(result_dtype, "einsum")
    labels, final = _parse(subscripts, nodes)
    work = _work_dtype(result_dtype)
    pending = [(cast(n, work), l) for n, l in zip(nodes, labels)]
    for step in path[1:]:
        chosen = [pending[k] for k in step]
        pending = [p for k, p in enumerate(pending) if k not in step]
        needed = set(final).union(*(l for _, l in pending))
        seen = dict.fromkeys(l for _, ls in chosen for l in ls)
        kept = [l for l in final if l in seen] + [l for l in seen if l in needed and l not in final]
        pending.append((pair_product_sum(chosen, kept), kept))
    (node, got), = pending
    node = product_sum([(node, got)], final) if got != final else node
    return _store(out, wrap(cast(node, result_dtype)), "einsum")
