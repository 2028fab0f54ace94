"""The GitLab CI template runs as GitLab would run its script, and the Dockerfile stays in step with the package."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from parr.cli import check

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).parents[2]
TEMPLATE = yaml.safe_load((ROOT / "ci" / "gitlab" / "parr.gitlab-ci.yml").read_text())
JOB = TEMPLATE["parr-check"]
CHECK_FORMATS = next(p for p in check.params if p.name == "fmt").type.choices  # type: ignore[attr-defined]


def test_reports_are_published_from_the_files_the_script_writes() -> None:
    artifacts = JOB["artifacts"]
    assert artifacts["when"] == "always"  # a NO-GO job still publishes them
    wanted = {"junit": "junit", "codequality": "gitlab-codequality"}
    for report, fmt in wanted.items():
        target = artifacts["reports"][report]
        writers = [line for line in JOB["script"] if f"--format {fmt} --output {target}" in line]
        assert len(writers) == 1, report
        assert "--fail-on bad-input" in writers[0]  # a report run never decides the job
    assert JOB["script"][-1].startswith("parr check ") and "--fail-on" not in JOB["script"][-1]


def _run_job(workspace: Path, tmp: Path) -> tuple[int, list[str]]:
    """The job's script lines in one shell with `set -e`, as GitLab runs them, minus the pip install
    (parr is installed here already) and any line needing a format this parr does not have yet."""
    skipped = []
    lines = []
    for line in JOB["script"]:
        if "pip install" in line:
            continue
        fmt = re.search(r"--format (\S+)", line)
        if fmt and fmt.group(1) not in CHECK_FORMATS:
            skipped.append(fmt.group(1))
            continue
        lines.append(line)
    env = {**os.environ, **{k: str(v) for k, v in JOB["variables"].items()}, "CI_PROJECT_DIR": str(workspace),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "PARR_TODAY": "2026-11-24"}
    env["PARR_CACHE_DIR"] = str(tmp / "cache")
    done = subprocess.run(["bash", "-e", "-c", "\n".join(lines)], cwd=workspace, env=env, capture_output=True,
                          text=True, timeout=600)
    return done.returncode, skipped


@pytest.mark.parametrize("example, expected", [("billing-mcp", 1), ("infra-oncall", 0)])
def test_job_script(tmp_path: Path, example: str, expected: int) -> None:
    workspace = tmp_path / "project"
    shutil.copytree(ROOT / "examples" / example, workspace)
    code, skipped = _run_job(workspace, tmp_path)
    assert code == expected
    suites = ET.parse(workspace / "parr-junit.xml").getroot()
    failures = sum(int(s.get("failures", 0)) for s in suites.iter("testsuite"))
    assert (failures > 0) == (expected == 1)
    if "gitlab-codequality" in skipped:
        return  # --format gitlab-codequality arrives with the CI formats work; then the lines below run
    issues = json.loads((workspace / "gl-code-quality-report.json").read_text())
    assert isinstance(issues, list)
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
    # Warnings are issues in the merge request too; only a NO-GO has blocking ones.
    blocking = [i for i in issues if i["severity"] in ("blocker", "critical") and "not blocking" not in i["description"]]
    assert bool(blocking) == (expected == 1), [i["description"][:80] for i in issues]


# ---- Dockerfile --------------------------------------------------------------------------------

DOCKERFILE = (ROOT / "Dockerfile").read_text()
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _extras(text: str) -> set[str]:
    found = re.search(r"\[([a-z0-9_,\- ]+)\]", text)
    return {e.strip() for e in found.group(1).split(",")} if found else set()


def test_dockerfile_in_step_with_the_package() -> None:
    base = re.search(r"^FROM python:(\d+)\.(\d+)-slim\S*$", DOCKERFILE, re.M)
    assert base, "the image starts from a Debian slim python:X.Y image"
    assert "alpine" not in DOCKERFILE.split("FROM", 1)[1].splitlines()[0]
    needed = re.match(r">=\s*(\d+)\.(\d+)", PROJECT["requires-python"])
    assert needed and tuple(map(int, base.groups())) >= tuple(map(int, needed.groups()))

    install = next(line for line in DOCKERFILE.splitlines() if "pip install" in line)
    readme = (ROOT / "README.md").read_text()
    readme_install = next(line for line in readme.splitlines() if "pip install" in line)
    assert _extras(install) == _extras(readme_install) and _extras(install) <= set(PROJECT["optional-dependencies"])

    copied = " ".join(line for line in DOCKERFILE.splitlines() if line.startswith("COPY"))
    for needed_file in ("pyproject.toml", PROJECT["readme"], "parr"):
        assert needed_file in copied, needed_file
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert users and users[-1] not in ("root", "0")
    entry = re.search(r"^ENTRYPOINT (.+)$", DOCKERFILE, re.M)
    assert entry and json.loads(entry.group(1)) == ["parr"]
    ignored = (ROOT / ".dockerignore").read_text().split()
    for needed_file in ("pyproject.toml", PROJECT["readme"], "LICENSE", "parr/"):
        assert f"!{needed_file}" in ignored, needed_file


def _docker_works() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _docker_works(), reason="no working Docker here (`docker info` fails or docker is absent)")
def test_image_builds_and_runs(tmp_path: Path) -> None:
    tag = "parr-test:latest"
    subprocess.run(["docker", "build", "-t", tag, str(ROOT)], check=True, timeout=1800)
    version = subprocess.run(["docker", "run", "--rm", tag, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("parr, version ")
    workspace = tmp_path / "w"
    shutil.copytree(ROOT / "examples" / "infra-oncall", workspace)
    workspace.chmod(0o777)
    run = subprocess.run(["docker", "run", "--rm", "-e", "PARR_TODAY=2026-11-24", "-v", f"{workspace}:/work", tag,
                          "check", ".", "--no-color"], capture_output=True, text=True)
    assert run.returncode == 0 and "GO infra-oncall" in run.stdout, run.stdout + run.stderr
    whoami = subprocess.run(["docker", "run", "--rm", "--entrypoint", "id", tag, "-u"], capture_output=True, text=True)
    assert whoami.stdout.strip() != "0"
