"""KaibanJS (`kaibanjs`, `@kaibanjs/tools`): an Agent's `tools` and the package's own tool classes.

A KaibanJS agent (`new Agent({ name, role, goal, tools: [...] })`) binds LangChain.js tools, so a project's own
tools are read by the LangChain.js family. `@kaibanjs/tools` ships StructuredTool classes whose constructor sets
the name the model sees (`new Firecrawl({ apiKey })` is `firecrawl`): data generated from the package
(kaibanjs_builtins). Like LangChain.js's built-ins they are tools once given to a model or exported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks import kaibanjs_builtins
from parr.scan.typescript.frameworks.spec import FrameworkSpec
from parr.scan.typescript.nodes import captures, text, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

_ID = "kaibanjs"
_TOOLS_PACKAGE = "@kaibanjs/tools"


def builtin(det: Detector, new: Node) -> None:
    """`new Firecrawl({ apiKey })` with the class imported from @kaibanjs/tools."""
    b = det.ctx.lookup(new, text(unwrap(new.child_by_field_name("constructor"))))
    if b is None or b.kind != "import" or not (b.module or "").startswith(_TOOLS_PACKAGE):
        return
    name, mutating = kaibanjs_builtins.TOOLS[b.imported or ""]
    det.ctx.claim(new)
    det.pending_builtins[new.id] = (new, lambda: det._emit(
        node=new, name=name, framework=_ID, style="kaibanjs.builtin_tool", schema="framework_defined",
        typed=True, kind_mutating=mutating, caps=("http",)))


def read_file(det: Detector) -> None:
    ctx = det.ctx
    local = sorted(n for n, (module, imported) in ctx.imports.items()
                   if (module or "").startswith(_TOOLS_PACKAGE) and imported in kaibanjs_builtins.TOOLS)
    if not local:
        return
    names = " ".join(f'"{n}"' for n in local)
    q = f"(new_expression constructor: (identifier) @k (#any-of? @k {names})) @n"
    for new in captures(ctx.grammar, ctx.root, q, "n", 1 << 12):
        builtin(det, new)


SPEC = FrameworkSpec(
    id=_ID,
    packages=("kaibanjs",),
    prefixes=(_TOOLS_PACKAGE,),
    file_reader=read_file,
    context_keys=("tools",),
)
