import os
import shlex
import asyncio
import subprocess
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ops")
KUBECTL = "kubectl"


# expect: name=pods_overview mutating=false caps=-
@mcp.tool()
def pods_overview(namespace: str) -> str:
    """Pods of a namespace."""
    return subprocess.run([KUBECTL, "get", "pods", "-n", namespace], capture_output=True, text=True).stdout


# expect: name=cluster_manifest mutating=true caps=shell
@mcp.tool()
def cluster_manifest(path: str) -> str:
    """A manifest for the cluster."""
    return subprocess.check_output(["kubectl", "apply", "-f", path], text=True)


# expect: name=rollout_info mutating=false typed=true caps=-
@mcp.tool()
def rollout_info(sub_command: Literal["status", "history"], name: str) -> str:
    """Rollout of a deployment."""
    return subprocess.check_output(["kubectl", "rollout", sub_command, f"deployment/{name}"], text=True)


# expect: name=rollout_control mutating=true typed=true caps=shell
@mcp.tool()
def rollout_control(sub_command: Literal["status", "undo"], name: str) -> str:
    """Rollout of a deployment."""
    return subprocess.check_output(["kubectl", "rollout", sub_command, name], text=True)


# expect: name=rollout_free mutating=true typed=false caps=shell
@mcp.tool()
def rollout_free(sub_command: str, name: str) -> str:
    """Rollout of a deployment."""
    return subprocess.check_output(["kubectl", "rollout", sub_command, name], text=True)


# expect: name=repo_history mutating=false caps=-
@mcp.tool()
def repo_history() -> str:
    """Recent commits."""
    return subprocess.check_output(shlex.split("git log --oneline -n 20"), text=True)


# expect: name=chart_releases mutating=false caps=-
@mcp.tool()
def chart_releases() -> str:
    """Releases in the cluster."""
    return os.popen("helm list --all-namespaces").read()


# expect: name=repo_grep mutating=true typed=false caps=shell
@mcp.tool()
def repo_grep(command: str) -> str:
    """Commits matching a pattern."""
    return subprocess.run(f"git log {command}", shell=True, capture_output=True, text=True).stdout


# expect: name=bucket_inventory mutating=false caps=-
@mcp.tool()
def bucket_inventory(bucket: str) -> str:
    """Objects of a bucket."""
    return subprocess.check_output(["aws", "s3api", "list-objects-v2", "--bucket", bucket], text=True)


# expect: name=bucket_copy mutating=true caps=shell
@mcp.tool()
def bucket_copy(source: str, target: str) -> str:
    """Objects between buckets."""
    args = ["aws", "s3", "cp", source, target]
    return subprocess.check_output(args, text=True)


# expect: name=audit_scan mutating=true caps=shell
@mcp.tool()
def audit_scan(target: str) -> str:
    """A local program on a target."""
    return subprocess.check_output(["./bin/audit-tool", "scan", target], text=True)


def _kubectl(args: list[str]) -> str:
    """The project's one way to run kubectl: the words come from each caller."""
    return subprocess.run(["kubectl", *args], capture_output=True, text=True, check=True).stdout


def _namespaced(namespace: str, args: list[str]) -> str:
    return _kubectl(["-n", namespace] + args)


# expect: name=deployments_overview mutating=false caps=-
@mcp.tool()
def deployments_overview(namespace: str) -> str:
    """Deployments of a namespace."""
    return _namespaced(namespace, ["get", "deployments"])


# expect: name=deployment_scale mutating=true caps=shell
@mcp.tool()
def deployment_scale(name: str, replicas: int) -> str:
    """Replicas of a deployment."""
    return _kubectl(["scale", f"deployment/{name}", f"--replicas={replicas}"])


# expect: name=kubectl_passthrough mutating=true caps=shell
@mcp.tool()
def kubectl_passthrough(args: list[str]) -> str:
    """Any kubectl arguments."""
    return _kubectl(args)


# expect: name=pod_shell mutating=true typed=false caps=shell
@mcp.tool()
def pod_shell(pod: str, command: str) -> str:
    """A program inside a pod."""
    return subprocess.check_output(["kubectl", "exec", pod, "--", "sh", "-c", command], text=True)


# expect: name=github_ticket_body mutating=false caps=-
@mcp.tool()
async def github_ticket_body(owner: str, repo: str, number: int) -> str:
    """The body of an issue."""
    cmd = ["gh", "issue", "view", str(number), "--repo", f"{owner}/{repo}", "--json", "body"]
    proc = await asyncio.create_subprocess_exec(*cmd, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode()


# expect: name=github_ticket_done mutating=true caps=shell
@mcp.tool()
async def github_ticket_done(repo: str, number: int) -> str:
    """An issue, done."""
    argv = ["gh", "issue", "close", str(number), "--repo", repo]
    proc = await asyncio.create_subprocess_exec(*argv)
    return str(await proc.wait())
