"""A tool body that only keeps the agent framework's own in-process state (AgentKit's `network.state`).

That state is what routers and other agents of the run read; writing it changes nothing outside the run,
so such a tool is not mutating whatever its name says (as Python's "framework state" rule). Only a body
that makes no call but ones on that state, the framework's step object, pure built-ins and data methods
counts: any other call may have an effect parr does not know, and then the usual evidence decides.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from parr.scan.typescript.frameworks.agent_kit import STATE_PATHS, STEP_KEYS, STEP_METHODS
from parr.scan.typescript.nodes import (
    exported_functions,
    iter_descendants,
    member_chain,
    member_root,
    text,
    unwrap,
)
from parr.scan.typescript.values import FileCtx

_PURE_ROOTS = frozenset({"console", "JSON", "Math", "Object", "Array", "String", "Number", "Boolean", "Date",
                         "Promise", "Symbol", "Reflect"})
_PURE_FUNCS = frozenset({"String", "Number", "Boolean", "parseInt", "parseFloat", "isNaN", "structuredClone",
                         "encodeURIComponent", "decodeURIComponent"})
_PURE_CLASSES = frozenset({"Date", "Map", "Set", "Array", "Error", "TypeError", "RegExp", "URL", "URLSearchParams"})
# Methods on values (arrays, strings, maps of the body's own data): computing, not acting.
_DATA_METHODS = frozenset("""
    map filter join concat slice includes find findIndex forEach reduce some every keys values entries toString
    trim split replace replaceAll toLowerCase toUpperCase sort flat flatMap at indexOf startsWith endsWith padStart
    padEnd toFixed push pop shift unshift splice reverse get has add set delete describe parse safeParse stringify from then
    trimStart trimEnd substring charAt charCodeAt lastIndexOf localeCompare repeat normalize match matchAll test
    getTime getFullYear getMonth getDate getDay getHours getMinutes getSeconds toISOString toDateString
    getUTCFullYear getUTCMonth getUTCDate getUTCDay getUTCHours getUTCMinutes getUTCSeconds getTimezoneOffset
    toLocaleDateString toLocaleTimeString toLocaleString toPrecision
    """.split())
_READ_METHODS = frozenset({"get", "has", "keys", "values", "entries", "toJSON"})


def _through(ctx: FileCtx, node: Node, chain: list[str], path: tuple[str, ...]) -> bool:
    """The member chain leads through `path`, from a parameter of an enclosing function (or a key of one)."""
    n = len(path)
    for start in (0, 1):
        if tuple(chain[start:start + n]) == path and len(chain) > start + n:
            root = member_root(node)
            if root is None:
                return False
            b = ctx.lookup(root, text(root))
            return b is not None and b.kind in ("param", "pattern")
    return False


def in_state(ctx: FileCtx, node: Node, chain: list[str]) -> bool:
    """A member expression inside the framework's own state object."""
    return any(_through(ctx, node, chain, p) for p in STATE_PATHS)


def only_framework_state(ctx: FileCtx, fn: Node) -> bool:
    """The body writes the framework's state and does nothing else parr could not vouch for."""
    wrote = False
    start, end = fn.start_byte, fn.end_byte
    for node in iter_descendants(fn, 20_000):
        t = node.type
        if t == "call_expression":
            callee = unwrap(node.child_by_field_name("function"))
            chain = member_chain(callee)
            if not chain or "()" in chain or "[]" in chain or "?" in chain:
                return False
            if callee is not None and in_state(ctx, callee, chain):
                wrote = wrote or chain[-1] not in _READ_METHODS
                continue
            if callee is not None and chain[-1] in STEP_METHODS and any(_through(ctx, callee, chain, (k,))
                                                                         for k in STEP_KEYS):
                continue  # step.run("name", fn): fn's body is read here too (step.sendEvent is not in the list)
            if chain[0] in _PURE_ROOTS or (len(chain) == 1 and chain[0] in _PURE_FUNCS):
                continue
            if len(chain) >= 2 and chain[-1] in _DATA_METHODS and _own_value(ctx, callee, start, end):
                continue  # a value of the body's own (`suggestions.join(...)`)
            return False
        if t == "new_expression":
            ctor = member_chain(unwrap(node.child_by_field_name("constructor")))
            if ctor[-1:] and ctor[-1] in _PURE_CLASSES and len(ctor) == 1:
                continue
            return False
        if t in ("assignment_expression", "augmented_assignment_expression"):
            left = unwrap(node.child_by_field_name("left"))
            if left is None or left.type == "identifier":
                continue  # a local variable
            chain = member_chain(left) if left.type == "member_expression" else []
            if chain and in_state(ctx, left, chain):
                wrote = True
                continue
            if _body_local(_target_root_binding(ctx, left), start, end):
                continue  # `files[name] = content` on the body's own object
            return False
    return wrote


# Calls that only change what the page shows (a frontend action's body, see frameworks/copilotkit.py).
_UI_CALLS = frozenset({"alert", "toast", "setTimeout", "clearTimeout", "requestAnimationFrame", "respond"})
_UI_ROOTS = frozenset({"document", "toast"})
_UI_METHODS = frozenset({"scrollIntoView", "scrollTo", "scrollBy", "focus", "blur", "click", "toggle", "remove", "add",
                         "getElementById", "querySelector", "querySelectorAll", "setProperty"})


class _NoBinding:
    kind = None


_NONE = _NoBinding()


def _local_function(ctx: FileCtx, callee: Node) -> Node | None:
    """The function a local name calls: `function update()`, `const update = (...) => ...`, or one wrapped in
    React's `useCallback(fn, deps)`."""
    from parr.scan.typescript.nodes import is_function

    b = ctx.lookup(callee, text(callee))
    if b is None or b.node is None:
        return None
    if b.kind == "function":
        return b.node
    value = unwrap(b.node) if b.kind == "var" else None
    if value is not None and value.type == "call_expression" and text(value.child_by_field_name("function")) in (
            "useCallback", "React.useCallback"):
        args = value.child_by_field_name("arguments")
        value = unwrap(args.named_children[0]) if args is not None and args.named_children else None
    return value if value is not None and is_function(value) else None


def only_ui_state(ctx: FileCtx, fn: Node, setters: frozenset[str], imported: list | None = None) -> bool:
    """A frontend action's body sets the component's React state (`setTodos([...todos, text])`), the DOM or the
    page's route (`router.push(...)`) and makes no other call parr could not vouch for: it changes what the page
    shows, nothing in the world. A local helper it calls (`updateItem(id, patch)`, a pure `toBool(v)`) is read
    the same way; a function of another file of the project it calls goes into `imported` ({module, name}) for
    the project phase to vouch for (`computing_exports`), or, without that list, leaves the body unvouched."""
    return _ui_scan(ctx, fn, setters, 0, imported) is True


def computing_exports(ctx: FileCtx, limit: int = 200) -> list[str]:
    """Functions this file exports that only compute a value from their arguments (no call, write or new
    parr cannot vouch for): a page's action calling one changes nothing by it."""
    out: list[str] = []
    for name, fn in exported_functions(ctx.root):
        if len(out) >= limit:
            return out
        if _ui_scan(ctx, fn, frozenset(), 1, None) is False:
            out.append(name)
    return out


# Hooks whose value moves the page to another route (Next.js, React Router, Expo Router): navigation, not a write.
_ROUTER_HOOKS = frozenset({"useRouter", "useNavigate", "useNavigation"})
_ROUTER_METHODS = frozenset({"push", "replace", "back", "forward", "refresh", "prefetch", "navigate", "goBack"})


def _navigation(ctx: FileCtx, callee: Node, chain: list[str]) -> bool:
    """`router.push(...)` with `const router = useRouter()`, or `navigate(...)` with `const navigate = useNavigate()`."""
    if len(chain) == 2 and chain[1] in _ROUTER_METHODS or len(chain) == 1:
        root = member_root(callee) if len(chain) == 2 else callee
        b = ctx.lookup(root, text(root)) if root is not None else None
        value = unwrap(b.node) if b is not None and b.kind == "var" and b.node is not None else None
        if value is not None and value.type == "call_expression":
            fn = member_chain(unwrap(value.child_by_field_name("function")))
            return bool(fn) and fn[-1] in _ROUTER_HOOKS
    return False


def _project_import(ctx: FileCtx, callee: Node) -> dict | None:
    """{module, name} of a function imported from another file of this project (`@/lib/canvas/updates`)."""
    b = ctx.lookup(callee, text(callee))
    if b is None or b.kind != "import" or not b.module or b.imported in (None, "*", "default"):
        return None
    return {"module": b.module, "name": b.imported} if b.module.startswith((".", "@/", "~/")) else None


def _ui_scan(ctx: FileCtx, fn: Node, setters: frozenset[str], depth: int, imported: list | None = None) -> bool | None:
    """None: something parr cannot vouch for; else whether the body (or a helper) changed what the page shows."""
    wrote = False
    start, end = fn.start_byte, fn.end_byte
    for node in iter_descendants(fn, 20_000):
        t = node.type
        if t == "call_expression":
            callee = unwrap(node.child_by_field_name("function"))
            if callee is not None and callee.type == "member_expression" and text(
                    callee.child_by_field_name("property")) in _DATA_METHODS and (unwrap(callee.child_by_field_name(
                    "object")) or callee).type in ("array", "object", "binary_expression", "ternary_expression",
                                                   "template_string", "string", "regex"):
                continue  # `(prev?.items ?? []).map(...)`: computing over a value the body made
            chain = member_chain(callee)
            if chain and "()" in chain and "[]" not in chain and _own_value_chain(ctx, callee, chain, start, end):
                continue  # `v.trim().toLowerCase()`: each call computes over a value the body holds
            if not chain or "()" in chain or "[]" in chain:
                return None
            chain = [c for c in chain if c != "?"]
            if not chain:
                return None  # a callee parr cannot name (`(0, fn)(...)`): nothing it can vouch for
            if len(chain) == 1 and chain[0] in setters:
                wrote = True
                continue
            if depth and callee is not None and callee.type == "identifier" and (
                    ctx.lookup(callee, text(callee)) or _NONE).kind == "param":
                continue  # a helper calls the function its caller passed: read in the caller's body
            if callee is not None and _navigation(ctx, callee, chain):
                wrote = True  # the page moves to another route
                continue
            helper = _local_function(ctx, callee) if callee is not None and callee.type == "identifier" \
                and depth < 3 else None
            if helper is None and imported is not None and callee is not None and callee.type == "identifier":
                ref = _project_import(ctx, callee)
                if ref is not None:
                    if ref not in imported:
                        imported.append(ref)  # vouched for (or not) by the project phase
                    continue
            if helper is not None and not (helper.start_byte <= fn.start_byte and fn.end_byte <= helper.end_byte):
                done = _ui_scan(ctx, helper, setters, depth + 1, imported)
                if done is None:
                    return None
                wrote = wrote or done
                continue
            if len(chain) >= 3 and chain[1] == "current" and _ui_handle_ref(ctx.lookup(callee, chain[0])):
                wrote = True  # mapRef.current?.fitTo(...): a DOM element or a component's imperative handle
                continue
            if chain[0] in _PURE_ROOTS or (len(chain) == 1 and chain[0] in _PURE_FUNCS | _UI_CALLS):
                continue
            if chain[0] in _UI_ROOTS or (len(chain) >= 2 and chain[-1] in _UI_METHODS):
                wrote = wrote or chain[0] == "document"
                continue
            if len(chain) >= 2 and chain[-1] in _DATA_METHODS and _own_value(ctx, callee, start, end):
                continue  # a value of the body's own (`todos.filter(...)`)
            return None
        if t == "new_expression":
            ctor = member_chain(unwrap(node.child_by_field_name("constructor")))
            if len(ctor) == 1 and ctor[0] in _PURE_CLASSES:
                continue
            return None
        if t in ("assignment_expression", "augmented_assignment_expression"):
            left = unwrap(node.child_by_field_name("left"))
            if left is None or left.type == "identifier":
                continue
            chain = member_chain(left) if left.type == "member_expression" else []
            if chain[:1] == ["document"] or "style" in chain[:-1]:
                wrote = True  # document.title = ..., el.style.background = ...
                continue
            b = _target_root_binding(ctx, left)
            if _body_local(b, start, end):
                continue
            if _is_ref(b) and _through_current(left):
                continue  # `seenRef.current[k] = id`: the component's own React ref, which nothing outside sees
            return None
    return wrote


def _body_local(b, start: int, end: int) -> bool:
    """A binding the body itself declares (between `start` and `end`): a value nothing outside sees."""
    return b is not None and b.kind == "var" and b.node is not None and start <= b.node.start_byte < end


def _own_value(ctx: FileCtx, callee: Node, start: int, end: int) -> bool:
    """The receiver chain of `callee` starts at a parameter, a destructured name or a local of the body."""
    root = member_root(callee)
    b = ctx.lookup(root, text(root)) if root is not None else None
    return b is not None and (b.kind in ("param", "pattern") or _body_local(b, start, end) or _react_value(b))


def _target_root_binding(ctx: FileCtx, left: Node):
    """The binding of the identifier an assignment target (`a.b[c].d = ...`) starts from, if any."""
    root = left
    while root is not None and root.type in ("member_expression", "subscript_expression"):
        root = unwrap(root.child_by_field_name("object"))
    return ctx.lookup(root, text(root)) if root is not None and root.type == "identifier" else None


def _made_by(b, hook: str) -> bool:
    """A binding whose value is a call of React's hook `hook` (imported or as `React.hook`)."""
    if b is None or b.kind != "var" or b.node is None:
        return False
    value = unwrap(b.node)
    return value is not None and value.type == "call_expression" and text(
        value.child_by_field_name("function")) in (hook, "React." + hook)


def _is_ref(b) -> bool:
    """A binding made by React's `useRef(...)` (a component's mutable box, kept across renders)."""
    return _made_by(b, "useRef")


def react_ref_write(b, left: Node) -> bool:
    """`ref.current = x` on a binding of React's useRef (effects.py leaves it out of a body's writes)."""
    return _is_ref(b) and _through_current(left)


# The type a ref holds, when it is a page element or a component's imperative handle
# (`useRef<HTMLDivElement>(null)`, `useRef<MapHandle | null>(null)`): what its methods change is on the page.
_UI_REF_TYPE = re.compile(r"<\s*(?:\w+\.)?\w*(?:Element|Handle)\b")


def _ui_handle_ref(b) -> bool:
    if not _is_ref(b):
        return False
    fn = unwrap(b.node)
    targs = fn.child_by_field_name("type_arguments") if fn is not None else None
    return targs is not None and _UI_REF_TYPE.match(text(targs)) is not None


def _react_value(b) -> bool:
    """A value a component computes for its render (`const visible = useMemo(...)`): data of the page."""
    return _made_by(b, "useMemo")


def _through_current(left: Node) -> bool:
    """`ref.current = x`, `ref.current[k] = x`: the target's first step from its root is `.current`."""
    node, below = left, None
    while node is not None and node.type in ("member_expression", "subscript_expression"):
        below, node = node, unwrap(node.child_by_field_name("object"))
    return below is not None and below.type == "member_expression" and text(
        below.child_by_field_name("property")) == "current"


def _own_value_chain(ctx: FileCtx, callee: Node, chain: list[str], start: int, end: int) -> bool:
    """Every call of the chain is a data method (see _DATA_METHODS) and its root a parameter or a local of the
    body (start..end): computing over the body's own values, never reaching anything outside."""
    names = [c for c in chain[1:] if c not in ("()", "?")]
    if not names or not all(c in _DATA_METHODS for c in names):
        return False
    root = unwrap(callee)
    while root is not None and root.type in ("member_expression", "call_expression"):
        root = unwrap(root.child_by_field_name("object" if root.type == "member_expression" else "function"))
    if chain[0] in _PURE_FUNCS and chain[1:2] == ["()"] and root is not None and ctx.lookup(root, chain[0]) is None:
        return True  # `String(n).padStart(4, "0")`
    b = ctx.lookup(root, text(root)) if root is not None and root.type == "identifier" else None
    return b is not None and (b.kind in ("param", "pattern") or _body_local(b, start, end) or _react_value(b))
