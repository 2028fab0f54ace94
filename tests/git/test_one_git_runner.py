"""One module runs git: no other part of parr imports GitPython or starts git itself, so no git
call can skip parr.git_safe's settings (issue 20)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "parr"
# git_safe runs git; the walker streams git's listing with git_safe's argv and environment.
ALLOWED = {"git_safe.py", "scan/walker.py"}
SPAWN_CALLS = {"run", "Popen", "call", "check_output", "check_call", "system", "popen", "execv", "execvp",
               "spawnv", "spawnvp", "posix_spawn", "create_subprocess_exec", "create_subprocess_shell"}


def _git_runs(path: Path) -> list[str]:
    """GitPython imports, and process-starting calls whose command mentions git."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "git" for a in node.names):
            found.append("import git")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "git":
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SPAWN_CALLS \
                and node.args and "git" in ast.unparse(node.args[0]).lower():
            found.append(ast.unparse(node)[:80])
    return found


def test_only_the_git_runner_runs_git() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        found = _git_runs(path)
        if found and rel not in ALLOWED:
            offenders[rel] = found
    assert offenders == {}


def test_the_walker_starts_git_only_through_git_safe() -> None:
    source = (PACKAGE / "scan" / "walker.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and isinstance(n.func.value, ast.Name) and n.func.value.id == "subprocess"
             and n.func.attr in ("run", "Popen", "call", "check_output", "check_call")]
    assert calls
    for call in calls:
        argv = ast.unparse(call.args[0])
        env = next((ast.unparse(k.value) for k in call.keywords if k.arg == "env"), None)
        assert argv.startswith("git_argv(") and env == "env", ast.unparse(call)
