"""The assistant's four tools. Two read, two write; both writes stop for a human first.

`restart_service` and `scale_deployment` call LangGraph's `interrupt()` before touching the
cluster. The graph is checkpointed, so the run waits (for hours if need be) until the oncall
engineer answers in Slack and the run is resumed with `Command(resume={...})`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from langchain_core.tools import tool
from langgraph.types import interrupt
from pydantic import BaseModel, Field

from oncall.clients import Deployments, Metric, Observability, spec_for
from oncall.config import Settings


@cache
def _settings() -> Settings:
    return Settings.from_env()


@cache
def _observability() -> Observability:
    return Observability(_settings())


@cache
def _deployments() -> Deployments:
    return Deployments()


class ReadLogsArgs(BaseModel):
    service: str = Field(description="Deployment name from the service catalog, e.g. checkout-api")
    since_minutes: int = Field(default=15, ge=1, le=180, description="How far back to read")
    level: str = Field(default="error", pattern="^(error|warn|info)$", description="Minimum log level")


class GetMetricsArgs(BaseModel):
    service: str = Field(description="Deployment name from the service catalog")
    metric: Metric = Field(description="Which golden signal to read")
    window_minutes: int = Field(default=5, ge=1, le=60, description="Rate window in minutes")


class RestartArgs(BaseModel):
    service: str = Field(description="Deployment to restart, from the service catalog")
    reason: str = Field(min_length=10, max_length=300, description="Evidence for the restart, shown to the approver")


class ScaleArgs(BaseModel):
    service: str = Field(description="Deployment to scale, from the service catalog")
    replicas: int = Field(ge=1, le=24, description="Target replica count, within the catalog's bounds")
    reason: str = Field(min_length=10, max_length=300, description="Evidence for the change, shown to the approver")


def _ask_oncall(request: dict[str, Any]) -> dict[str, Any]:
    """Pause the graph until the oncall engineer approves or rejects `request` in Slack."""
    decision = interrupt({**request, "environment": _settings().environment})
    if not isinstance(decision, dict) or "approved" not in decision:
        raise ValueError("resume value must be {'approved': bool, 'approver': str, 'note': str}")
    return decision


@tool("read_logs", args_schema=ReadLogsArgs)
def read_logs(service: str, since_minutes: int = 15, level: str = "error") -> str:
    """Read recent log lines for a service from Loki, newest first (at most 200 lines)."""
    lines = _observability().log_lines(service, since_minutes, level)
    return "\n".join(lines) if lines else f"no {level} lines for {service} in the last {since_minutes} minutes"


@tool("get_metrics", args_schema=GetMetricsArgs)
def get_metrics(service: str, metric: Metric, window_minutes: int = 5) -> str:
    """Read one golden-signal metric for a service from Prometheus."""
    value = _observability().metric(service, metric, window_minutes)
    return f"{metric} for {service} over {window_minutes}m: {'no data' if value is None else f'{value:.4g}'}"


@tool("restart_service", args_schema=RestartArgs)
def restart_service(service: str, reason: str) -> str:
    """Propose a rolling restart of a deployment. Runs only after the oncall engineer approves."""
    spec = spec_for(service)
    decision = _ask_oncall(
        {"action": "restart_service", "service": service, "namespace": spec.namespace, "reason": reason}
    )
    if not decision["approved"]:
        return f"Restart of {service} rejected by {decision.get('approver', 'oncall')}: {decision.get('note') or 'no note'}. Do not retry."
    _deployments().rollout_restart(service, decision["approver"])
    return f"Rolling restart of {service} started, approved by {decision['approver']}."


@tool("scale_deployment", args_schema=ScaleArgs)
def scale_deployment(service: str, replicas: int, reason: str) -> str:
    """Propose a new replica count for a deployment. Runs only after the oncall engineer approves."""
    spec = spec_for(service)
    current = _deployments().replicas(service)
    if not spec.min_replicas <= replicas <= spec.max_replicas:
        return f"{service} may run {spec.min_replicas}-{spec.max_replicas} replicas; {replicas} is out of bounds."
    decision = _ask_oncall(
        {"action": "scale_deployment", "service": service, "namespace": spec.namespace, "from": current, "to": replicas, "reason": reason}
    )
    if not decision["approved"]:
        return f"Scaling {service} rejected by {decision.get('approver', 'oncall')}: {decision.get('note') or 'no note'}. Do not retry."
    _deployments().scale(service, replicas)
    return f"{service} scaled from {current} to {replicas} replicas, approved by {decision['approver']}."


TOOLS = [read_logs, get_metrics, restart_service, scale_deployment]
