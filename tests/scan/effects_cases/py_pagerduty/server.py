from mcp.server.fastmcp import FastMCP

from oncall.client import pd_client

mcp = FastMCP("oncall")


def _bulk_payload(ids: list[str], field: str, value) -> dict:
    return {"incidents": [{"id": i, "type": "incident_reference", field: value} for i in ids]}


def _set_field(ids: list[str], field: str, value):
    return pd_client().rput("/incidents", json=_bulk_payload(ids, field, value))


# expect: name=triage_incidents mutating=true caps=-
@mcp.tool()
def triage_incidents(ids: list[str], urgency: str | None = None, status: str | None = None) -> list:
    """Triage incidents: their urgency and status."""
    out = []
    if urgency:
        out = _set_field(ids, "urgency", urgency)
    if status:
        out = _set_field(ids, "status", status)
    return out


# expect: name=retire_maintenance_window mutating=true caps=-
@mcp.tool()
def retire_maintenance_window(window_id: str) -> str:
    """Maintenance window housekeeping."""
    pd_client().rdelete(f"/maintenance_windows/{window_id}")
    return "ok"


# expect: name=incident_notes mutating=false caps=- unverified=false
@mcp.tool()
def incident_notes(incident_id: str) -> list:
    """Notes on one incident."""
    return pd_client().rget(f"/incidents/{incident_id}/notes")


# expect: name=responder_metrics mutating=false caps=- unverified=true
@mcp.tool()
def responder_metrics(team_id: str) -> dict:
    """Responder metrics of a team (the analytics API answers a POST)."""
    return pd_client().rpost("/analytics/metrics/responders/teams", json={"filters": {"team_ids": [team_id]}})
