"""Composio (`@composio/*`, legacy `composio-core`): tools fetched by slug from Composio's catalogue.

Read from Composio's TypeScript SDK (`Tools.get`, `ToolListParams`; the legacy `*ToolSet.getTools`): the model
sees each tool under its action slug, in upper case (`GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER`; the
legacy SDK matches the slugs it is given without regard to case). `composio.tools.get(user, "SLUG")` and
`{ tools: ["SLUG", ...] }` (legacy `{ actions: [...] }`) name them; a whole toolkit, a search, tags or a
tool-router session are chosen by the service at run time: a site naming what was asked for. A slug this
file defines with `createCustomTool({ slug, inputParameters, execute })` is read from that definition.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks import imported
from parr.scan.typescript.frameworks.spec import FrameworkSpec
from parr.scan.typescript.nodes import args_of, captures, member_chain, one_line, text, unwrap

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector

FRAMEWORK = "composio"
# Clients whose instances fetch tools: the current SDK's Composio, the legacy SDK's toolsets.
CLIENTS = frozenset({"Composio", "OpenAIToolSet", "VercelAIToolSet", "LangchainToolSet", "CloudflareToolSet",
                     "LangGraphToolSet", "ComposioToolSet"})
# Words after the toolkit in a slug that change state which parr's name rules do not read as verbs.
_WRITE_VERBS = frozenset({"STAR", "UNSTAR", "FOLLOW", "UNFOLLOW", "FORK", "PIN", "UNPIN", "ARCHIVE", "UNARCHIVE",
                          "MERGE", "LOCK", "UNLOCK", "INVITE", "REACT", "MARK", "BLOCK", "UNBLOCK", "MUTE",
                          "UNMUTE", "TRANSFER", "CHARGE", "REFUND", "PUBLISH", "SCHEDULE", "CANCEL", "ASSIGN"})
# Slugs whose input is run: a command, code or a query written by the model.
_EXECUTOR = re.compile(r"(?:^|_)(?:BASH|SHELL|EXEC(?:UTE)?_(?:CODE|COMMAND|SQL|QUERY|SCRIPT)|RUN_(?:CODE|COMMAND|"
                       r"SQL|QUERY|SCRIPT)|SQL)(?:_|$)")
# Filters that leave the choice of tools to the service.
_RUNTIME_FILTERS = ("toolkits", "search", "tags", "apps", "scopes", "authConfigIds", "useCase", "use_case")


def _clients(det: Detector) -> set[str]:
    """Local names holding a Composio client: `const composio = new Composio(...)` (and the legacy toolsets)."""
    return imported.instances(det, SPEC, CLIENTS)


def _slug_list(det: Detector, node: Node | None) -> list[str] | None:
    """The literal slugs of an array (or a constant bound to one); None when any is not a literal."""
    value = det.ctx.value_node(node) if node is not None else None
    if value is None or value.type != "array":
        return None
    slugs: list[str] = []
    for el in value.named_children:
        s = det.ctx.string_value(el)
        if not isinstance(s, str):
            return None
        slugs.append(s.upper())
    return slugs


def _custom_tools(det: Detector) -> dict[str, dict[str, Node]]:
    """This file's `composio.tools.createCustomTool({ slug, inputParameters, execute })`, by upper-case slug:
    a slug fetched here is read from its own definition (its schema and what its body does)."""
    cached = getattr(det, "_composio_custom", None)
    if cached is not None:
        return cached
    found: dict[str, dict[str, Node]] = {}
    det._composio_custom = found  # type: ignore[attr-defined]
    if b"createCustomTool" not in det.ctx.source:
        return found
    q = ('(call_expression function: (member_expression property: (property_identifier) @m '
         '(#eq? @m "createCustomTool"))) @c')
    for call in captures(det.ctx.grammar, det.ctx.root, q, "c", 1 << 12):
        args = args_of(call)
        cfg, entries = det._config(args[0]) if args else (None, {})
        slug = det.ctx.string_value(det._entry(entries, "slug")) if cfg is not None else None
        if isinstance(slug, str):
            det.ctx.claim(cfg)
            found[slug.upper()] = entries
    return found


def _emit(det: Detector, call: Node, slugs: list[str]) -> None:
    custom = _custom_tools(det)
    for slug in slugs:
        entries = custom.get(slug)
        if entries is not None:
            schema = det._entry(entries, "inputParameters", "inputParams")
            handler = det._handler(det._entry(entries, "execute"))
            info, eff, typed, evidence, desc, dref = det._read_definition(
                unwrap(schema) or call, schema, handler, det._entry(entries, "description"))
            det._emit(node=call, name=slug, framework=FRAMEWORK, style="composio.custom_tool",
                      schema=info.kind if info.declared else "none", typed=typed, typed_evidence=evidence,
                      description=desc, description_ref=dref, handler=handler, eff=eff)
            continue
        eff = fx.Effects()
        words = slug.split("_")
        if len(words) > 1 and words[1] in _WRITE_VERBS:
            eff.add_strong(f"Composio action '{words[1].lower()}' changes state")
        executor = _EXECUTOR.search(slug) is not None
        det._emit(node=call, name=slug, framework=FRAMEWORK, style="composio.tool", schema="framework_defined",
                  typed=not executor,
                  typed_evidence=["model-written command, code or query"] if executor
                  else ["input schema defined by Composio for this action"], eff=eff,
                  caps=("code_execution",) if executor else ())


def _get(det: Detector, call: Node, legacy: bool) -> None:
    """`client.tools.get(user, "SLUG" | { tools: [...] })` or legacy `toolset.getTools({ actions: [...] })`."""
    args = args_of(call)
    arg = args[0] if legacy else args[1] if len(args) > 1 else None
    det.ctx.claim(call)
    single = det.ctx.string_value(arg) if arg is not None else None
    if isinstance(single, str):
        _emit(det, call, [single.upper()])
        return
    cfg, entries = det._config(arg) if arg is not None else (None, {})
    listed = "actions" if legacy else "tools"
    if cfg is not None and listed in entries:
        slugs = _slug_list(det, det._entry(entries, listed))
        if slugs is not None:
            _emit(det, call, slugs)
            return
    asked = [f"{k}: {one_line(det._entry(entries, k), 50)}" for k in _RUNTIME_FILTERS if k in entries]
    reason = f"Composio tools chosen by the service at run time ({'; '.join(asked)})" if asked else \
        "Composio tools named by code parr cannot read"
    det._unread(call, reason, one_line(call, 100))


def _sessions(det: Detector, clients: set[str]) -> set[str]:
    """Local names holding a tool-router session: `const session = await composio.create(userId, {...})`."""
    names: set[str] = set()
    q = "(variable_declarator name: (identifier) @n value: (_) @v)"
    for ident in captures(det.ctx.grammar, det.ctx.root, q, "n", 1 << 14):
        value = unwrap(ident.parent.child_by_field_name("value"))
        while value is not None and value.type == "await_expression" and value.named_children:
            value = unwrap(value.named_children[0])
        chain = member_chain(unwrap(value.child_by_field_name("function"))) if value is not None and \
            value.type == "call_expression" else []
        if len(chain) >= 2 and chain[-1] == "create" and (chain[0] in clients or chain[-2] == "toolRouter"):
            names.add(text(ident))
    return names


def read_file(det: Detector) -> None:
    """Every tool fetch of a Composio client made in this file (or a `composio` / `toolset` of a parameter)."""
    clients = _clients(det)
    sessions = _sessions(det, clients) if b".create(" in det.ctx.source else set()
    q = ("(call_expression function: (member_expression property: (property_identifier) @m "
         '(#any-of? @m "get" "getTools" "tools"))) @c')
    for call in captures(det.ctx.grammar, det.ctx.root, q, "c", 1 << 14):
        chain = [c for c in member_chain(unwrap(call.child_by_field_name("function"))) if c != "?"]
        if len(chain) < 2:
            continue
        owner = chain[-3] if chain[-1] == "get" and len(chain) >= 3 else chain[-2]
        known = owner in clients or re.fullmatch(r"(?i)composio\w*|\w*toolset", owner) is not None
        if chain[-1] == "get" and chain[-2] == "tools" and len(chain) >= 3 and known:
            _get(det, call, legacy=False)
        elif chain[-1] == "getTools" and known:
            _get(det, call, legacy=True)
        elif chain[-1] == "tools" and owner in sessions:
            # The tool router's meta-tools and what they reach are chosen by the service per session.
            det.ctx.claim(call)
            det._unread(call, "Composio tool-router session: tools chosen by the service at run time",
                        one_line(call, 100))

SPEC = FrameworkSpec(
    id=FRAMEWORK,
    packages=("composio-core",),
    prefixes=("@composio/",),
    file_reader=read_file,
)
