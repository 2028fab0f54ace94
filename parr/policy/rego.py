"""Rego through regopy: load modules with file:line errors, query the entrypoint, name the deciding rule.

Requests: the input document is `{"principal", "action", "resource", "context"}`, the same four
parts as a Cedar request, with plain strings (a bare tool name as `action`); `resource` is left out
when no test names one.

Decision: the entrypoint (`policies.entrypoint`, e.g. `data.billing.authz.allow`; `pkg/rule` and a
missing `data.` prefix are accepted) evaluates to `true` (allow), `false` or undefined (deny), or an
object for policies that report their own reason: `{"allow": bool, "rule": ...}` or
`{"decision": "allow" | "deny", "rule": ...}`, `rule` being a rule name or a list of names (`rules`
works too). Anything else is an evaluation error.

Which rule allowed it, when the decision object does not say: parr copies each definition of the
entrypoint rule into a helper rule of the same package (`__parr_body_<n>`, in a module of its own)
and evaluates the whole package once per request, which gives every rule's value and shows which
definitions fired. In a definition that fired, the rules it names that hold (are `true`) allowed
the request (`allow if refund_small` names `refund_small`); a definition that names none is
reported as the entrypoint rule at its line (`allow:18`). When a definition cannot be copied (an
`else` chain) or the copies do not compile, the rules named by any definition that hold are
reported instead. For a deny, rules the entrypoint negates (`not blocked`) or that look like
denials (`deny`, `forbid`, `block`, `reject` in the name) and hold are reported. Rules are located
at their first definition; rule heads are read at column 0 (as `opa fmt` writes them). Write each
allowing condition as a named rule to get precise findings.

Errors: rego-cpp reports parse errors as a node tree with `name|offset|length` positions, which
parr turns into file:line. It also prints them to the process's stdout/stderr; parr silences the
file descriptors while modules are added (evaluation runs in the engine process, whose stdout is not parr's).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from parr.policy.model import Evaluation, PolicyCall, PolicyProblem, RuleRef
from parr.policy.sources import PolicySource

_PACKAGE = re.compile(r"^\s*package\s+([A-Za-z_][A-Za-z0-9_.]*)", re.MULTILINE)
_RULE_HEAD = re.compile(
    r"^(default[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]*(?:\[|\(|:=|=|\{|\bif\b|\bcontains\b|$))", re.MULTILINE
)
_KEYWORDS = frozenset({"package", "import", "default", "else", "some", "every", "not", "with", "as", "if", "contains", "in"})
_IDENT = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
_NEGATED = re.compile(r"\bnot\s+([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*[.(\[])")
_DENYISH = re.compile(r"deny|forbid|block|reject", re.IGNORECASE)
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`')
MAX_REPORTED_ERRORS = 3


@contextlib.contextmanager
def quiet_native_output() -> Iterator[None]:
    """rego-cpp prints parse errors to the process's stdout/stderr; keep them off the user's terminal."""
    saved = []
    with tempfile.TemporaryFile() as sink:
        for fd in (1, 2):
            try:
                saved.append((fd, os.dup(fd)))
                os.dup2(sink.fileno(), fd)
            except OSError:
                pass
        try:
            yield
        finally:
            for fd, copy in saved:
                os.dup2(copy, fd)
                os.close(copy)


def strip_comments(text: str) -> str:
    """Rego text without `#` comments (strings kept), so searches do not match commented-out code."""
    out = []
    for line in text.splitlines():
        cut = len(line)
        in_string = False
        index = 0
        while index < len(line):
            char = line[index]
            if char == "\\" and in_string:
                index += 2
                continue
            if char == '"':
                in_string = not in_string
            elif char == "#" and not in_string:
                cut = index
                break
            index += 1
        out.append(line[:cut])
    return "\n".join(out)


def parse_error_positions(message: str) -> list[tuple[str | None, int | None, str]]:
    """(module name, byte offset, message) for each error in a rego-cpp error tree.

    The tree spells strings with a length prefix (`8:bad.rego`) and positions as `|offset|length`.
    """
    found: list[tuple[str | None, int | None, str]] = []
    for match in re.finditer(r"\(error\s+", message):
        index = match.end()
        name: str | None = None
        offset: int | None = None
        head = re.match(r"(\d+):", message[index:])
        if head:
            length = int(head.group(1))
            name_start = index + len(head.group(0))
            name = message[name_start : name_start + length]
            position = re.match(r"\|(\d+)\|(\d+)", message[name_start + length :])
            if position:
                offset = int(position.group(1))
        text_match = re.search(r"\(errormsg (\d+):", message[index:])
        text = "error"
        if text_match:
            text_start = index + text_match.end()
            text = message[text_start : text_start + int(text_match.group(1))]
        found.append((name, offset, " ".join(text.split())))
    if not found and message.strip():
        found.append((None, None, " ".join(message.split())[:200]))
    return found


def _line_of_byte(text: str, offset: int) -> int:
    return text.encode("utf-8")[:offset].count(b"\n") + 1


def rule_heads(text: str) -> dict[str, list[int]]:
    """rule name -> lines where it is defined; `default` definitions last, so [0] is a real body."""
    heads: dict[str, list[int]] = {}
    code = strip_comments(text)  # keeps every line, so offsets count lines of the original
    for match in _RULE_HEAD.finditer(code):
        name = match.group(2)
        if name in _KEYWORDS:
            continue
        heads.setdefault(name, []).append(code.count("\n", 0, match.start()) + 1)
    defaults = {code.count("\n", 0, m.start()) + 1 for m in _RULE_HEAD.finditer(code) if m.group(1)}
    return {name: sorted(lines, key=lambda n: (n in defaults, n)) for name, lines in heads.items()}


def _add_module_problems(name: str, text: str) -> list[tuple[int | None, str]]:
    """Syntax problems of one module compiled alone: (line, message)."""
    import regopy

    interpreter = regopy.Interpreter()
    try:
        with quiet_native_output():
            interpreter.add_module(name, text)
    except regopy.RegoError as exc:
        errors = parse_error_positions(str(exc))
        return [(_line_of_byte(text, off) if off is not None else None, msg) for _, off, msg in errors]
    return []


def parse_file(text: str, shown: str) -> tuple[int | None, str | None, frozenset[str]]:
    """For POL-002 and evidence_files: (error line, error message, rule names, bare and by path)."""
    problems = _add_module_problems(shown, text)
    if problems:
        line, message = problems[0]
        return line, message, frozenset()
    names = set(rule_heads(text)) - _KEYWORDS
    package = _PACKAGE.search(strip_comments(text))
    if package is not None:
        # OPA names a rule by its path too: a gate may say billing.void_unpaid_only or data.billing.void_unpaid_only.
        names |= {f"{prefix}{package.group(1)}.{name}" for name in names for prefix in ("", "data.")}
    return None, None, frozenset(names)


@dataclass(frozen=True)
class RegoModule:
    source: PolicySource
    package: str | None
    heads: dict[str, list[int]]
    code: str  # the text without comments


@dataclass(frozen=True)
class EntryBody:
    """One definition of the entrypoint rule, mirrored as a helper rule `key` so parr sees whether it fired."""

    key: str
    ref: RuleRef  # the entrypoint rule at this definition's line
    refs: frozenset[str]  # rules this body names
    negated: frozenset[str]  # rules this body names after `not`


@dataclass
class RegoPolicies:
    """Loaded Rego modules and the entrypoint that decides; built by `load_rego`."""

    interpreter: Any
    modules: list[RegoModule]
    entrypoint: str
    package: str
    path: tuple[str, ...]  # keys below the package document that lead to the decision
    rule_refs: dict[str, RuleRef] = field(default_factory=dict)
    entry_refs: frozenset[str] = frozenset()
    negated_refs: frozenset[str] = frozenset()
    bodies: tuple[EntryBody, ...] = ()
    data_texts: tuple[str, ...] = ()  # JSON data documents: a tool listed there is named too

    @property
    def rules(self) -> tuple[RuleRef, ...]:
        return tuple(self.rule_refs.values())

    def mentions(self, tool: str) -> bool:
        """True when some module or data document spells the tool's name as a string literal."""
        literal = json.dumps(tool)
        return any(literal in module.code for module in self.modules) or any(literal in t for t in self.data_texts)

    def reads(self, attribute: str) -> bool:
        pattern = re.compile(rf"\b{re.escape(attribute)}\b")
        return any(pattern.search(module.code) for module in self.modules)

    def evaluate(self, calls: Sequence[PolicyCall], *, with_schema: bool = False) -> list[Evaluation]:
        """One decision per call; `with_schema` has no meaning for Rego and is ignored."""
        return [self._evaluate(call) for call in calls]

    def _evaluate(self, call: PolicyCall) -> Evaluation:
        document: dict[str, Any] = {"principal": call.principal, "action": call.action, "context": dict(call.context)}
        if call.resource is not None:
            document["resource"] = call.resource
        try:
            self.interpreter.set_input_term(json.dumps(document))
        except Exception as exc:  # noqa: BLE001 - regopy raises its own error types for bad input
            return Evaluation(decision="error", errors=(f"the input was refused: {exc}",))
        package_doc, error = _query(self.interpreter, f"x := data.{self.package}")
        if error is None and isinstance(package_doc, dict):
            value = _dig(package_doc, self.path)
        else:
            # One broken rule elsewhere in the package fails the whole document; ask for the decision alone.
            package_doc = {}
            value, error = _query(self.interpreter, f"x := {self.entrypoint}")
            if error is not None:
                return Evaluation(decision="error", errors=(error,))
        return self._decision(value, package_doc)

    def _decision(self, value: Any, package_doc: dict[str, Any]) -> Evaluation:
        named: list[str] = []
        if value is _UNDEFINED or value is None:
            allowed = False
        elif isinstance(value, bool):
            allowed = value
        elif isinstance(value, dict) and (
            isinstance(value.get("allow"), bool) or value.get("decision") in ("allow", "deny")
        ):
            allowed = value["allow"] if isinstance(value.get("allow"), bool) else value["decision"] == "allow"
            reported = value.get("rule", value.get("rules"))
            named = [reported] if isinstance(reported, str) else [r for r in reported or [] if isinstance(r, str)]
        else:
            shown = json.dumps(value)[:80]
            return Evaluation(
                decision="error",
                errors=(
                    (
                        f"{self.entrypoint} gave {shown}; parr reads true/false, or an object with a boolean "
                        '`allow` or a `decision` of "allow"/"deny"'
                    ),
                ),
            )
        if not named:
            if allowed and self.bodies and any(b.key in package_doc for b in self.bodies):
                return Evaluation(decision="allow", rules=self._fired(package_doc))
            if allowed:
                holding = {name for name, v in package_doc.items() if v is True}
                named = sorted((holding & self.entry_refs) - self.negated_refs - {self.path[0]})
                named = named or [self.path[0]]
            else:
                # Deny rules are often sets of messages (`deny contains msg if ...`): non-empty holds.
                holding = {name for name, v in package_doc.items() if _holds(v)}
                named = sorted(
                    holding & ((self.negated_refs & self.entry_refs) | {n for n in self.entry_refs if _DENYISH.search(n)})
                )
        rules = tuple(self.rule_refs.get(name, RuleRef(id=name)) for name in named)
        return Evaluation(decision="allow" if allowed else "deny", rules=rules)

    def _fired(self, package_doc: dict[str, Any]) -> tuple[RuleRef, ...]:
        """The named rules that hold in each definition of the entrypoint that fired, else that definition."""
        found: list[RuleRef] = []
        for body in self.bodies:
            if package_doc.get(body.key) is not True:
                continue
            holding = sorted(n for n in body.refs - body.negated if package_doc.get(n) is True)
            found.extend(self.rule_refs.get(n, RuleRef(id=n)) for n in holding)
            if not holding:
                found.append(body.ref)
        return tuple(dict.fromkeys(found)) or (self.rule_refs.get(self.path[0], RuleRef(id=self.path[0])),)


class _Undefined:
    def __repr__(self) -> str:
        return "undefined"


_UNDEFINED: Any = _Undefined()


def _holds(value: Any) -> bool:
    return value is True or (isinstance(value, (list, dict)) and bool(value))


def _dig(document: Any, path: tuple[str, ...]) -> Any:
    current = document
    for key in path:
        if not isinstance(current, dict) or key not in current:
            return _UNDEFINED
        current = current[key]
    return current


def _query(interpreter: Any, query: str) -> tuple[Any, str | None]:
    """(value of x, None), (_UNDEFINED, None) or (None, error message)."""
    text, ok = _raw_query(interpreter, query)
    if not ok:
        return None, "Rego evaluation error" + (f": {_error_text(text)}" if text and text != "<error>" else "")
    if text.strip() == "undefined":
        return _UNDEFINED, None
    try:
        output = json.loads(text)
    except ValueError:
        return None, f"Rego evaluation error: {_error_text(text)}"
    first = output[0] if isinstance(output, list) and output else output
    if not isinstance(first, dict):
        return _UNDEFINED, None
    bindings = first.get("bindings") or {}
    return (bindings["x"], None) if "x" in bindings else (_UNDEFINED, None)


def _error_text(text: str) -> str:
    errors = parse_error_positions(text)
    return "; ".join(message for _, _, message in errors) or text[:200]


def _raw_query(interpreter: Any, query: str) -> tuple[str, bool]:
    """The output string and its ok flag. regopy's Output decodes error trees as JSON and raises,
    losing the message, so the C API it wraps is called directly when it is there."""
    import regopy

    try:
        from regopy import rego_shared as shared

        impl = shared.rego_query(interpreter._impl, query)
        try:
            return shared.rego_output_string(impl), bool(shared.rego_output_ok(impl))
        finally:
            shared.rego_free_output(impl)
    except (ImportError, AttributeError):
        pass
    except regopy.RegoError as exc:
        return str(exc), False
    try:
        output = interpreter.query(query)
    except regopy.RegoError as exc:
        return str(exc), False
    except ValueError:
        return "<error>", False
    return str(output), bool(output.ok())


def normalise_entrypoint(entrypoint: str) -> str:
    text = entrypoint.strip().replace("/", ".").strip(".")
    return text if text == "data" or text.startswith("data.") else f"data.{text}"


def load_rego(
    sources: Sequence[PolicySource], entrypoint: str | None
) -> tuple[RegoPolicies | None, list[PolicyProblem], list[str]]:
    """Compile every module (errors with file:line), resolve the entrypoint; also returns notes."""
    import regopy

    problems: list[PolicyProblem] = []
    notes: list[str] = []
    modules: list[RegoModule] = []
    data_files: list[PolicySource] = []
    for source in sources:
        if source.text is None:
            continue
        if source.shown.lower().endswith(".json"):
            try:
                json.loads(source.text)
            except ValueError as exc:
                problems.append(PolicyProblem(kind="syntax", file=source.shown, line=getattr(exc, "lineno", None),
                                              message=f"Rego data is not JSON: {getattr(exc, 'msg', exc)}"))
                continue
            data_files.append(source)
            continue
        errors = _add_module_problems(source.shown, source.text)
        if errors:
            line, message = errors[0]
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            problems.append(PolicyProblem(kind="syntax", file=source.shown, line=line, message=f"Rego error: {message}{more}"))
            continue
        package = _PACKAGE.search(strip_comments(source.text))
        modules.append(RegoModule(source, package.group(1) if package else None, rule_heads(source.text), strip_comments(source.text)))
    if problems:
        return None, problems, notes
    if not modules:
        return None, [PolicyProblem(kind="entrypoint", message="no Rego module (.rego) is declared under policies.files")], notes

    interpreter = regopy.Interpreter()
    try:
        with quiet_native_output():
            for source in data_files:
                interpreter.add_data_json(source.text or "{}")
            for module in modules:
                interpreter.add_module(module.source.shown, module.source.text or "")
    except regopy.RegoError as exc:
        name, offset, message = parse_error_positions(str(exc))[0]
        failing = next((m.source for m in modules if m.source.shown == name), None)
        line = _line_of_byte(failing.text or "", offset) if failing is not None and offset is not None else None
        return None, [PolicyProblem(kind="syntax", file=name, line=line, message=f"Rego error: {message}")], notes

    packages = sorted({m.package for m in modules if m.package})
    if not entrypoint:
        candidates = [p for p in packages if any("allow" in m.heads for m in modules if m.package == p)]
        if len(candidates) != 1:
            hint = f"data.{packages[0]}.allow" if packages else "data.<package>.allow"
            return None, [PolicyProblem(kind="entrypoint", message=f"policies.entrypoint is not set; name the rule that decides, e.g. {hint}")], notes
        entrypoint = f"data.{candidates[0]}.allow"
        notes.append(f"policies.entrypoint is not set; using {entrypoint}")
    query = normalise_entrypoint(entrypoint)
    owner = max((p for p in packages if query.startswith(f"data.{p}.")), key=len, default=None)
    if owner is None:
        listed = ", ".join(packages) or "none"
        return None, [PolicyProblem(kind="entrypoint", message=f"policies.entrypoint '{entrypoint}' is in no package the files declare (packages: {listed})")], notes
    path = tuple(query[len(f"data.{owner}.") :].split("."))
    in_package = [m for m in modules if m.package == owner]
    if not any(path[0] in m.heads for m in in_package):
        defined = sorted({name for m in in_package for name in m.heads})
        return None, [PolicyProblem(
            kind="entrypoint",
            file=in_package[0].source.shown,
            message=f"policies.entrypoint '{entrypoint}': package {owner} defines no rule '{path[0]}' (rules: {', '.join(defined) or 'none'})",
        )], notes

    refs: dict[str, RuleRef] = {}
    for module in in_package:
        for name, lines in module.heads.items():
            refs.setdefault(name, RuleRef(id=name, effect="rule", file=module.source.shown, line=lines[0]))
    entry_names, negated = _entry_references(in_package, path[0], set(refs))
    bodies, mirrored = _mirror_entry_bodies(in_package, owner, path[0], set(refs), modules, data_files)
    return RegoPolicies(
        interpreter=mirrored or interpreter, modules=modules, entrypoint=query, package=owner, path=path,
        rule_refs=refs, entry_refs=frozenset(entry_names), negated_refs=frozenset(negated),
        bodies=bodies if mirrored is not None else (),
        data_texts=tuple(source.text or "" for source in data_files),
    ), [], notes


def _definition(lines: list[str], number: int) -> str:
    """The text of the rule defined at line `number`: its head and every line up to the next rule."""
    body = [lines[number - 1]]
    for line in lines[number:]:
        if line and not line[0].isspace() and not line.startswith("}"):
            break
        body.append(line)
    return "\n".join(body)


def _body_of(definition: str, name: str) -> str | None:
    """The body of one definition as a braced block, or None when parr cannot mirror it (else chains)."""
    masked = _STRING.sub(lambda m: " " * len(m.group(0)), definition)
    if re.search(r"\belse\b", masked) or not masked.startswith(name):
        return None
    keyword = re.search(r"\bif\b", masked)
    if keyword is not None:
        start = keyword.end()
    elif "{" in masked:
        start = masked.index("{")  # v0 syntax: `allow { ... }`
    else:
        return None
    rest = masked[start:].lstrip()
    offset = len(masked) - len(rest)
    if not rest.startswith("{"):
        expression = definition[offset:].split("\n", 1)[0].strip()
        return "{\n" + expression + "\n}" if expression else None
    depth = 0
    for index, char in enumerate(rest):
        depth += char == "{"
        depth -= char == "}"
        if depth == 0:
            return definition[offset : offset + index + 1]
    return None


def _mirror_entry_bodies(
    in_package: list[RegoModule], package: str, entry: str, rule_names: set[str],
    modules: list[RegoModule], data_files: list[PolicySource],
) -> tuple[tuple[EntryBody, ...], Any]:
    """Copy each definition of the entrypoint into a helper rule `__parr_body_<n>` of the same package,
    so one query shows which definitions fired. Returns the bodies and an interpreter holding the
    copies, or ((), None) when a definition cannot be mirrored or the copies do not compile."""
    import regopy

    bodies: list[EntryBody] = []
    rules: list[str] = []
    imports: list[str] = []
    for module in in_package:
        lines = module.code.splitlines()
        imports += [line for line in lines if line.startswith("import ")]
        for number in module.heads.get(entry, []):
            definition = _definition(lines, number)
            if definition.startswith("default"):
                continue
            body = _body_of(definition, entry)
            if body is None:
                return (), None
            key = f"__parr_body_{len(bodies)}"
            text = _STRING.sub(" ", body)
            bodies.append(EntryBody(
                key=key,
                ref=RuleRef(id=entry, effect="rule", file=module.source.shown, line=number),
                refs=frozenset(w for w in _IDENT.findall(text) if w in rule_names and w != entry),
                negated=frozenset(w for w in _NEGATED.findall(text) if w in rule_names),
            ))
            rules.append(f"{key} if {body}")
    if not bodies:
        return (), None
    mirror = "\n".join([f"package {package}", *dict.fromkeys(imports), "", *rules, ""])
    interpreter = regopy.Interpreter()
    try:
        with quiet_native_output():
            for source in data_files:
                interpreter.add_data_json(source.text or "{}")
            for module in modules:
                interpreter.add_module(module.source.shown, module.source.text or "")
            interpreter.add_module("parr-entrypoint-mirror.rego", mirror)
    except regopy.RegoError:
        return (), None
    return tuple(bodies), interpreter


def _entry_references(modules: list[RegoModule], entry: str, rule_names: set[str]) -> tuple[set[str], set[str]]:
    """Rule names used in the bodies of the entry rule's definitions, and those used negated."""
    used: set[str] = set()
    negated: set[str] = set()
    for module in modules:
        lines = module.code.splitlines()
        for number in module.heads.get(entry, []):
            head = lines[number - 1]
            if head.startswith("default"):
                continue
            body = [head]
            for line in lines[number:]:
                if line and not line[0].isspace() and not line.startswith("}"):
                    break
                body.append(line)
            text = _STRING.sub(" ", "\n".join(body))
            used |= {word for word in _IDENT.findall(text) if word in rule_names and word != entry}
            negated |= {word for word in _NEGATED.findall(text) if word in rule_names}
    return used, negated
