"""Cedar through cedarpy: parse with file:line, validate against a schema, authorize requests.

Requests (see parr.policy.requests for how each part is chosen): principal, action and resource
are Cedar entity ids. A bare name gets a default type: principal `Agent::"<name>"`, action
`Action::"<name>"` (or the namespaced action type the policies use, e.g. `Billing::Action`),
resource `Tool::"<name>"`. The context is passed as a record as built, and no entities are loaded:
parr checks the policy's own logic, not an entity store.

Which policy decided: cedarpy names policies `policy0`, `policy1`, ... by position in the policy
set, and its diagnostics list the determining ones. parr concatenates the declared files in order,
splits each file into statements (strings and `//` comments respected) to learn every policy's
line, and maps `policyN` back to its `@id("...")` annotation and `file:line`.

Syntax errors: cedarpy's messages carry no position ("unexpected token `}`"). parr parses each
statement alone to find the failing one, then parses growing prefixes of it, line by line: the
first line whose prefix fails with the same message is the error's line (a statement that is
merely unfinished fails with "unexpected end of input", reported at its last line). Schema errors
are located the same way over the schema file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from parr.policy.model import Evaluation, PolicyCall, PolicyProblem, RuleRef
from parr.policy.sources import PolicySource, line_of_offset

END_OF_INPUT = "unexpected end of input"
# Prefix parsing costs one parse per line; past this a statement is reported at its first line.
MAX_LOCATE_LINES = 400
MAX_SCHEMA_LOCATE_LINES = 3000
DEFAULT_PRINCIPAL_TYPE = "Agent"
DEFAULT_ACTION_TYPE = "Action"
DEFAULT_RESOURCE_TYPE = "Tool"
PROBE_RESOURCE_ID = "parr-probe"

_UID = re.compile(r'^\s*((?:[A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*)::"((?:[^"\\]|\\.)*)"\s*$')
_POLICY_REF = re.compile(r"policy `(policy\d+)`")
_SCHEMA_ACTION = re.compile(
    r'action\s+"((?:[^"\\]|\\.)*)"\s+appliesTo\s*\{[^}]*?resource:\s*\[([^\]]*)\]', re.DOTALL
)


@dataclass(frozen=True)
class Statement:
    """One `;`-terminated statement of a Cedar file, by character offsets and lines."""

    start: int
    end: int
    start_line: int
    end_line: int
    complete: bool = True


def split_statements(text: str) -> list[Statement]:
    """Every statement of a policy or schema file; string literals and `//` comments are skipped over."""
    spans: list[tuple[int, int, bool]] = []
    index, length, start = 0, len(text), None
    while index < length:
        char = text[index]
        if char == "/" and text.startswith("//", index):
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
            continue
        if char.isspace():
            index += 1
            continue
        if start is None:
            start = index
        if char == '"':
            index += 1
            while index < length and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            index += 1
            continue
        if char == ";":
            spans.append((start, index + 1, True))
            start = None
        index += 1
    if start is not None:
        spans.append((start, length, False))
    return [
        Statement(s, e, line_of_offset(text, s), line_of_offset(text, _last_content(text, s, e)), complete)
        for s, e, complete in spans
    ]


def _last_content(text: str, start: int, end: int) -> int:
    """Offset of the last character of a span that is not trailing whitespace."""
    stop = end - 1
    while stop > start and text[stop].isspace():
        stop -= 1
    return stop


def _message(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _line_end(text: str, line_start: int) -> int:
    newline = text.find("\n", line_start)
    return len(text) if newline < 0 else newline + 1


def _first_failing_line(
    text: str, start: int, end: int, first_line: int, message: str, parse: Callable[[str], object], cap: int
) -> int | None:
    """The first line whose prefix (from `start`) fails to parse with exactly `message`."""
    cursor, line = start, first_line
    for _ in range(cap):
        if cursor >= end:
            return None
        cursor = min(_line_end(text, cursor), end)
        try:
            parse(text[start:cursor])
        except ValueError as exc:
            if _message(exc) == message:
                return line
        line += 1
    return None


def locate_policy_error(text: str) -> tuple[int | None, str] | None:
    """None when the policy text parses; else (line or None, message) of its first syntax error."""
    import cedarpy

    try:
        cedarpy.policies_to_json_str(text)
        return None
    except ValueError as exc:
        whole = _message(exc)
    for statement in split_statements(text):
        chunk = text[statement.start : statement.end]
        try:
            cedarpy.policies_to_json_str(chunk)
            continue
        except ValueError as exc:
            message = _message(exc)
        if message == END_OF_INPUT:
            return statement.end_line, message
        line = _first_failing_line(
            text, statement.start, statement.end, statement.start_line, message,
            cedarpy.policies_to_json_str, MAX_LOCATE_LINES,
        )
        return line or statement.start_line, message
    return None, whole


def _parse_schema(text: str, json_format: bool) -> Any:
    import cedarpy

    return cedarpy.Schema.from_json_str(text) if json_format else cedarpy.Schema.from_str(text)


def locate_schema_error(text: str, json_format: bool) -> tuple[int | None, str] | None:
    """None when the schema parses; else (line or None, message)."""
    try:
        _parse_schema(text, json_format)
        return None
    except ValueError as exc:
        message = _message(exc)
    if json_format:
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            return exc.lineno, f"not JSON: {exc.msg}"
        return None, message
    if END_OF_INPUT in message:
        return line_of_offset(text, _last_content(text, 0, len(text))), message
    line = _first_failing_line(
        text, 0, len(text), 1, message, lambda prefix: _parse_schema(prefix, False), MAX_SCHEMA_LOCATE_LINES
    )
    return line, message


def parse_file(text: str) -> tuple[int | None, str | None, frozenset[str]]:
    """For POL-002 and evidence_files: (error line, error message, @id annotations)."""
    import cedarpy

    located = locate_policy_error(text)
    if located is not None:
        line, message = located
        return line, message, frozenset()
    document = json.loads(cedarpy.policies_to_json_str(text))
    ids = {
        annotation
        for section in ("staticPolicies", "templates")
        for body in (document.get(section) or {}).values()
        if (annotation := (body.get("annotations") or {}).get("id"))
    }
    return None, None, frozenset(ids)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _entity(node: dict[str, Any]) -> tuple[str, str] | None:
    if isinstance(node.get("type"), str) and isinstance(node.get("id"), str):
        return node["type"], node["id"]
    return None


def _uid_string(entity_type: str, entity_id: str) -> str:
    return f"{entity_type}::{json.dumps(entity_id, ensure_ascii=False)}"


@dataclass(frozen=True)
class _Policy:
    """One parsed policy: its reference for reports and its EST (JSON) body for inspection."""

    ref: RuleRef
    body: dict[str, Any]


@dataclass
class CedarPolicies:
    """A loaded Cedar policy set, ready to authorize; built by `load_cedar`."""

    policy_set: Any
    schema: Any | None
    policies: dict[str, _Policy]  # cedarpy's positional id (policyN) -> policy
    schema_resources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    action_type: str = DEFAULT_ACTION_TYPE

    @property
    def rules(self) -> tuple[RuleRef, ...]:
        return tuple(p.ref for p in self.policies.values())

    def _names(self, body: dict[str, Any], tool: str) -> bool:
        return any(
            entity == (self.action_type, tool) or (entity is not None and entity[0].endswith("Action") and entity[1] == tool)
            for entity in (_entity(node) for node in _walk(body))
        )

    def mentions(self, tool: str) -> bool:
        """True when some policy names the action, in its scope or its conditions."""
        return any(self._names(policy.body, tool) for policy in self.policies.values())

    def reads(self, attribute: str) -> bool:
        """True when some policy reads `context.<attribute>` (or any record's attribute of that name)."""
        return any(node.get("attr") == attribute for policy in self.policies.values() for node in _walk(policy.body))

    def resource_for(self, tool: str) -> str:
        """The resource a probe of `tool` uses: what the policies' scopes or the schema expect, else Tool::"<tool>"."""
        for effect in ("permit", "forbid"):
            for policy in self.policies.values():
                body = policy.body
                if body.get("effect") != effect or not self._action_scope_names(body.get("action") or {}, tool):
                    continue
                scope = body.get("resource") or {}
                if scope.get("op") == "is" and isinstance(scope.get("entity_type"), str):
                    return _uid_string(scope["entity_type"], PROBE_RESOURCE_ID)
                entity = _entity(scope.get("entity") or {})
                if scope.get("op") == "==" and entity:
                    return _uid_string(*entity)
        types = self.schema_resources.get(tool)
        if types:
            return _uid_string(types[0], PROBE_RESOURCE_ID)
        return _uid_string(DEFAULT_RESOURCE_TYPE, tool)

    @staticmethod
    def _action_scope_names(scope: dict[str, Any], tool: str) -> bool:
        entities = scope.get("entities") or ([scope["entity"]] if "entity" in scope else [])
        return any(isinstance(e, dict) and e.get("id") == tool for e in entities)

    def evaluate(self, calls: Sequence[PolicyCall], *, with_schema: bool) -> list[Evaluation]:
        """Authorize every call in one batch; with_schema also validates each request against the schema."""
        import cedarpy

        if not calls:
            return []
        requests = [self._request(call) for call in calls]
        schema = self.schema if with_schema else None
        try:
            results = cedarpy.is_authorized_batch(requests, self.policy_set, "[]", schema=schema)
        except (ValueError, TypeError) as exc:
            return [Evaluation(decision="error", errors=(f"cedarpy: {_message(exc)}",)) for _ in calls]
        return [self._evaluation(result) for result in results]

    def _request(self, call: PolicyCall) -> dict[str, Any]:
        return {
            "principal": _entity_arg(call.principal, DEFAULT_PRINCIPAL_TYPE),
            "action": _entity_arg(call.action, self.action_type),
            "resource": _entity_arg(call.resource or self.resource_for(call.action), DEFAULT_RESOURCE_TYPE),
            "context": dict(call.context),
        }

    def _evaluation(self, result: Any) -> Evaluation:
        import cedarpy

        diagnostics = result.diagnostics
        errors = tuple(self._explain(str(e)) for e in diagnostics.errors)
        if result.decision == cedarpy.Decision.NoDecision:
            return Evaluation(decision="error", errors=errors or ("cedarpy gave no decision",))
        rules = tuple(self._ref(policy_id) for policy_id in diagnostics.reasons)
        return Evaluation(decision="allow" if result.allowed else "deny", rules=rules, errors=errors)

    def _ref(self, policy_id: str) -> RuleRef:
        policy = self.policies.get(policy_id)
        return policy.ref if policy else RuleRef(id=policy_id)

    def _explain(self, message: str) -> str:
        """cedarpy names policies by position; say which policy that is, by @id and file:line."""
        return _POLICY_REF.sub(lambda m: f"policy {self._ref(m.group(1)).describe()}", " ".join(message.split()))


def _entity_arg(value: str, default_type: str) -> dict[str, str] | str:
    """The dict form cedarpy accepts ({type, id}): no escaping problems with odd ids."""
    match = _UID.match(value)
    if match is None:
        return {"type": default_type, "id": value}
    try:
        entity_id = json.loads(f'"{match.group(2)}"')
    except ValueError:
        return value  # an escape JSON does not know; let Cedar judge the original spelling
    return {"type": match.group(1), "id": entity_id}


def entity_id(value: str) -> str:
    """The id part of an entity id string (`Action::"refund"` -> refund), or the bare name itself."""
    match = _UID.match(value)
    if match is None:
        return value.strip()
    try:
        return str(json.loads(f'"{match.group(2)}"'))
    except ValueError:
        return match.group(2)


def _schema_resources(schema: Any) -> dict[str, tuple[str, ...]]:
    """action name -> resource types, read from the schema as cedarpy prints it (normalised syntax)."""
    found: dict[str, tuple[str, ...]] = {}
    for match in _SCHEMA_ACTION.finditer(str(schema)):
        types = tuple(t.strip() for t in match.group(2).split(",") if t.strip())
        found.setdefault(entity_id(f'Action::"{match.group(1)}"'), types)
    return found


def load_cedar(
    sources: Sequence[PolicySource], schema_source: PolicySource | None
) -> tuple[CedarPolicies | None, list[PolicyProblem]]:
    """Parse every file (each error with file:line), the schema, validate, and build one policy set."""
    import cedarpy

    problems: list[PolicyProblem] = []
    parsed: list[tuple[PolicySource, list[Statement], dict[str, Any]]] = []
    for source in sources:
        if source.text is None:
            continue
        located = locate_policy_error(source.text)
        if located is not None:
            line, message = located
            problems.append(PolicyProblem(kind="syntax", file=source.shown, line=line, message=f"Cedar syntax error: {message}"))
            continue
        document = json.loads(cedarpy.policies_to_json_str(source.text))
        parsed.append((source, split_statements(source.text), document))
    schema = None
    schema_resources: dict[str, tuple[str, ...]] = {}
    if schema_source is not None and schema_source.text is not None:
        json_format = schema_source.shown.lower().endswith(".json")
        located = locate_schema_error(schema_source.text, json_format)
        if located is not None:
            line, message = located
            problems.append(PolicyProblem(kind="schema", file=schema_source.shown, line=line, message=f"Cedar schema error: {message}"))
        else:
            schema = _parse_schema(schema_source.text, json_format)
            schema_resources = _schema_resources(schema)
    if problems or len(parsed) != len([s for s in sources if s.text is not None]):
        return None, problems

    policies: dict[str, _Policy] = {}
    offset = 0
    for source, statements, document in parsed:
        bodies = {**(document.get("templates") or {}), **(document.get("staticPolicies") or {})}
        located_ok = len(statements) == len(bodies)
        for local_id, body in sorted(bodies.items(), key=lambda item: int(item[0].removeprefix("policy") or 0)):
            index = int(local_id.removeprefix("policy"))
            line = statements[index].start_line if located_ok and index < len(statements) else None
            ref = RuleRef(
                id=(body.get("annotations") or {}).get("id") or None,
                effect="forbid" if body.get("effect") == "forbid" else "permit",
                file=source.shown,
                line=line,
            )
            policies[f"policy{offset + index}"] = _Policy(ref=ref, body=body)
        offset += len(bodies)
    combined = "\n".join(source.text or "" for source, _, _ in parsed)
    try:
        policy_set = cedarpy.PolicySet.from_str(combined)
    except ValueError as exc:
        # Each file parsed alone; together they clash (e.g. a duplicate explicit id).
        return None, [PolicyProblem(kind="syntax", file=parsed[0][0].shown if parsed else None, message=f"Cedar: the files do not combine: {_message(exc)}")]
    action_types = Counter(
        entity[0]
        for policy in policies.values()
        for node in _walk(policy.body)
        if (entity := _entity(node)) is not None and entity[0].split("::")[-1] == "Action"
    )
    loaded = CedarPolicies(
        policy_set=policy_set,
        schema=schema,
        policies=policies,
        schema_resources=schema_resources,
        action_type=action_types.most_common(1)[0][0] if action_types else DEFAULT_ACTION_TYPE,
    )
    if schema is not None:
        problems.extend(_validate(loaded, combined, schema, schema_source))
    return loaded, problems


def _validate(loaded: CedarPolicies, combined: str, schema: Any, schema_source: PolicySource | None) -> list[PolicyProblem]:
    import cedarpy

    try:
        result = cedarpy.validate_policies(combined, schema)
    except ValueError as exc:
        shown = schema_source.shown if schema_source else None
        return [PolicyProblem(kind="validation", file=shown, message=f"Cedar validation failed: {_message(exc)}")]
    problems = []
    for error in result.errors:
        ref = loaded._ref(error.policy_id) if error.policy_id else None
        text = _POLICY_REF.sub("", " ".join(error.error.split())).replace("for , ", "").strip(" ,")
        name = f"{ref.label}: " if ref is not None and ref.id else ""
        problems.append(PolicyProblem(
            kind="validation",
            file=ref.file if ref else (schema_source.shown if schema_source else None),
            line=ref.line if ref else None,
            message=f"does not match the schema: {name}{text}",
        ))
    return problems
