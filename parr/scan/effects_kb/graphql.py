"""GraphQL documents: which operation a document the code writes sends. Its first operation keyword
decides (after comments, whitespace and fragment definitions): `mutation` changes state, `query`,
`subscription` and the shorthand `{ ... }` read. Shared by the Python and TypeScript scanners."""

from __future__ import annotations

import re

# TypeScript GraphQL clients: a document the model writes, sent with their request/query methods, is run by the API.
TS_CLIENT_MODULES = frozenset({"graphql-request", "@apollo/client", "@apollo/client/core", "urql", "@urql/core",
                               "graphql", "graphql-http", "graffle"})

_COMMENT = re.compile(r"#[^\n]*")
_FRAGMENT = re.compile(r"^\s*fragment\s+\w+\s+on\s+\w+\s*", re.I)
_OPERATION = re.compile(r"^\s*(mutation|query|subscription)\b(?:\s+(\w+))?|^\s*(\{)")


def operation(text: str | None) -> tuple[str, str] | None:
    """("mutation" | "query" | "subscription", the operation's name or "") for a document, or None
    when the text does not start like one."""
    if not text:
        return None
    body = _COMMENT.sub("", text)
    for _ in range(8):  # fragments first: skip each whole definition (balanced braces)
        m = _FRAGMENT.match(body)
        if not m:
            break
        depth, i = 0, m.end()
        while i < len(body):
            if body[i] == "{":
                depth += 1
            elif body[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        body = body[i + 1:]
    m = _OPERATION.match(body)
    if not m:
        return None
    if re.search(r"\}\s*mutation\b", body):
        return "mutation", ""  # a document holding a mutation too: the caller may pick it by name
    if m.group(3):
        return "query", ""
    return m.group(1).lower(), m.group(2) or ""


def effect(text: str | None) -> tuple[bool, str] | None:
    """(writes, evidence) for a document the code writes, or None when it is not one."""
    op = operation(text)
    if op is None:
        return None
    kind, name = op
    label = f" {name}" if name else ""
    return kind == "mutation", f"sends a GraphQL {kind}{label}"
