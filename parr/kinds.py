"""What the scanned code shows about the kind of agent: what `parr init` infers agent.kind from, and
what CODE-014 holds a declared kind to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parr.manifest.models import AgentKind
from parr.scan.model import ScanResult, ToolRecord

# Frameworks whose tools are registered on an MCP server (served to another agent's model), as the
# scanners name them; every other framework hands its tools to a model loop in the same code.
MCP_SERVER_FRAMEWORKS = frozenset({"mcp", "fastmcp", "mcp-typescript-sdk"})


@dataclass(frozen=True)
class KindEvidence:
    """The places in the code that say what sort of agent this is."""

    mcp_tools: tuple[ToolRecord, ...]
    loop_tools: tuple[ToolRecord, ...]
    model_clients: tuple[dict[str, Any], ...]

    @property
    def calls_model(self) -> bool:
        return bool(self.model_clients or self.loop_tools)


def kind_evidence(scan: ScanResult) -> KindEvidence:
    mcp = tuple(t for t in scan.tools if t.framework in MCP_SERVER_FRAMEWORKS)
    loop = tuple(t for t in scan.tools if t.framework not in MCP_SERVER_FRAMEWORKS)
    clients = tuple((scan.wiring or {}).get("clients", []))
    return KindEvidence(mcp_tools=mcp, loop_tools=loop, model_clients=clients)


def _at(item: ToolRecord | dict[str, Any]) -> str:
    if isinstance(item, ToolRecord):
        return f"{item.file}:{item.line}"
    return f"{item['file']}:{item['line']}"


def infer_kind(scan: ScanResult) -> tuple[AgentKind | None, str]:
    """The kind the code shows and why, or None with why not. A sandboxed runner is never inferred:
    whether the sandbox is thrown away after the run is not something the code shows."""
    found = kind_evidence(scan)
    if found.mcp_tools and not found.calls_model:
        return AgentKind.MCP_SERVER, (f"{len(found.mcp_tools)} MCP tool registration(s), the first at "
                                      f"{_at(found.mcp_tools[0])}, and no model client")
    if found.loop_tools:
        first = found.model_clients[0] if found.model_clients else found.loop_tools[0]
        return AgentKind.MODEL_LOOP, (f"{len(found.loop_tools)} tool(s) handed to a model, the first at "
                                      f"{_at(found.loop_tools[0])}" + (
                                          f", and a model client at {_at(first)}" if found.model_clients else ""))
    if found.model_clients:
        return AgentKind.WORKFLOW_STEP, (f"a model client at {_at(found.model_clients[0])} and no tools: a model "
                                         "call, not a loop")
    return None, "the scan found neither tools nor a model client"
