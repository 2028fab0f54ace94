"""The policy engine process's side: requests in as JSON lines, answers out, engines loaded once per run.

Started by parr.policy.isolated with `python -I` in an empty directory: nothing from the scanned
repository is on its path or in its environment, and policies arrive as text, never as paths.
Before each step that runs engine code it reports where it is (`{"at": ...}`), so that when the
engine takes the whole process down the parent can say which file or request it was working on.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path
from typing import Any, TextIO

from parr.policy.model import PolicyCall
from parr.policy.sources import PolicySource

# Policies loaded by the last `load` request, kept for the `evaluate` requests that follow.
_loaded: dict[str, Any] = {}


def _source(data: dict[str, Any]) -> PolicySource:
    # No real path: the child never opens the repository's files, it is handed their text.
    return PolicySource(data["shown"], Path(data["shown"]), data.get("text"))


def _parse(request: dict[str, Any], progress: Any) -> dict[str, Any]:
    progress(request["shown"], "parsing")
    if request["engine"] == "cedar":
        from parr.policy import cedar

        line, error, ids = cedar.parse_file(request["text"])
    else:
        from parr.policy import rego

        line, error, ids = rego.parse_file(request["text"], request["shown"])
    return {"line": line, "error": error, "ids": sorted(ids)}


def _load(request: dict[str, Any], progress: Any) -> dict[str, Any]:
    sources = [_source(s) for s in request["sources"]]
    _loaded.clear()
    notes: list[str] = []
    schema = request.get("schema")
    progress(", ".join([*(s.shown for s in sources if s.text is not None), *([schema["shown"]] if schema else [])]), "loading")
    if request["engine"] == "cedar":
        from parr.policy.cedar import load_cedar

        policies, problems = load_cedar(sources, _source(schema) if schema else None)
    else:
        from parr.policy.rego import load_rego

        policies, problems, notes = load_rego(sources, request.get("entrypoint"))
    answer: dict[str, Any] = {"problems": [p.model_dump(mode="json") for p in problems], "notes": notes, "loaded": policies is not None}
    if policies is not None:
        _loaded["policies"] = policies
        answer["rules"] = [r.model_dump(mode="json") for r in policies.rules]
        answer["reads_stage"] = bool(policies.reads("stage"))
    return answer


def _evaluate(request: dict[str, Any], progress: Any) -> dict[str, Any]:
    policies = _loaded["policies"]
    answer: dict[str, Any] = {"mentions": {tool: bool(policies.mentions(tool)) for tool in request["tools"]}}
    for key, with_schema in (("tests", True), ("probes", False)):
        results = []
        for index, call in enumerate(request[key]):
            progress(request["files"], f"evaluating {key[:-1]} {index + 1}")
            results.extend(policies.evaluate([PolicyCall(**call)], with_schema=with_schema))
        answer[key] = [r.model_dump(mode="json") for r in results]
    return answer


HANDLERS = {"parse": _parse, "load": _load, "evaluate": _evaluate}


def serve(requests: TextIO, answers: TextIO) -> None:
    def progress(at: str, doing: str) -> None:
        answers.write(json.dumps({"at": at, "doing": doing}) + "\n")
        answers.flush()

    for line in requests:
        request = json.loads(line)
        try:
            answer = {"ok": HANDLERS[request["op"]](request, progress)}
        except Exception as exc:  # noqa: BLE001 - reported to the parent as this request's failure
            answer = {"failed": f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


def main() -> None:
    """Entry point in the child: answers go to a private copy of stdout, so that whatever the
    native engines print (rego-cpp prints parse errors) lands on stderr, which the parent keeps."""
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    cpu_seconds = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 0
    if cpu_seconds > 0:
        # A backstop for a parent that dies before it can stop us: the kernel ends a runaway engine.
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard != resource.RLIM_INFINITY:
            cpu_seconds = min(cpu_seconds, hard - 1)
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1 if hard == resource.RLIM_INFINITY else hard))
        except (ValueError, OSError):
            pass  # the parent's deadline still holds
    serve(sys.stdin, answers)
