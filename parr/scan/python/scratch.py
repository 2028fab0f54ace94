"""Scratch files: paths a function makes with `tempfile`, where its writes and removals change nothing that lasts."""

from __future__ import annotations

import ast
from typing import Callable

from parr.scan.python.astutil import walk

# tempfile's functions and classes that make a fresh file or directory (or name the temp folder)
_TEMPFILE = frozenset({"mkstemp", "mkdtemp", "mktemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile",
                       "TemporaryDirectory", "gettempdir", "gettempdirb"})
# Calls that keep a path what it was: Path(d), str(p), os.path.join(d, "x"), os.fspath(p).
_PATH_WRAPPERS = frozenset({"Path", "PurePath", "PosixPath", "str", "fspath", "join", "abspath", "realpath",
                            "normpath", "expanduser"})
_OPENERS = frozenset({"open"})


def _dotted(e) -> str:
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Attribute):
        inner = _dotted(e.value)
        return f"{inner}.{e.attr}" if inner else ""
    return ""


class Scratch:
    """The names one function binds to tempfile's paths and files (`fd, path = tempfile.mkstemp()`,
    `with tempfile.TemporaryDirectory() as d`, `out = Path(d) / "x.wav"`), read from its own body."""

    def __init__(self, fn_node: ast.AST, qualify: Callable[[str], str | None]):
        self._qualify = qualify
        self.names: set[str] = set()
        binds = []
        for n in walk(fn_node):
            if isinstance(n, ast.Assign):
                binds += [(t, n.value) for t in n.targets]
            elif isinstance(n, (ast.AnnAssign, ast.NamedExpr)) and n.value is not None:
                binds.append((n.target, n.value))
            elif isinstance(n, (ast.With, ast.AsyncWith)):
                binds += [(i.optional_vars, i.context_expr) for i in n.items if i.optional_vars is not None]
        for _ in range(3):  # a path made from a path made from tempfile
            grew = False
            for target, value in binds:
                if not self.is_temp(value):
                    continue
                elts = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
                for t in elts:
                    if isinstance(t, ast.Name) and t.id not in self.names:
                        self.names.add(t.id)
                        grew = True
            if not grew:
                break

    def _tempfile_call(self, e) -> bool:
        if not isinstance(e, ast.Call):
            return False
        d = _dotted(e.func)
        q = (self._qualify(d) or d) if d else ""
        return q.startswith("tempfile.") and q.rsplit(".", 1)[-1] in _TEMPFILE

    def is_temp(self, e, depth: int = 0) -> bool:
        """Whether an expression is a path (or file) in what tempfile made: its base directory, not
        any part of it (os.path.join(output_dir, tmp_name) writes into output_dir)."""
        if e is None or depth > 6:
            return False
        if isinstance(e, ast.Name):
            return e.id in self.names
        if isinstance(e, ast.Attribute):
            # NamedTemporaryFile(...).name; a scratch path's parent (Path(d) / rel).parent, still in what tempfile made
            # (one level: the parent's parent is outside it)
            return (e.attr == "name" or e.attr == "parent" and not (isinstance(e.value, ast.Attribute) and e.value.attr == "parent")) \
                and self.is_temp(e.value, depth + 1)
        if isinstance(e, ast.Subscript):
            return self.is_temp(e.value, depth + 1)  # tempfile.mkstemp()[1]
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Div):
            return self.is_temp(e.left, depth + 1)  # Path(d) / "out.wav"
        if isinstance(e, ast.JoinedStr) and e.values and isinstance(e.values[0], ast.FormattedValue):
            return self.is_temp(e.values[0].value, depth + 1)  # f"{tmpdir}/out.wav"
        if isinstance(e, ast.Call):
            if self._tempfile_call(e):
                return True
            last = _dotted(e.func).rsplit(".", 1)[-1]
            if (last in _PATH_WRAPPERS or last in _OPENERS) and e.args:  # open(path, "wb") is its file
                return self.is_temp(e.args[0], depth + 1)
            if isinstance(e.func, ast.Attribute) and last in ("with_suffix", "with_name", "joinpath", "resolve"):
                return self.is_temp(e.func.value, depth + 1)
        return False

    def target(self, call: ast.Call, dotted: str) -> bool:
        """Whether a file-changing call only touches scratch paths: open(path, "w") its file,
        os.remove/os.rename/shutil.move its paths, path.write_text() its receiver."""
        last = dotted.rsplit(".", 1)[-1]
        if "." not in dotted or last in _OPENERS and dotted.split(".", 1)[0] in ("io", "codecs", "aiofiles"):
            path = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "file"), None)
            return self.is_temp(path)
        head = dotted.split(".", 1)[0]
        q = self._qualify(head) or head
        if q in ("os", "shutil") or dotted.startswith("os.path."):
            paths = call.args[:2]
            return bool(paths) and all(self.is_temp(p) for p in paths)
        if isinstance(call.func, ast.Attribute):
            return self.is_temp(call.func.value)
        return False

    def touches(self, call: ast.Call, qualified: str) -> bool:
        """Whether a call parr has no rule for only makes or handles scratch files: tempfile's own
        calls, a method of a scratch file (fh.write()), a function given only scratch handles
        (os.close(fd))."""
        if qualified.startswith("tempfile."):
            return True
        if isinstance(call.func, ast.Attribute) and self.is_temp(call.func.value):
            return True
        return bool(call.args) and all(self.is_temp(a) for a in call.args) and not call.keywords
