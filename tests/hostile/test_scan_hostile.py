"""The scanner on hostile repositories: nothing in them is run, and generated trees of odd files
never make scan or check crash, hang, die by a signal or write into the scanned tree."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from parr.cli import main

EXAMPLE = Path(__file__).parents[2] / "examples" / "support-triage"
PARR = Path(sys.executable).parent / "parr"  # the console script, as a user runs it

# ---- nothing executed -----------------------------------------------------------------------

# Each planted file, if Python imported it or npm ran it, leaves a marker named after it.
_PLANT = 'import pathlib; pathlib.Path({marker!r}, {name!r}).write_text("ran")\n'


def _plant(repo: Path, markers: Path) -> list[str]:
    """Files that run code when imported or installed, each writing markers/<name> if it runs."""
    planted = {
        "conftest.py": "conftest",
        "sitecustomize.py": "sitecustomize",
        "usercustomize.py": "usercustomize",
        "parr/__init__.py": "parr-shadow",        # shadows parr itself
        "parr/cli.py": "parr-shadow-cli",
        "parr/scan/__init__.py": "parr-shadow-scan",
        "multiprocessing/__init__.py": "multiprocessing-shadow",  # what a spawned worker imports first
        "click/__init__.py": "click-shadow",
        "pydantic/__init__.py": "pydantic-shadow",
        "yaml/__init__.py": "yaml-shadow",
        "tree_sitter/__init__.py": "tree-sitter-shadow",
        "triage/__init__.py": "package-init",     # the agent's own package, with side effects
        "agents/__init__.py": "framework-shadow",
    }
    for rel, name in planted.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_PLANT.format(marker=str(markers), name=name))
    # A .pth file runs its `import` lines when it sits in a site directory.
    (repo / "evil.pth").write_text(f"import pathlib; pathlib.Path({str(markers)!r}, 'pth').write_text('ran')\n")
    scripts = {k: f"touch {markers}/npm-{k}" for k in ("preinstall", "install", "postinstall", "prepare", "prepack")}
    (repo / "package.json").write_text(json.dumps({"name": "evil", "version": "1.0.0", "scripts": scripts,
                                                   "dependencies": {"ai": "^4.0.0"}}))
    # Enough files that the scan extracts in worker processes.
    many = repo / "generated"
    many.mkdir()
    for i in range(260):
        (many / f"mod{i}.py").write_text(f"import triage\nfrom agents import function_tool\n\n@function_tool\n"
                                         f"def send_{i}(to: str) -> str:\n    return to\n")
    return sorted(planted.values()) + ["pth"] + [f"npm-{k}" for k in scripts]


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    repo = tmp_path / "agent"
    shutil.copytree(EXAMPLE, repo)
    markers = tmp_path / "markers"
    markers.mkdir()
    _plant(repo, markers)
    monkeypatch.setenv("PARR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PARR_TODAY", "2026-11-24")
    return repo, markers


_COMMANDS = [
    ["scan", ".", "--no-cache"],
    ["scan", ".", "--format", "json"],
    ["check", "."],
    ["check", ".", "--format", "sarif"],
    ["init", "fresh"],
    ["generate", "runbook", "."],
    ["generate", "dri", "."],
    ["traces", "lint", "traces/sample.jsonl"],
    ["traces", "signals", "traces/sample.jsonl"],
    ["policy", "test", "."],
]


def _prepare_init(repo: Path) -> None:
    fresh = repo / "fresh"
    if not fresh.exists():
        shutil.copytree(repo / "generated", fresh / "generated")
        (fresh / "conftest.py").write_text((repo / "conftest.py").read_text())


def test_nothing_in_the_repository_runs_in_process(planted: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, markers = planted
    _prepare_init(repo)
    monkeypatch.chdir(repo)
    for args in _COMMANDS:
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr, result.exception)
        assert sorted(p.name for p in markers.iterdir()) == [], args


@pytest.mark.skipif(not PARR.exists(), reason="the parr console script is not installed beside this Python")
def test_nothing_in_the_repository_runs_in_a_real_process(planted: tuple[Path, Path]) -> None:
    repo, markers = planted
    _prepare_init(repo)
    for args in _COMMANDS:
        done = subprocess.run([str(PARR), *args], cwd=repo, capture_output=True, text=True, timeout=300,
                              stdin=subprocess.DEVNULL)
        assert done.returncode in (0, 1), (args, done.returncode, done.stderr[-2000:])
        assert "Traceback" not in done.stderr
        assert sorted(p.name for p in markers.iterdir()) == [], args


@pytest.mark.parametrize("start_method", ["spawn", "forkserver"])
def test_spawned_scan_workers_do_not_import_from_the_repository(planted: tuple[Path, Path], start_method: str) -> None:
    """Where workers are new interpreters (macOS, Windows, Linux from Python 3.14), they start in
    the scanned repository as their working directory: its multiprocessing/ and parr/ must not load."""
    if sys.version_info < (3, 11):
        pytest.skip("3.10 keeps to fork where it can; PYTHONSAFEPATH needs 3.11")
    repo, markers = planted
    script = textwrap.dedent(f"""
        import multiprocessing, sys
        multiprocessing.set_start_method({start_method!r})
        from parr.cli import main
        sys.argv = ["parr", "scan", ".", "--no-cache", "--format", "json"]
        main()
    """)
    # As a script outside the repository, like the console script: the parent's sys.path starts
    # with the script's folder, not its working directory, and no -I/-P is handed down to workers.
    driver = markers.parent / "driver.py"
    driver.write_text(script)
    done = subprocess.run([sys.executable, str(driver)], cwd=repo, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["files_scanned"] > 260
    assert sorted(p.name for p in markers.iterdir()) == []


# ---- generated repositories -------------------------------------------------------------------

CASE_TIMEOUT = 60  # seconds for the three commands on one generated tree; a hang fails the case
COUNTS: dict[str, int] = {"trees": 0, "files": 0, "commands": 0, "exit_0": 0, "exit_1": 0, "exit_2": 0}

_PY_SNIPPETS = [
    "from agents import function_tool\n\n@function_tool\ndef send_email(to: str) -> str:\n    return to\n",
    "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('x')\n@mcp.tool()\ndef delete_row(id: int):\n    pass\n",
    "def f(:\n",  # syntax error
    "x = '\\ud800'\n",  # a lone surrogate in a literal
    "import os\nos.system('touch MARKER')\n",
]
_TS_SNIPPETS = [
    "import { tool } from 'ai';\nexport const t = tool({ description: 'x', parameters: z.object({}) });\n",
    "server.registerTool('rm', { description: 'delete' }, async () => {});\n",
    "export const x = `${`${`unterminated",
]


def _nested(kind: str, depth: int) -> str:
    opener, closer = {"obj": ("{a:", "}"), "call": ("f(", ")"), "arr": ("[", "]"), "paren": ("(", ")")}[kind]
    return "x = " + opener * depth + "1" + closer * depth + "\n"


_contents = st.one_of(
    st.sampled_from(_PY_SNIPPETS + _TS_SNIPPETS).map(str.encode),
    st.binary(max_size=512),                                         # random bytes, NULs included
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda t: t.encode("utf-16")),         # odd encodings, BOMs
    st.text(max_size=200).map(lambda t: t.encode("latin-1", "replace")),
    st.tuples(st.sampled_from(["import { tool } from 'ai';\nconst t = tool({});\n", "export const y = 1;\n",
                               "import OpenAI from 'openai';\nconst c = new OpenAI();\n", ""]),
              st.sampled_from(["obj", "call", "arr", "paren"]), st.integers(1, 30_000)).map(
        lambda k: (k[0] + _nested(k[1], k[2])).encode()),
    st.integers(1, 20_000).map(lambda n: ("x = " + "-" * n + "1\n").encode()),
    st.integers(1, 300_000).map(lambda n: ("from agents import function_tool\nimport " + "a." * n + "a\n").encode()),
    st.integers(1, 100_000).map(lambda n: ("import { tool } from 'ai';\nconst t = tool({ execute: " + "new " * n
                                           + "A });\n").encode()),
    st.integers(1, 20_000).map(lambda n: ("import { tool } from 'ai';\n@@@ {\n" + "server.tool('x', {}, f);\n" * n)
                               .encode()),
    st.integers(1, 200_000).map(lambda n: b"# " + b"x" * n + b"\n"),  # a huge line
    st.just(b"\xef\xbb\xbf" + _PY_SNIPPETS[0].encode()),
    # Runs that made the credential screen quadratic (tokentoken..., eyJ... without the dots).
    st.tuples(st.sampled_from([b"token", b"eyJaaaaaaaa", b"sk-aaaaaaaaaaaaaaaaaaaaaa ", b"api_key=", b"Bearer "]),
              st.integers(1, 100_000)).map(lambda k: k[0] * k[1]),
)
_name_part = st.one_of(
    st.sampled_from(["a", "src", "tools", "node_modules", ".git", "..", "-rf", "--output", "__init__", " "]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"), min_size=1, max_size=12),
    st.binary(min_size=1, max_size=8).filter(lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")),
)
_suffix = st.sampled_from([".py", ".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".pyi", "", ".gitignore"])
_files = st.lists(st.tuples(st.lists(_name_part, min_size=1, max_size=3), _suffix, _contents), max_size=8)
_gitignore = st.one_of(st.none(), st.text(max_size=200), st.sampled_from(
    ["*a" * 12 + "b\n", "**/" * 40 + "x\n", "!*\n*\n", "[z-a]\n", "\\\n", "*.py\n!keep.py\n"]))


def _to_bytes(part: str | bytes) -> bytes:
    return part if isinstance(part, bytes) else os.fsencode(part)


def _make_tree(root: Path, files: list, gitignore: str | None) -> int:
    made = 0
    base = os.fsencode(root)
    for parts, suffix, content in files:
        segments = [_to_bytes(p) for p in parts]
        segments = [s if s not in (b".", b"..") else s + b"_" for s in segments]
        segments[-1] += suffix.encode()
        path = base + b"/" + b"/".join(segments)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(content)
            made += 1
        except OSError:
            continue  # a name the file system refuses (too long, a file where a directory is)
    if gitignore is not None:
        (root / ".gitignore").write_text(gitignore, encoding="utf-8", errors="surrogatepass")
    return made


def _tree_state(root: Path) -> dict[bytes, tuple[int, float]]:
    state = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(root)):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st_ = os.lstat(path)
            state[path] = (st_.st_size, st_.st_mtime)
    return state


# Runs in a fresh interpreter (so that a hang is a timeout and a crash a signal, not the end of
# the test run): each command through click's runner, reporting what an uncaught exception
# would have printed as a traceback.
_DRIVER = textwrap.dedent("""
    import json, sys
    from click.testing import CliRunner
    from parr.cli import main
    out = []
    for args in json.loads(sys.argv[1]):
        r = CliRunner().invoke(main, args)
        crashed = r.exception is not None and not isinstance(r.exception, SystemExit)
        try:
            json.loads(r.stdout) if args[-1] == "json" and r.exit_code in (0, 1) else None
            valid = True
        except ValueError:
            valid = False
        out.append({"args": args, "exit": r.exit_code, "crashed": repr(r.exception) if crashed else None,
                    "stderr": r.stderr[-2000:], "json_ok": valid})
    print(json.dumps(out))
""")
_CASE_COMMANDS = [["scan", ".", "--format", "json"], ["scan", "."], ["check", ".", "--format", "json"]]


# Fixed seed and ~60 s by default; PARR_HOSTILE_EXAMPLES / PARR_HOSTILE_SEED run a longer or another search.
@seed(int(os.environ.get("PARR_HOSTILE_SEED", "20261206")))
# No shrinking phase: a failing tree is reported as drawn, within the time bound.
@settings(max_examples=int(os.environ.get("PARR_HOSTILE_EXAMPLES", "25")), deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=_files, gitignore=_gitignore, with_manifest=st.booleans())
def test_generated_trees_never_crash_hang_or_write(tmp_path_factory: pytest.TempPathFactory, files: list,
                                                  gitignore: str | None, with_manifest: bool) -> None:
    work = tmp_path_factory.mktemp("gen")
    repo = work / "repo"
    repo.mkdir()
    COUNTS["files"] += _make_tree(repo, files, gitignore)
    if with_manifest:
        shutil.copy(EXAMPLE / "parr.yaml", repo / "parr.yaml")
    COUNTS["trees"] += 1
    before = _tree_state(repo)
    env = {**os.environ, "PARR_CACHE_DIR": str(work / "cache"), "PARR_TODAY": "2026-11-24",
           "GIT_CEILING_DIRECTORIES": str(work)}
    try:
        done = subprocess.run([sys.executable, "-I", "-c", _DRIVER, json.dumps(_CASE_COMMANDS)], cwd=repo, env=env,
                              capture_output=True, text=True, errors="replace", timeout=CASE_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"scan/check hung for more than {CASE_TIMEOUT} s on a generated tree")
    assert done.returncode >= 0, f"parr died by signal {signal.Signals(-done.returncode).name}"
    assert done.returncode == 0, done.stderr[-3000:]
    for outcome in json.loads(done.stdout):
        COUNTS["commands"] += 1
        assert outcome["crashed"] is None, outcome
        assert outcome["exit"] in (0, 1, 2), outcome
        COUNTS[f"exit_{outcome['exit']}"] += 1
        if outcome["exit"] == 2:
            lines = [ln for ln in outcome["stderr"].splitlines() if ln.strip()]
            assert lines and all(ln.startswith("parr: ") for ln in lines), outcome
        assert outcome["json_ok"], outcome  # valid JSON (so valid UTF-8) whatever the file names
    assert _tree_state(repo) == before, "parr wrote into the scanned tree"


def teardown_module() -> None:
    # The counts of what the generated suite tried, for the record (pytest -s shows them).
    print(f"\ngenerated scan cases: {json.dumps(COUNTS)}", file=sys.stderr)
