"""The CPU backend: loop-nest IR -> LLVM IR (llvmlite.ir) -> host machine code.

Each kernel becomes one function
``void name(ptr noalias b0, ..., ptr noalias bN, ptr params, i64 start, i64 end)``
where ``b*`` are the buffers (inputs, then the output), ``params`` the int64
run-time parameters, and ``[start, end)`` the iterations of the parallel loop
this call runs.  A ``lanes`` loop's body is rendered once on ``<N x T>``
vectors (see ``_Renderer.lanes_loop``); everything else is scalar code, which
LLVM's vectorizers may widen.  Value arithmetic keeps NumPy's semantics (no fast-math);
only reduction steps carry ``reassoc`` so the loop vectorizer may split them
into SIMD lanes.  Code is optimized for the host CPU's name and features.

Rendering needs only ``llvmlite.ir`` (pure Python).  ``llvmlite.binding``
maps the LLVM library (about 40 MB resident, tens of milliseconds), so it is
loaded on first need (``_binding``): rendering, compiling or loading a kernel,
the host's triple, CPU name and features; a process that computes only
through NumPy's eager path never loads it.

float16 is LLVM's ``half``; the ``widen half`` pass leaves it only in loads,
stores, constants, casts, bitcasts and selects.  Casts to float16 round to
nearest even once, as NumPy's: from float32 by ``fptrunc``, from float64
through float32 rounded to odd (which makes the second rounding exact), from
integers through float32 (exact up to float16's range).  Complex values never
reach the backend (the ``split complex`` pass makes them real pairs), but
buffers may be complex: an access's address is computed from the accessed
dtype.
"""
from __future__ import annotations

import ctypes
import functools
import threading
from types import ModuleType

import llvmlite
import numpy as np
from llvmlite import ir

from . import llvm_ufuncs
from ..compute import Compute
from ..expr import (COMPARISONS, UFUNC_BINARY, UFUNC_UNARY, Expr, coefficient, const, const_value,
                    local, simplify, subexpressions, substitute)
from ..ir import Assign, For, If, Local, Seq, Stmt, Store

I1, I8, I64 = ir.IntType(1), ir.IntType(8), ir.IntType(64)
PTR = ir.PointerType()
_FLOAT_TYPES = {2: ir.HalfType(), 4: ir.FloatType(), 8: ir.DoubleType()}
_F32 = np.dtype(np.float32)
_MATH = {"sqrt": "llvm.sqrt", "exp": "llvm.exp", "log": "llvm.log", "sin": "llvm.sin",
         "cos": "llvm.cos", "tan": "llvm.tan", "abs": "llvm.fabs", "floor": "llvm.floor", "rint": "llvm.rint"}
_FCMP = {"lt": "<", "le": "<=", "gt": ">", "ge": ">=", "eq": "==", "ne": "!="}


_binding_module: ModuleType | None = None
_binding_lock = threading.Lock()


def _binding() -> ModuleType:
    """``llvmlite.binding``, with the host target and assembly printer
    initialized (once, even when threads ask at the same time).  A deferred
    import of a heavy library, by design: see the module's docstring."""
    global _binding_module
    with _binding_lock:
        if _binding_module is None:
            import llvmlite.binding as llvm
            llvm.initialize_native_target()
            llvm.initialize_native_asmprinter()
            _binding_module = llvm
    return _binding_module


def llvm_type(dtype: np.dtype) -> ir.Type:
    """The register type of a NumPy dtype (bool is i1 in registers, i8 in memory)."""
    if dtype.kind == "b":
        return I1
    if dtype.kind in "iu":
        return ir.IntType(dtype.itemsize * 8)
    if dtype.kind == "f" and dtype.itemsize in _FLOAT_TYPES:
        return _FLOAT_TYPES[dtype.itemsize]
    raise NotImplementedError(f"the LLVM backend has no type for {dtype}")


def _memory_type(dtype: np.dtype) -> ir.Type:
    return I8 if dtype.kind == "b" else llvm_type(dtype)


class _Renderer:
    """Translates one kernel's IR into an ``llvmlite.ir`` function."""

    def __init__(self, compute: Compute, name: str):
        self.compute = compute
        self.module = ir.Module(name=name)
        self.module.triple = _binding().get_process_triple()
        n_buf = len(compute.inputs) + 1
        fnty = ir.FunctionType(ir.VoidType(), [PTR] * (n_buf + 1) + [I64, I64])
        self.fn = ir.Function(self.module, fnty, name=name)
        for arg in self.fn.args[:n_buf + 1]:
            arg.add_attribute("noalias")
        self.fn.attributes.add("nounwind")
        self.buffers = self.fn.args[:n_buf]
        entry = self.fn.append_basic_block("entry")
        self.b = ir.IRBuilder(entry)
        self.start, self.end = self.fn.args[n_buf + 1], self.fn.args[n_buf + 2]
        params_ptr = self.fn.args[n_buf]
        self.params = [self.b.load(self.b.gep(params_ptr, [ir.Constant(I64, i)], inbounds=True,
                                              source_etype=I64), name=f"p{i}", typ=I64)
                       for i in range(compute.n_params)]
        self.locals: dict[str, ir.AllocaInstr] = {}
        self.vars: dict[str, ir.Value] = {}
        self.memo: list[dict] = [{}]
        self.lanes: tuple[str, int] | None = None     # the lane variable and count, in a lanes loop
        self.vector_locals: set[str] = set()
        self.lane_info: dict[Expr, tuple[bool, bool]] = {}

    # ---- statements ----
    def render(self, stmt: Stmt) -> str:
        self.stmt(stmt)
        self.b.ret_void()
        return str(self.module)

    def stmt(self, s: Stmt) -> None:
        if isinstance(s, Seq):
            for sub in s.stmts:
                self.stmt(sub)
        elif isinstance(s, For):
            self.lanes_loop(s) if s.kind == "lanes" else self.loop(s)
        elif self.lanes is not None and isinstance(s, (Local, Assign, Store, If)):
            self.lanes_stmt(s)
        elif isinstance(s, Store):
            dtype = s.value.dtype
            ptr = self.address(s.buffer, s.index, dtype)
            value = self.expr(s.value)
            if dtype.kind == "b":
                value = self.b.zext(value, I8)
            self.b.store(value, ptr)
        elif isinstance(s, Local):
            self.vector_locals.discard(s.name)
            with self.b.goto_entry_block():
                self.locals[s.name] = self.b.alloca(llvm_type(s.dtype), name=s.name)
            self.b.store(self.expr(s.init), self.locals[s.name])
        elif isinstance(s, Assign):
            self.b.store(self.expr(s.value), self.locals[s.name])
        elif isinstance(s, If):
            self.branch(s)
        else:
            raise TypeError(f"cannot render {s!r}")

    def loop(self, s: For) -> None:
        b = self.b
        extent = self.expr(s.extent)
        lo = ir.Constant(I64, 0) if s.begin is None else self.expr(s.begin)
        hi = extent
        if s.parallel:
            lo = b.select(b.icmp_signed(">", self.start, lo), self.start, lo)
            hi = b.select(b.icmp_signed("<", self.end, extent), self.end, extent)
        pre = b.block
        header = self.fn.append_basic_block(f"{s.var}.header")
        body = self.fn.append_basic_block(f"{s.var}.body")
        exit_ = self.fn.append_basic_block(f"{s.var}.exit")
        b.branch(header)
        b.position_at_end(header)
        iv = b.phi(I64, name=s.var)
        iv.add_incoming(lo, pre)
        b.cbranch(b.icmp_signed("<", iv, hi), body, exit_)
        b.position_at_end(body)
        self.vars[s.var] = iv
        self.memo.append({})
        self.stmt(s.body)
        self.memo.pop()
        nxt = b.add(iv, ir.Constant(I64, 1), name=f"{s.var}.next", flags=["nsw"])
        latch = b.branch(header)
        iv.add_incoming(nxt, b.block)
        self._loop_metadata(latch, s)
        b.position_at_end(exit_)

    def branch(self, s: If) -> None:
        b = self.b
        cond = self.expr(s.cond)
        then = self.fn.append_basic_block("if.then")
        done = self.fn.append_basic_block("if.end")
        b.cbranch(cond, then, done)
        b.position_at_end(then)
        self.memo.append({})          # values made here do not dominate if.end
        self.stmt(s.body)
        self.memo.pop()
        b.branch(done)
        b.position_at_end(done)

    def _loop_metadata(self, latch: ir.Instruction, s: For) -> None:
        """A ``vector`` loop is left to LLVM's loop vectorizer (which handles the
        tail and decides the width by its cost model, unless the loop names a
        width; forcing it would only warn where it cannot); every other loop is
        kept scalar, and an ``unroll`` loop gets its unroll count."""
        if s.kind == "vector" and s.unroll <= 1:
            return
        if s.kind == "serial":
            key, value = "llvm.loop.vectorize.enable", ir.Constant(I1, 0)
        else:
            key = "llvm.loop.vectorize.width" if s.kind == "vector" else "llvm.loop.unroll.count"
            value = ir.Constant(ir.IntType(32), s.unroll)
        hint = self.module.add_metadata([ir.MetaDataString(self.module, key), value])
        # a loop ID is a distinct node that refers to itself; add_metadata would
        # share one node among equal operand lists, so it is made directly
        loop_id = ir.values.MDValue(self.module, [], name=str(len(self.module.metadata)))
        loop_id.operands = (loop_id, hint)
        latch.set_metadata("llvm.loop", loop_id)

    # ---- lanes loops: the body once, on vectors ----
    def lanes_loop(self, s: For) -> None:
        """Run ``s.body`` once with every value that depends on ``s.var`` (or on
        a local declared inside) a vector of ``s.unroll`` lanes."""
        if self.lanes is not None or s.extent != const(s.unroll):
            raise NotImplementedError("lanes loop: nested, or extent other than its width")
        self.lanes, self.lane_info = (s.var, s.unroll), {}
        self.memo.append({})
        self.stmt(s.body)
        self.memo.pop()
        self.lanes = None

    def lanes_stmt(self, s: Local | Assign | Store | If) -> None:
        b = self.b
        if isinstance(s, Local):
            self.vector_locals.add(s.name)
            with b.goto_entry_block():
                self.locals[s.name] = b.alloca(self.vector_type(s.dtype), name=s.name)
            b.store(self.vexpr(s.init), self.locals[s.name])
        elif isinstance(s, Assign) and s.name in self.vector_locals:
            b.store(self.vexpr(s.value), self.locals[s.name])
        elif isinstance(s, Assign):
            self.lanes_flag(s)
        elif isinstance(s, If):
            if self.varying(s.cond):
                raise NotImplementedError("lanes loop: a condition that differs between lanes")
            self.branch(s)
        else:
            self.lanes_store(s)

    def lanes_flag(self, s: Assign) -> None:
        """A local declared outside the loop may only be set when any lane
        meets a condition (``x = x or c``, as ``expand_math``'s flag is): run
        as a loop, the lanes would each or their ``c`` into it."""
        value = s.value
        if not self.varying(value):
            self.b.store(self.expr(value), self.locals[s.name])
            return
        if value.dtype.kind != "b" or value.op != "or" or value.args[0] != local(s.name, value.dtype):
            raise NotImplementedError(f"lanes loop: {s.name}, declared outside it, set per lane")
        any_lane = self._call(f"llvm.vector.reduce.or.v{self.lanes[1]}i1", I1,
                              (self.vexpr(value.args[1]),))
        self.b.store(self.b.or_(self.expr(value.args[0]), any_lane), self.locals[s.name])

    def lanes_store(self, s: Store) -> None:
        """A vector store where the index steps by one along the lanes, one
        store per lane otherwise."""
        b, dtype = self.b, s.value.dtype
        lane, n = self.lanes
        value = self.vexpr(s.value)
        if dtype.kind == "b":
            value = b.zext(value, ir.VectorType(I8, n))
        if coefficient(s.index, lane) == const(1):
            base = simplify(substitute(s.index, {lane: const(0)}))
            b.store(value, self.address(s.buffer, base, dtype), align=dtype.itemsize)
            return
        for k in range(n):
            index = simplify(substitute(s.index, {lane: const(k)}))
            b.store(b.extract_element(value, ir.Constant(ir.IntType(32), k)),
                    self.address(s.buffer, index, dtype))

    def vector_type(self, dtype: np.dtype, memory: bool = False) -> ir.VectorType:
        return ir.VectorType(_memory_type(dtype) if memory else llvm_type(dtype), self.lanes[1])

    def varying(self, e: Expr) -> bool:
        """Whether ``e`` may differ between lanes."""
        return self._lane_info(e)[0]

    def _lane_info(self, e: Expr) -> tuple[bool, bool]:
        """(varies between lanes, reads a vector local)."""
        info = self.lane_info.get(e)
        if info is None:
            leaves = [x for x in subexpressions(e) if x.op in ("var", "local")]
            reads = any(x.op == "local" and x.args[0] in self.vector_locals for x in leaves)
            info = reads or any(x.op == "var" and x.args[0] == self.lanes[0] for x in leaves), reads
            self.lane_info[e] = info
        return info

    def vexpr(self, e: Expr) -> ir.Value:
        """The vector of ``e``'s values in the lanes."""
        varying, reads_local = self._lane_info(e)
        if not varying:
            return self._cached(("splat", e), lambda: self.splat(self.expr(e)))
        if reads_local:                   # locals change between uses: not cached
            return self._vexpr(e)
        return self._cached(("lanes", e), lambda: self._vexpr(e))

    def splat(self, x: ir.Value) -> ir.Value:
        b, n = self.b, self.lanes[1]
        ty = ir.VectorType(x.type, n)
        one = b.insert_element(ir.Constant(ty, ir.Undefined), x, ir.Constant(ir.IntType(32), 0))
        return b.shuffle_vector(one, ir.Constant(ty, ir.Undefined),
                                ir.Constant(ir.VectorType(ir.IntType(32), n), [0] * n))

    def _vexpr(self, e: Expr) -> ir.Value:
        b, op, args, dtype = self.b, e.op, e.args, e.dtype
        lane, n = self.lanes
        if op == "var":
            return ir.Constant(ir.VectorType(I64, n), list(range(n)))
        if op == "local":
            return b.load(self.locals[args[0]], typ=self.vector_type(dtype))
        if op == "load" and coefficient(args[1], lane) == const(1):
            base = simplify(substitute(args[1], {lane: const(0)}))
            value = b.load(self.address(args[0], base, dtype), typ=self.vector_type(dtype, True),
                           align=dtype.itemsize)
            if dtype.kind == "b":
                return b.icmp_unsigned("!=", value, ir.Constant(value.type, [0] * n))
            return value
        cast = _vector_cast(args[0].dtype, dtype) if op == "cast" else None
        if cast is not None:
            return cast(b, self.vexpr(args[0]), self.vector_type(dtype))
        if op in _LANEWISE or (op == "div" and dtype.kind == "f"):
            return self.apply(e, [self.vexpr(a) for a in args if isinstance(a, Expr)])
        return self._lane_by_lane(e)

    def _lane_by_lane(self, e: Expr) -> ir.Value:
        """``e`` computed one lane at a time (gathers, calls, what has no vector form)."""
        b, (lane, n) = self.b, self.lanes
        i32 = ir.IntType(32)
        vector = ir.Constant(self.vector_type(e.dtype), ir.Undefined)
        operands = [self.vexpr(a) if isinstance(a, Expr) and self.varying(a) else a
                    for a in e.args]
        for k in range(n):
            if e.op == "load":
                index = simplify(substitute(e.args[1], {lane: const(k)}))
                x = self.expr(Expr("load", (e.args[0], index), e.dtype))
            else:
                xs = [b.extract_element(v, ir.Constant(i32, k)) if isinstance(v, ir.Value)
                      else self.expr(v) for v, a in zip(operands, e.args) if isinstance(a, Expr)]
                x = self.apply(e, xs)
            vector = b.insert_element(vector, x, ir.Constant(i32, k))
        return vector

    # ---- expressions ----
    def address(self, buffer: int, index: Expr, dtype: np.dtype) -> ir.Value:
        """The address of element ``index`` of a buffer read as ``dtype``."""
        return self.b.gep(self.buffers[buffer], [self.index(index)], inbounds=True,
                          source_etype=_memory_type(dtype))

    def index(self, e: Expr) -> ir.Value:
        """Index arithmetic: int64, never overflows, so it carries ``nsw``."""
        return self._cached(("index", e), lambda: self._index(e))

    def _index(self, e: Expr) -> ir.Value:
        b, op = self.b, e.op
        if op in ("add", "sub", "mul"):
            x, y = self.index(e.args[0]), self.index(e.args[1])
            return getattr(b, op)(x, y, flags=["nsw"])
        if op in ("div", "mod"):
            x, y = self.index(e.args[0]), self.index(e.args[1])
            return b.sdiv(x, y) if op == "div" else b.srem(x, y)
        return self.expr(e)

    def _cached(self, key: object, make) -> ir.Value:
        for scope in reversed(self.memo):
            if key in scope:
                return scope[key]
        value = make()
        self.memo[-1][key] = value
        return value

    def expr(self, e: Expr) -> ir.Value:
        if e.op == "local":
            return self.b.load(self.locals[e.args[0]], typ=llvm_type(e.dtype))   # may change between uses: not cached
        return self._cached(e, lambda: self._expr(e))

    def _expr(self, e: Expr) -> ir.Value:
        b, op, args, dtype = self.b, e.op, e.args, e.dtype
        if op == "var":
            return self.vars[args[0]]
        if op == "param":
            return self.params[args[0]]
        if op == "const":
            return ir.Constant(llvm_type(dtype), const_value(e))
        if op == "load":
            value = b.load(self.address(args[0], args[1], dtype), typ=_memory_type(dtype))
            return b.icmp_unsigned("!=", value, ir.Constant(I8, 0)) if dtype.kind == "b" else value
        return self.apply(e, [self.expr(a) for a in args if isinstance(a, Expr)])

    def apply(self, e: Expr, xs: list[ir.Value]) -> ir.Value:
        """The value of operation ``e`` (not a leaf) on the values of its operands."""
        b, op, args, dtype = self.b, e.op, e.args, e.dtype
        if op == "cast":
            return self.cast(xs[0], args[0].dtype, dtype)
        if op == "bitcast":
            return b.bitcast(xs[0], llvm_type(dtype))
        if op == "select":
            return b.select(*xs)
        if op == "combine":
            return self.combine(args[0], xs[0], xs[1], dtype)
        if op == "fma":
            return self.intrinsic("llvm.fma", *xs)
        src = args[0].dtype
        if len(xs) == 1:
            return self.unary(op, xs[0], src)
        return self.binary(op, xs[0], xs[1], src)

    def unary(self, op: str, x: ir.Value, dtype: np.dtype) -> ir.Value:
        b = self.b
        if op in UFUNC_UNARY:
            return llvm_ufuncs.unary(self, op, x, dtype)
        if op == "neg":
            return b.fneg(x) if dtype.kind == "f" else b.neg(x)
        if op in ("not", "invert"):
            return b.not_(x)
        if op == "abs" and dtype.kind != "f":
            if dtype.kind in "ub":
                return x
            return b.select(b.icmp_signed("<", x, ir.Constant(x.type, 0)), b.neg(x), x)
        return self.intrinsic(_MATH[op], x)

    def intrinsic(self, name: str, *xs: ir.Value) -> ir.Value:
        """Call the overloaded intrinsic ``name`` on operands of one float type."""
        ty = xs[0].type
        scalar = ty.element if isinstance(ty, ir.VectorType) else ty
        suffix = f"i{scalar.width}" if isinstance(scalar, ir.IntType) else \
            {_FLOAT_TYPES[2]: "f16", _FLOAT_TYPES[4]: "f32", _FLOAT_TYPES[8]: "f64"}[scalar]
        if isinstance(ty, ir.VectorType):
            suffix = f"v{ty.count}{suffix}"
        return self._call(f"{name}.{suffix}", ty, xs)

    def libm(self, name: str, *xs: ir.Value) -> ir.Value:
        """Call libm's ``name`` (``namef`` for float32) on the first operand's type."""
        ty = xs[0].type
        return self._call(name + ("f" if ty == _FLOAT_TYPES[4] else ""), ty, xs)

    def _call(self, name: str, ty: ir.Type, xs: tuple) -> ir.Value:
        try:
            fn = self.module.get_global(name)
        except KeyError:
            fn = ir.Function(self.module, ir.FunctionType(ty, [x.type for x in xs]), name=name)
        return self.b.call(fn, xs)

    def binary(self, op: str, x: ir.Value, y: ir.Value, dtype: np.dtype) -> ir.Value:
        b, kind = self.b, dtype.kind
        if op in UFUNC_BINARY:
            return llvm_ufuncs.binary(self, op, x, y, dtype)
        if op in _FCMP:
            if kind == "f":
                return b.fcmp_unordered("!=", x, y) if op == "ne" else b.fcmp_ordered(_FCMP[op], x, y)
            cmp = b.icmp_signed if kind == "i" else b.icmp_unsigned
            return cmp(_FCMP[op], x, y)
        if op in ("max", "min"):
            # NumPy: maximum(a, b) = a if (a > b or isnan(a)) else b
            pick_a = self.binary("gt" if op == "max" else "lt", x, y, dtype)
            if kind == "f":
                pick_a = b.or_(pick_a, b.fcmp_unordered("uno", x, x))
            return b.select(pick_a, x, y)
        if kind == "f":
            return {"add": b.fadd, "sub": b.fsub, "mul": b.fmul, "div": b.fdiv}[op](x, y)
        table = {"add": b.add, "sub": b.sub, "mul": b.mul, "and": b.and_, "or": b.or_,
                 "xor": b.xor, "div": b.sdiv if kind == "i" else b.udiv,
                 "mod": b.srem if kind == "i" else b.urem, "shl": b.shl,
                 "shr": b.ashr if kind == "i" else b.lshr}
        return table[op](x, y)

    def combine(self, comb: str, acc: ir.Value, x: ir.Value, dtype: np.dtype) -> ir.Value:
        b = self.b
        if dtype.kind == "f":
            if comb in ("max", "min"):
                return self.intrinsic("llvm.maximum" if comb == "max" else "llvm.minimum", acc, x)
            return (b.fadd if comb == "add" else b.fmul)(acc, x, flags=["reassoc"])
        if comb in ("max", "min"):
            return self.binary(comb, acc, x, dtype)
        return {"add": b.add, "mul": b.mul, "and": b.and_, "or": b.or_}[comb](acc, x)

    def cast(self, x: ir.Value, src: np.dtype, dst: np.dtype) -> ir.Value:
        b, ty = self.b, llvm_type(dst)
        if dst.kind == "b":
            if src.kind == "f":
                return b.fcmp_unordered("!=", x, ir.Constant(x.type, 0.0))
            return b.icmp_unsigned("!=", x, ir.Constant(x.type, 0))
        if src.kind == "f" and dst.kind == "f":
            if dst.itemsize > src.itemsize:
                return b.fpext(x, ty)
            if dst.itemsize == 2 and src.itemsize == 8:
                x = self._round_to_odd_f32(x)
            return b.fptrunc(x, ty)
        if src.kind == "f":
            if src.itemsize == 2:     # NumPy: through float32; to uint32 through int64
                x = b.fpext(x, _FLOAT_TYPES[4])
                if dst == np.uint32:
                    return b.trunc(llvm_ufuncs.float_to_int(self, x, np.dtype(np.int64)), ty)
            return llvm_ufuncs.float_to_int(self, x, dst)
        if dst.kind == "f":
            if dst.itemsize == 2:
                return b.fptrunc(self.cast(x, src, _F32), ty)
            return b.sitofp(x, ty) if src.kind == "i" else b.uitofp(x, ty)
        if dst.itemsize * 8 < x.type.width:
            return b.trunc(x, ty)
        if dst.itemsize * 8 == x.type.width:
            return x
        return b.sext(x, ty) if src.kind == "i" else b.zext(x, ty)

    def _round_to_odd_f32(self, x: ir.Value) -> ir.Value:
        """A double rounded to float32 toward zero with the last bit set when
        inexact ("round to odd"): rounding that to float16 rounds ``x`` once."""
        b, f32, i32 = self.b, _FLOAT_TYPES[4], ir.IntType(32)
        t = b.fptrunc(x, f32)
        back = b.fpext(t, x.type)
        inexact = b.fcmp_ordered("!=", x, back)
        away = b.fcmp_ordered(">", self.intrinsic("llvm.fabs", back), self.intrinsic("llvm.fabs", x))
        bits = b.sub(b.bitcast(t, i32), b.zext(b.and_(inexact, away), i32))
        return b.bitcast(b.or_(bits, b.zext(inexact, i32)), f32)


#: operations whose scalar rendering applies lane-wise to vectors unchanged
_LANEWISE = {"select", "combine", "fma", "add", "sub", "mul", "and", "or", "xor", "max", "min",
             *COMPARISONS}


def _vector_cast(src: np.dtype, dst: np.dtype):
    """``(builder, vector, type) -> vector`` casting a vector of ``src`` to
    ``dst``, or None where the cast runs lane by lane (bools, float16, and
    floats to integers, which follow NumPy's conversion rules)."""
    if "b" in (src.kind, dst.kind) or any(d.kind == "f" and d.itemsize == 2 for d in (src, dst)):
        return None
    if src.kind == "f" and dst.kind == "f":
        if dst.itemsize == src.itemsize:
            return lambda b, x, ty: x
        return lambda b, x, ty: (b.fpext if dst.itemsize > src.itemsize else b.fptrunc)(x, ty)
    if src.kind == "f":
        return None
    if dst.kind == "f":
        return lambda b, x, ty: (b.sitofp if src.kind == "i" else b.uitofp)(x, ty)
    if dst.itemsize == src.itemsize:
        return lambda b, x, ty: x
    if dst.itemsize < src.itemsize:
        return lambda b, x, ty: b.trunc(x, ty)
    return lambda b, x, ty: (b.sext if src.kind == "i" else b.zext)(x, ty)


def render(compute: Compute, stmt: Stmt, name: str) -> str:
    """LLVM IR text of one kernel function named ``name``."""
    return _Renderer(compute, name).render(stmt)


class LLVMTarget:
    """The host CPU: optimizes LLVM IR, emits object code, loads it for calls.
    ``cpu`` and ``features`` (LLVM's names: ``"haswell"``, ``"+avx2,+fma"``)
    target another CPU of the host's architecture, for its assembly."""

    def __init__(self, cpu: str | None = None, features: str | None = None) -> None:
        llvm = _binding()
        self.triple = llvm.get_process_triple()
        host_features = llvm.get_host_cpu_features()
        self.cpu = cpu or llvm.get_host_cpu_name()
        self.features = host_features.flatten() if features is None else features
        target = llvm.Target.from_triple(self.triple)
        self.machine = target.create_target_machine(cpu=self.cpu, features=self.features,
                                                    opt=3, codemodel="jitdefault")
        self.engine = llvm.create_mcjit_compiler(llvm.parse_assembly(""), self.machine)
        self._lock = threading.Lock()
        if not host_features.get("f16c"):
            # without F16C, LLVM converts float16 by calls to __extendhfsf2 and
            # __truncsfhf2, which libgcc_s has and the process may not export
            import ctypes.util   # deferred: it imports subprocess, for CPUs without F16C only
            gcc_s = ctypes.util.find_library("gcc_s")
            if gcc_s:
                llvm.load_library_permanently(gcc_s)

    @property
    def fingerprint(self) -> str:
        """What compiled code depends on, besides the kernel itself."""
        return f"llvm:{self.triple}:{self.cpu}:{self.features}:llvmlite-{llvmlite.__version__}"

    def optimize(self, text: str) -> llvmlite.binding.ModuleRef:
        llvm = _binding()
        mod = llvm.parse_assembly(text)
        mod.verify()
        pto = llvm.create_pipeline_tuning_options(speed_level=3)
        pto.loop_vectorization = True
        pto.slp_vectorization = True
        pto.loop_unrolling = True
        pb = llvm.create_pass_builder(self.machine, pto)
        pb.getModulePassManager().run(mod, pb)
        return mod

    def compile(self, text: str) -> bytes:
        """Optimized object code of an LLVM IR module."""
        return self.machine.emit_object(self.optimize(text))

    def assembly(self, text: str) -> str:
        return self.machine.emit_assembly(self.optimize(text))

    def load(self, obj: bytes, name: str) -> int:
        """Link object code into the process; the address of function ``name``."""
        with self._lock:
            self.engine.add_object_file(_binding().ObjectFileRef.from_data(obj))
            self.engine.finalize_object()
            address = self.engine.get_function_address(name)
        if not address:
            raise RuntimeError(f"kernel {name} not found in its object code")
        return address


@functools.cache
def host_vector_bytes() -> int:
    """The widest SIMD register of the host CPU, in bytes (16: SSE)."""
    features = _binding().get_host_cpu_features()
    if features.get("avx512f"):
        return 64
    return 32 if features.get("avx") else 16


def function_type(n_buffers: int) -> type:
    """The ctypes prototype of a kernel with ``n_buffers`` buffers."""
    return ctypes.CFUNCTYPE(None, *([ctypes.c_void_p] * (n_buffers + 1)),
                            ctypes.c_int64, ctypes.c_int64)
