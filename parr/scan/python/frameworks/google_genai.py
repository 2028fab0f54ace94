"""Google Gen AI SDK (Gemini) used directly: FunctionDeclaration(...) and function-declaration dicts."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Framework


def _function_declaration(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    n, r = ex.name_of(_kw(node, "name"), scope)
    if n or r:
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="google-genai",
                    style="gemini.FunctionDeclaration", schema="json_schema",
                    description=_const_str(_kw(node, "description")),
                    extra={"jschema": ex.json_schema_info(_kw(node, "parameters"), scope)})
    return True


# No import roots: the label is given by the form (google.genai is not told apart from other google.* packages).
FRAMEWORKS = (Framework(label="google-genai", call_hooks={"FunctionDeclaration": (_function_declaration,)}),)
