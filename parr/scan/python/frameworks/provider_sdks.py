"""Provider SDKs used directly whose tools are OpenAI-shaped function schemas or plain functions: Mistral
(`mistralai`, `client.chat.complete(tools=[{"type": "function", "function": {...}}])`), Cohere v2 (`cohere`,
`co.chat(tools=[...])`), Ollama (`ollama.chat(tools=[fn or dict])`: a function is described from its signature and
Google-style docstring), Cohere v1 (`co.chat(tools=[{"name", "description", "parameter_definitions"}])`, read by
`cohere_v1_schema`), Groq and Together (`client.chat.completions.create(tools=[...])`, the OpenAI shape).

The schemas are read as the OpenAI SDK's are (their shape, whatever client sends them); a family here only names
the SDK a tool reaches the model through, and makes `tools=` of its calls a tool list in any file (not only in
one that otherwise speaks to a model).
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str
from parr.scan.python.frameworks.spec import Framework

# Cohere v1 parameter types (Python type names) -> the JSON type the judge reads; any other is unknown (untyped).
_COHERE_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "dict": "object",
                 "Dict": "object", "object": "object", "list": "array", "List": "array"}


def cohere_v1_schema(defs) -> dict:
    """Cohere v1's `parameter_definitions` {param: {"type": "str", "description": ..., "required": ...}} as the
    judge's schema summary (`List[str]` is an array; a dict has no declared fields; an unreadable value is open)."""
    if not isinstance(defs, ast.Dict):
        return {"props": [], "blob": True, "open": True}
    props = []
    for k, v in zip(defs.keys, defs.values):
        name = _const_str(k) if k is not None else None
        if name is None or not isinstance(v, ast.Dict):
            return {"props": props, "blob": True, "open": True}
        entry = {_const_str(kk): vv for kk, vv in zip(v.keys, v.values) if kk is not None}
        t = _const_str(entry.get("type"))
        props.append({"n": name, "t": _COHERE_TYPES.get((t or "").split("[", 1)[0]),
                      "d": _const_str(entry.get("description")), "sub": False})
    return {"props": props, "blob": False}


FRAMEWORKS = (
    Framework(label="mistralai", roots=("mistralai",)),
    Framework(label="cohere", roots=("cohere",)),
    Framework(label="ollama", roots=("ollama",)),
    Framework(label="groq", roots=("groq",)),
    Framework(label="together", roots=("together",)),
)
