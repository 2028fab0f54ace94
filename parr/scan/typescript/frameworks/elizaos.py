"""ElizaOS (`@elizaos/*`, formerly `@ai16z/*`): a plugin's `actions`, each one a tool the model picks by name.

Read from @elizaos/core 1.7.2 (dist/types/components.d.ts, dist/node/index.node.js): an `Action` is an object
`{ name, similes, description, validate, handler, examples }` a plugin lists in `actions: [...]`. The runtime
shows the model each valid action as `name: description` (formatActions) and runs the handler of the one whose
name (or a simile, as a fallback spelling of the same action) the model answers with. The handler is given the
whole conversation message, not arguments the model fills in: a tool without parameters, typed (untyped only
where the handler runs that text as a command, code or SQL). An `Evaluator` has the same shape but runs
after each reply when its `validate` says so (AgentRuntime.evaluate): no model picks it, so it is no tool; nor is
a `Provider`. An action is known by its shape in a file that imports the family (`name`, `validate` and
`handler`), wherever it is declared: typed `: Action`, inline in `actions: [...]`, or made by a function; one
typed as another kind, listed in this file's `evaluators`/`providers`, or with an evaluator's `alwaysRun` is not.
A character whose `plugins` names @elizaos/plugin-bootstrap (1.x; the CLI's default character lists it), or a 0.x
runtime given the imported `bootstrapPlugin`, gets that plugin's actions (REPLY, SEND_MESSAGE, UPDATE_ROLE, ...): data generated from the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks import elizaos_builtins
from parr.scan.typescript.frameworks.spec import FrameworkSpec
from parr.scan.typescript.nodes import captures, iter_descendants, one_line, property_key, string_literal, text

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

FRAMEWORK = "elizaos"
STYLE = "elizaos.action"
BUILTIN_STYLE = "elizaos.bootstrap_action"
_BOOTSTRAP = "@elizaos/plugin-bootstrap"
_BOOTSTRAP_0X = frozenset({_BOOTSTRAP, "@ai16z/plugin-bootstrap"})
# Keys every Action has (components.d.ts: name, validate and handler are required).
_SHAPE = ("name", "validate", "handler")
# Types of the same shape that no model picks: evaluators run after a reply, providers add context.
_NOT_ACTIONS = frozenset({"Evaluator", "Provider"})
# Lists of a plugin that hold such objects.
_NOT_ACTION_LISTS = frozenset({"evaluators", "providers"})
# The Action API (components.d.ts: name, similes, description, examples, validate, handler) declares no parameters:
# the model only picks the action by name, and the handler reads the conversation message. Nothing the model writes
# reaches the handler as input, so the action is typed: a tool without parameters. Only a handler that runs the
# conversation's text as a command, code or SQL takes a raw string to execute, and that is untyped.
NO_PARAMETERS = "no parameters: the model picks the action by name and the handler reads the conversation message"
UNTYPED = "the handler runs the conversation message's text as a command, code or SQL"
_RAW_CAPS = frozenset({"shell", "code_execution", "sql"})
_VALIDATE_Q = ('(object [(pair key: (property_identifier) @k) (method_definition name: (property_identifier) @k) '
               '(shorthand_property_identifier) @k] (#eq? @k "validate")) @o')


def _declared_type(obj: Node) -> str | None:
    """The type an object literal is declared or asserted as: `const a: Action = {...}`, `{...} satisfies Action`,
    `{...} as Evaluator`, a function's return type (`function make(): Action { return {...} }`)."""
    node = obj
    while node.parent is not None and node.parent.type in ("parenthesized_expression", "as_expression",
                                                          "satisfies_expression"):
        node = node.parent
        if node.type in ("as_expression", "satisfies_expression"):
            t = node.named_children[-1] if node.named_children else None
            if t is not None and t is not obj:
                return text(t).rsplit(".", 1)[-1]
    parent = node.parent
    if parent is not None and parent.type == "variable_declarator":
        ann = parent.child_by_field_name("type")
        if ann is not None and ann.named_children:
            return text(ann.named_children[0]).rsplit(".", 1)[-1]
    return None


def _list_key(obj: Node) -> str | None:
    """The key of the object's array when it sits in one: `evaluators: [{...}]` -> evaluators."""
    node = obj.parent
    while node is not None and node.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        node = node.parent
    if node is None or node.type != "array" or node.parent is None or node.parent.type != "pair":
        return None
    return property_key(node.parent)


def _listed_as_other(det: Detector) -> set[str]:
    """Names this file lists in a plugin's `evaluators: [...]` or `providers: [...]` (`evaluators: [reflection]`)."""
    out: set[str] = set()
    q = '(pair key: (property_identifier) @k value: (array) @a (#any-of? @k "evaluators" "providers"))'
    for arr in captures(det.ctx.grammar, det.ctx.root, q, "a", 1 << 10):
        out.update(text(el) for el in arr.named_children if el.type == "identifier")
    return out


def _declared_name(obj: Node) -> str | None:
    """`reflection` of `const reflection = {...}` (through parentheses and assertions)."""
    node = obj.parent
    while node is not None and node.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        node = node.parent
    if node is not None and node.type == "variable_declarator":
        name = node.child_by_field_name("name")
        return text(name) if name is not None and name.type == "identifier" else None
    return None


def read_action(det: Detector, obj: Node) -> None:
    """One action object: named by `name`, described by `description`, its effects the handler's."""
    entries = det._entries(obj)
    names = det._names(det._entry(entries, "name"))
    det.ctx.claim(obj)
    if not names:
        det._unread(obj, "ElizaOS action named at run time", one_line(obj, 80))
        return
    handler = det._handler(det._entry(entries, "handler"))
    eff = det._effects_of(handler)
    desc, dref = det._description(det._entry(entries, "description"))
    raw = bool(eff.caps & _RAW_CAPS)
    det._emit(node=obj, name=names if len(names) > 1 else names[0], framework=FRAMEWORK, style=STYLE,
              schema="none", typed=not raw, typed_evidence=[UNTYPED if raw else NO_PARAMETERS], description=desc,
              description_ref=dref, handler=handler, eff=eff)


def _bootstrap(det: Detector) -> None:
    """An agent's `plugins: [...]` with the bootstrap plugin: the plugin's actions, data generated from its packages
    (elizaos_builtins). 1.x loads plugins by package name (a character's "@elizaos/plugin-bootstrap"); 0.x imported
    the plugin object and handed it to the runtime in code (`plugins: [bootstrapPlugin]`), with other actions."""
    ctx = det.ctx
    local = {n for n, (module, _) in ctx.imports.items() if module in _BOOTSTRAP_0X}
    q = '(pair key: (property_identifier) @k value: (_) @v (#eq? @k "plugins"))'
    for value in captures(ctx.grammar, ctx.root, q, "v", 1 << 10):
        for node in iter_descendants(value, 2_000):
            if node.type == "string" and string_literal(node) == _BOOTSTRAP:
                major = "1"
            elif node.type == "identifier" and text(node) in local:
                major = "0"
            else:
                continue
            for name, mutating in elizaos_builtins.BOOTSTRAP_ACTIONS[major].items():
                det._emit(node=node, name=name, framework=FRAMEWORK, style=BUILTIN_STYLE, schema="framework_defined",
                          typed=True, typed_evidence=[NO_PARAMETERS], kind_mutating=mutating)
            return  # one agent's list is where the file hands them over


def read_file(det: Detector) -> None:
    """Every object of an Action's shape in a file that imports ElizaOS, unless typed or listed as another kind; the
    bootstrap plugin's actions where a `plugins` list names it."""
    ctx = det.ctx
    if b"plugin-bootstrap" in ctx.source:
        _bootstrap(det)
    if b"validate" not in ctx.source or b"handler" not in ctx.source:
        return
    seen: set[int] = set()
    others = _listed_as_other(det) if b"evaluators" in ctx.source or b"providers" in ctx.source else set()
    for obj in captures(ctx.grammar, ctx.root, _VALIDATE_Q, "o", 1 << 12):
        if obj.id in seen:
            continue
        seen.add(obj.id)
        keys = {property_key(c) for c in obj.named_children}
        if not all(k in keys for k in _SHAPE) or "alwaysRun" in keys:
            continue  # not an action's shape; `alwaysRun` only an evaluator has
        declared = _declared_type(obj)
        if declared in _NOT_ACTIONS or _list_key(obj) in _NOT_ACTION_LISTS or _declared_name(obj) in others:
            det.ctx.claim(obj)
            continue
        if declared is not None and declared != "Action":
            continue  # a type of the project's own: not read as ElizaOS's
        read_action(det, obj)


SPEC = FrameworkSpec(
    id=FRAMEWORK,
    prefixes=("@elizaos/", "@ai16z/"),
    file_reader=read_file,
)
