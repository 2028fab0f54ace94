"""Checklist items as data: the default list shipped in the package, plus an organisation's own file."""

from __future__ import annotations

import re
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from parr.errors import ParrInputError
from parr.manifest.models import AgentKind
from parr.stages import STAGE_ORDER, Stage
from parr.yamlsafe import load_yaml

Area = Literal[
    "permissions", "policies", "evals", "observability", "failsafes", "ownership", "budgets", "memory"
]
OwnerRole = Literal["Security", "SRE", "Product", "Engineering"]
ID_PATTERN = r"^[A-Z][A-Z0-9]*-\d{3}$"


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


NEVER = "never"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rule(_Strict):
    """A declarative check on the manifest: the value at `path` must satisfy every condition given.

    `path` is dotted (`failsafes.retries.max`); `[*]` applies the conditions to every list item
    (`permissions.tools[*].risk`). An absent value fails `present` and passes the other conditions
    unless `present: true` is also given.
    """

    path: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\[\*\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[\*\])?)*$")
    present: bool | None = None
    equals: Any = None
    one_of: list[Any] | None = None
    max: float | None = None
    min: float | None = None
    min_items: int | None = None
    matches: str | None = None
    where: dict[str, Any] | None = Field(
        None, description="with [*]: only list items whose keys equal these values are checked"
    )

    @field_validator("matches")
    @classmethod
    def _regex_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"'matches' is not a valid regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _has_condition(self) -> "Rule":
        conditions = (self.present, self.equals, self.one_of, self.max, self.min, self.min_items, self.matches)
        if all(c is None for c in conditions):
            raise ValueError("a rule needs at least one of present, equals, one_of, max, min, min_items, matches")
        return self


class ChecklistItem(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    area: Area
    title: str
    severity: Severity
    blocking_from: Stage | Literal["never"]
    rationale: str
    remediation: str
    owner: OwnerRole
    aliases: tuple[str, ...] = ()
    rule: Rule | None = None
    not_for_kinds: dict[AgentKind, str] = Field(
        default_factory=dict,
        description="agent kinds the item does not apply to, each with the reason shown in the report")

    @field_validator("not_for_kinds")
    @classmethod
    def _reasons_written(cls, value: dict[AgentKind, str]) -> dict[AgentKind, str]:
        for kind, reason in value.items():
            if len(reason.strip()) < 3:
                raise ValueError(f"not_for_kinds.{kind.value} needs a reason the report can show")
        return value

    def not_applicable_to(self, kind: AgentKind | None) -> str | None:
        """Why the item does not apply to an agent of this kind, or None when it applies (always
        when the kind is not declared: nothing is exempted on a guess)."""
        return None if kind is None else self.not_for_kinds.get(kind)

    def blocks_at(self, stage: Stage) -> bool:
        return self.blocking_from != NEVER and stage.at_least(Stage(self.blocking_from))


class ItemOverride(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    severity: Severity | None = None
    blocking_from: Stage | Literal["never"] | None = None


class DisabledItem(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    reason: str = Field(min_length=3)
    kinds: tuple[AgentKind, ...] = Field(
        (), description="only for agents of these kinds: the item is then not applicable to them, with this reason")


ApproverRole = Literal["dri", "security", "sre", "product", "engineering"]


class GraduationRule(_Strict):
    """What promotion into a stage needs beyond a GO for that stage."""

    min_days_in_previous: float = Field(0, ge=0)
    approver_roles: tuple[ApproverRole, ...] = ()
    min_pass_rate: dict[Literal["regression", "scenario", "adversarial"], float] = Field(default_factory=dict)


class ChecklistFile(_Strict):
    api_version: Literal["parr/v1"] = Field(alias="apiVersion")
    kind: Literal["checklist"]
    name: str
    items: list[ChecklistItem] = Field(default_factory=list)
    overrides: list[ItemOverride] = Field(default_factory=list)
    disable: list[DisabledItem] = Field(default_factory=list)
    graduation: dict[Stage, GraduationRule] = Field(default_factory=dict)

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Checklist(_Strict):
    """The effective checklist: default items with an organisation's additions, overrides and disables."""

    items: tuple[ChecklistItem, ...]
    disabled: tuple[DisabledItem, ...] = ()
    sources: tuple[str, ...] = ()
    graduation: dict[Stage, GraduationRule] = Field(default_factory=dict)

    def get(self, check_id: str) -> ChecklistItem | None:
        for item in self.items:
            if item.id == check_id or check_id in item.aliases:
                return item
        return None


def _stage_rank(value: str) -> int:
    return len(STAGE_ORDER) if value == NEVER else Stage(value).rank


def _read_file(path: Path, text_name: str) -> ChecklistFile:
    document = load_yaml(path, what="checklist")
    try:
        return ChecklistFile.model_validate(document.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = document.line_of(loc)
            dotted = ".".join(str(p) for p in loc) or "checklist"
            problems.append(f"{text_name}:{line or 1}: {dotted}: {err['msg']}.")
        raise ParrInputError(problems[0], problems) from None


def default_checklist_paths() -> list[Path]:
    """Every checklist file shipped in the package: default.yaml first, then the others by name."""
    folder = Path(str(resources.files("parr") / "checklists"))
    return sorted(folder.glob("*.yaml"), key=lambda p: (p.name != "default.yaml", p.name))


def load_checklist(extra_files: list[Path] | tuple[Path, ...] = ()) -> Checklist:
    """The shipped checklist files, then each organisation file in order; problems raise ParrInputError."""
    items: dict[str, ChecklistItem] = {}
    graduation: dict[Stage, GraduationRule] = {}
    sources: list[str] = []
    for default_path in default_checklist_paths():
        base = _read_file(default_path, f"shipped checklist {default_path.name}")
        for item in base.items:
            if item.id in items:
                raise ParrInputError(f"shipped checklist {default_path.name}: duplicate id {item.id}.")
            items[item.id] = item
        graduation.update(base.graduation)
        sources.append(str(default_path))
    if not items:
        raise ParrInputError("no shipped checklist was found; the parr installation is incomplete.")
    disabled: list[DisabledItem] = []
    for path in extra_files:
        overlay = _read_file(path, str(path))
        sources.append(str(path))
        for item in overlay.items:
            if item.id in items:
                raise ParrInputError(f"{path}: item {item.id} already exists; pick a new id or use `overrides`.")
            if item.rule is None:
                raise ParrInputError(
                    f"{path}: item {item.id} has no `rule`; organisation items are declarative rules."
                )
            items[item.id] = item
        for override in overlay.overrides:
            current = items.get(override.id)
            if current is None:
                raise ParrInputError(f"{path}: override for unknown check {override.id}.")
            changes: dict[str, Any] = {}
            if override.severity is not None:
                if override.severity.rank < current.severity.rank:
                    raise ParrInputError(
                        f"{path}: override lowers {override.id} from {current.severity.value} to "
                        f"{override.severity.value}; overrides only raise, use `disable` with a reason instead."
                    )
                changes["severity"] = override.severity
            if override.blocking_from is not None:
                if _stage_rank(str(getattr(override.blocking_from, "value", override.blocking_from))) > _stage_rank(
                    str(getattr(current.blocking_from, "value", current.blocking_from))
                ):
                    raise ParrInputError(
                        f"{path}: override makes {override.id} block later; overrides only tighten, "
                        "use `disable` with a reason instead."
                    )
                changes["blocking_from"] = override.blocking_from
            items[override.id] = current.model_copy(update=changes)
        graduation.update(overlay.graduation)  # an organisation's rule for a stage replaces the default's
        for entry in overlay.disable:
            if entry.id not in items:
                raise ParrInputError(f"{path}: cannot disable unknown check {entry.id}.")
            if entry.kinds:
                # Disabled for some kinds only: the item stays, and reports "not applicable: <reason>"
                # for agents of those kinds.
                current = items[entry.id]
                exempt = {**current.not_for_kinds, **{kind: entry.reason for kind in entry.kinds}}
                items[entry.id] = current.model_copy(update={"not_for_kinds": exempt})
                continue
            disabled.append(entry)
    disabled_ids = {d.id for d in disabled}
    kept = tuple(item for item in items.values() if item.id not in disabled_ids)
    if not kept:
        raise ParrInputError("the checklist has no enabled items; a checklist that checks nothing says GO to anything.")
    return Checklist(items=kept, disabled=tuple(disabled), sources=tuple(sources), graduation=graduation)
