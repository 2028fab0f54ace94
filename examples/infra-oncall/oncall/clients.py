"""Read clients for Loki and Prometheus, and the two Kubernetes writes the assistant may propose.

Queries are built here from fixed templates and catalog names; the model never writes LogQL,
PromQL or a Kubernetes patch itself.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import httpx
from kubernetes import client as k8s
from kubernetes import config as k8s_config

from oncall.config import SERVICE_CATALOG, ServiceSpec, Settings

Metric = Literal["error_rate", "p99_latency_seconds", "cpu_cores", "memory_bytes", "restarts"]

# PromQL templates; {ns}, {svc} and {w} are filled from the catalog and a bounded integer only.
METRIC_QUERIES: dict[str, str] = {
    "error_rate": (
        'sum(rate(http_requests_total{{namespace="{ns}",service="{svc}",code=~"5.."}}[{w}m]))'
        ' / sum(rate(http_requests_total{{namespace="{ns}",service="{svc}"}}[{w}m]))'
    ),
    "p99_latency_seconds": (
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{{namespace="{ns}",service="{svc}"}}[{w}m])))'
    ),
    "cpu_cores": 'sum(rate(container_cpu_usage_seconds_total{{namespace="{ns}",pod=~"{svc}-.*"}}[{w}m]))',
    "memory_bytes": 'sum(container_memory_working_set_bytes{{namespace="{ns}",pod=~"{svc}-.*"}})',
    "restarts": 'sum(increase(kube_pod_container_status_restarts_total{{namespace="{ns}",pod=~"{svc}-.*"}}[{w}m]))',
}
_LEVEL = re.compile(r"^(error|warn|info)$")


class UnknownService(ValueError):
    pass


def spec_for(service: str) -> ServiceSpec:
    try:
        return SERVICE_CATALOG[service]
    except KeyError:
        known = ", ".join(sorted(SERVICE_CATALOG))
        raise UnknownService(f"'{service}' is not in the service catalog ({known})") from None


class Observability:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.Client(timeout=settings.http_timeout_seconds)
        self._settings = settings

    def log_lines(self, service: str, since_minutes: int, level: str) -> list[str]:
        spec = spec_for(service)
        if not _LEVEL.match(level):
            raise ValueError("level must be error, warn or info")
        end = dt.datetime.now(dt.timezone.utc)
        params = {
            "query": f'{{namespace="{spec.namespace}", app="{service}"}} | json | level="{level}"',
            "start": str(int((end - dt.timedelta(minutes=since_minutes)).timestamp() * 1e9)),
            "end": str(int(end.timestamp() * 1e9)),
            "limit": str(self._settings.max_log_lines),
            "direction": "backward",
        }
        response = self._http.get(f"{self._settings.loki_url}/loki/api/v1/query_range", params=params)
        response.raise_for_status()
        streams = response.json()["data"]["result"]
        return [line for stream in streams for _ts, line in stream["values"]]

    def metric(self, service: str, metric: Metric, window_minutes: int) -> float | None:
        spec = spec_for(service)
        query = METRIC_QUERIES[metric].format(ns=spec.namespace, svc=service, w=window_minutes)
        response = self._http.get(f"{self._settings.prometheus_url}/api/v1/query", params={"query": query})
        response.raise_for_status()
        result = response.json()["data"]["result"]
        return float(result[0]["value"][1]) if result else None


class Deployments:
    """The assistant's ServiceAccount (oncall-assistant) may only get and patch deployments and
    their scale subresource in the catalog namespaces; the RBAC lives in deploy/rbac.yaml."""

    def __init__(self) -> None:
        k8s_config.load_incluster_config()
        self._apps = k8s.AppsV1Api()

    def replicas(self, service: str) -> int:
        spec = spec_for(service)
        scale = self._apps.read_namespaced_deployment_scale(service, spec.namespace)
        return int(scale.spec.replicas or 0)

    def rollout_restart(self, service: str, requested_by: str) -> None:
        """What `kubectl rollout restart` does: bump a pod-template annotation."""
        spec = spec_for(service)
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        body = {
            "spec": {
                "template": {
                    "metadata": {
                        "annotations": {
                            "kubectl.kubernetes.io/restartedAt": now,
                            "oncall-assistant/approved-by": requested_by,
                        }
                    }
                }
            }
        }
        self._apps.patch_namespaced_deployment(service, spec.namespace, body)

    def scale(self, service: str, replicas: int) -> None:
        spec = spec_for(service)
        if not spec.min_replicas <= replicas <= spec.max_replicas:
            raise ValueError(f"{service} may run {spec.min_replicas}-{spec.max_replicas} replicas, not {replicas}")
        self._apps.patch_namespaced_deployment_scale(service, spec.namespace, {"spec": {"replicas": replicas}})
