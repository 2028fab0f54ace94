"""The scan contract: what `parr scan` reports about one tool and about the whole run (DESIGN §3)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer

SCAN_SCHEMA_VERSION = "1"

Language = Literal["python", "typescript", "javascript"]
SchemaKind = Literal[
    "type_hints", "pydantic", "zod", "json_schema", "provider_defined", "framework_defined", "none"
]

# Broad capabilities a tool's body or kind grants; checks on production reachability read these.
Capability = Literal[
    "shell", "code_execution", "sql", "http_write", "http", "file_write", "file_read",
    "email", "payment", "browser", "computer_use", "mcp_remote",
]


# Arguments that pick which operation a multiplexed tool performs (`operation: create|read|delete`);
# when one is an enum or a literal union, its values are the tool's operations (PERM-009).
OPERATION_PARAM_NAMES = frozenset({"operation", "op", "action", "method", "mode", "command", "verb", "operation_type",
                                   "action_type", "subcommand"})


def operations_of(fields: dict[str, list[str]]) -> tuple[str | None, tuple[str, ...]]:
    """The operation argument among a tool's enum-typed fields, and its values."""
    for name, values in fields.items():
        if name.lower() in OPERATION_PARAM_NAMES and len(values) > 1:
            return name, tuple(dict.fromkeys(values))
    return None, ()


def _parr_version() -> str:
    from parr import __version__

    return __version__


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _CellLocated(_Frozen):
    """A location that may sit in a Jupyter notebook: `line` counts the lines of the notebook's
    code cells joined in order (every cell, markdown ones as blank lines); `cell` (from 1, every
    cell counted) and `cell_line` say where that is in the notebook. Both are left out of the
    JSON for other files. (The fields are declared by each subclass, after `line`.)"""

    @model_serializer(mode="wrap")
    def _without_cell(self, handler):
        data = handler(self)
        if getattr(self, "cell", None) is None and isinstance(data, dict):
            data.pop("cell", None)
            data.pop("cell_line", None)
        return data

    def where(self) -> str:
        """`line 12`, or `cell 3:line 5` in a notebook."""
        cell = getattr(self, "cell", None)
        return f"cell {cell}:line {getattr(self, 'cell_line', None)}" if cell is not None else f"line {getattr(self, 'line')}"


class ToolRecord(_CellLocated):
    """One tool the code exposes to a model."""

    name: str = Field(description="the name the model sees")
    file: str = Field(description="path relative to the scanned root, with '/'")
    line: int = Field(ge=1, description="def/class line, or the line where the call or literal starts")
    cell: int | None = Field(default=None, ge=1, description="notebook cell, from 1 (notebooks only)")
    cell_line: int | None = Field(default=None, ge=1, description="line within the cell (notebooks only)")
    language: Language
    framework: str
    style: str = Field(description="declaration style, e.g. 'openai_agents.function_tool'")
    mutating: bool
    typed: bool
    schema_kind: SchemaKind = Field(alias="schema", serialization_alias="schema")
    gates: tuple[str, ...] = ()
    evidence: tuple[str, ...] = Field(default=(), description="why mutating/typed were judged so")
    description: str | None = None
    capabilities: tuple[Capability, ...] = ()
    # MCP tool annotations and similar hints, as read from the code (e.g. {"destructiveHint": True}).
    annotations: dict[str, bool | str] = Field(default_factory=dict)
    model_name: str | None = Field(
        default=None, description="the full name the model sees where the framework qualifies `name` "
                                  "(Semantic Kernel: Plugin-function, from where the plugin is added)")
    operation_param: str | None = Field(
        default=None, description="the argument that selects the operation of a multiplexed tool")
    operations: tuple[str, ...] = Field(
        default=(), description="that argument's values (enum or literal union in the schema)")
    unverified: tuple[str, ...] = Field(
        default=(), description="for a tool judged read-only that no annotation, name or description says reads: "
                                "the calls in its code parr could not read, on which that verdict rests")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class ScanError(_Frozen):
    """A file the scanner could not read or parse; reported, never fatal."""

    file: str
    line: int | None = None
    message: str


class UnresolvedSite(_CellLocated):
    """A place where tools are plainly handed to a model but the scan could not turn them into tools."""

    file: str
    line: int = Field(ge=1)
    cell: int | None = Field(default=None, ge=1, description="notebook cell, from 1 (notebooks only)")
    cell_line: int | None = Field(default=None, ge=1, description="line within the cell (notebooks only)")
    call: str = Field(description="the call or expression, shortened")
    reason: str = Field(description="why parr could not read it, e.g. 'tools made by a call parr cannot read'")


class SkippedCounts(_Frozen):
    ignored: int = 0
    too_large: int = 0
    binary: int = 0
    symlink_outside: int = 0
    # Files a scanner would read but could not: nested beyond what it parses safely, not
    # readable (permissions, a fifo or device under a source file's name), or the scanner failed
    # on it (a bug, or its worker process died), or a syntax error spoilt too much of it to query.
    # Each is in `unread`.
    too_deep: int = 0
    unreadable: int = 0
    failed: int = 0
    unparsable: int = 0


UnreadReason = Literal["too_large", "binary", "too_deep", "unreadable", "failed", "unparsable"]


class UnreadFile(_Frozen):
    """A file a scanner would have read but a limit kept it from: the scan did not see its tools."""

    file: str
    reason: UnreadReason


class ScanResult(_Frozen):
    """`parr scan --format json`: the tools a repository exposes to a model, the places where tools
    are handed to a model but could not be read, and every file the scan could not read. Published
    as parr/schemas/scan-v1.schema.json."""

    schema_version: str = SCAN_SCHEMA_VERSION
    # Also how `--output` recognises a scan report parr wrote (parr.cliutil).
    parr_version: str = Field(default_factory=lambda: _parr_version())
    root: str
    tools: tuple[ToolRecord, ...]
    files_scanned: int
    errors: tuple[ScanError, ...] = ()
    skipped: SkippedCounts = SkippedCounts()
    # Every file counted in skipped.too_large / binary / too_deep / unreadable / failed / unparsable.
    unread: tuple[UnreadFile, ...] = ()
    # Beyond tools: model clients and tracing libraries found in the code (parr.scan.wiring), and
    # credentials committed with it, masked (parr.scan.secrets_scan).
    wiring: dict[str, Any] = Field(default_factory=dict)
    secrets: tuple[dict[str, Any], ...] = ()
    unresolved: tuple[UnresolvedSite, ...] = ()

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)
