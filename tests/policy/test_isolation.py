"""Policy engines that crash, hang or eat memory end as one clear problem; parr and its other checks go on.

Each input below took the whole parr process down (or ran for gigabytes) before the engines ran in a
child process: a nested Cedar policy (SIGSEGV in the parser), `with input as` in a Rego module and
deep Rego (gigabytes, then SIGSEGV in the query), a Rego comprehension and a Cedar schema whose request validation
grow without bound (memory), and a slow Rego array (time).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from parr.manifest.loader import load_manifest
from parr.policy.evaluate import evaluate_policies
from parr.policy.isolated import EngineProcess

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

NESTED_CEDAR = 'permit(principal, action, resource) when { ' + "(" * 700 + "true" + ")" * 700 + " };\n"
DEEP_REGO = "package refunds\n\nallow := " + "[" * 10000 + "1" + "]" * 10000 + "\n"
COMPREHENSION_REGO = (
    "package refunds\nimport rego.v1\n\nxs := numbers.range(1, 3000)\n"
    "allow if {\n\tcount([[a, b] | some a in xs; some b in xs]) < 0\n}\n"
)
LARGE_ARRAY_REGO = "package refunds\nimport rego.v1\n\nxs := [" + ",".join(["1"] * 60000) + "]\nallow if count(xs) < 0\n"


# rego-cpp 1.x: a module that uses `with input as`, loaded beside a rule that tests `in` a set literal,
# crashes any query (found through examples/billing-mcp's billing_test.rego).
IN_SET_REGO = 'package refunds\nimport rego.v1\n\ndefault allow := false\n\nallow if {\n\tinput.action in {"get_charge", "issue_refund"}\n}\n'
WITH_INPUT_TEST = (
    "package refunds_test\nimport rego.v1\nimport data.refunds\n\n"
    'test_refund if {\n\trefunds.allow with input as {"action": "issue_refund"}\n}\n'
)


def _exponential_schema(depth: int) -> str:
    """Each type holds two of the next: Cedar validates a request against 2**depth records."""
    lines = [f"type T{i} = {{a: T{i + 1}, b: T{i + 1}}};" for i in range(depth)]
    lines.append(f"type T{depth} = {{x: Long}};")
    lines.append("entity Agent;\nentity Tool;\nentity Charge;")
    lines.append('action "issue_refund" appliesTo { principal: [Agent], resource: [Charge], context: T0 };')
    return "\n".join(lines) + "\n"


def _rego(files: dict[str, str]) -> dict:
    return {"policies": {"engine": "rego", "files": list(files), "entrypoint": "data.refunds.allow",
                         "tests": [{"name": "refund", "request": {"action": "issue_refund"}, "expect": "deny"}]}}


CASES = {
    # name: (manifest patch, files, problem kind, words of the sentence)
    "nested-cedar": ({}, {"policies/refunds.cedar": NESTED_CEDAR}, "engine",
                     "the Cedar engine crashed (SIGSEGV) on policies/refunds.cedar"),
    "deep-rego": (_rego({"policies/refunds.rego": 1}), {"policies/refunds.rego": DEEP_REGO}, "engine",
                  "the Rego engine used more than 200 MiB of memory and was stopped on policies/refunds.rego"),
    "rego-comprehension": (_rego({"policies/refunds.rego": 1}), {"policies/refunds.rego": COMPREHENSION_REGO}, "engine",
                           "the Rego engine used more than 200 MiB of memory and was stopped on policies/refunds.rego"),
    "cedar-schema": (
        {"policies": {"schema": "policies/refunds.cedarschema"}},
        {"policies/refunds.cedarschema": _exponential_schema(20)}, "engine",
        "the Cedar engine used more than 200 MiB of memory and was stopped on policies/refunds.cedar, policies/refunds.cedarschema",
    ),
    "with-input-as": (
        _rego({"policies/refunds.rego": 1, "policies/refunds_test.rego": 1}),
        {"policies/refunds.rego": IN_SET_REGO, "policies/refunds_test.rego": WITH_INPUT_TEST}, "engine",
        "the Rego engine crashed (SIGSEGV) on policies/refunds_test.rego",
    ),
    "large-rego-array": (_rego({"policies/refunds.rego": 1}), {"policies/refunds.rego": LARGE_ARRAY_REGO}, "timeout",
                         "the Rego engine did not finish within 1 s on policies/refunds.rego"),
}


@pytest.fixture(autouse=True)
def _caps(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    monkeypatch.setenv("PARR_POLICY_MEMORY_MB", "200")
    # The memory cases need time to grow; the time case needs a short deadline.
    monkeypatch.setenv("PARR_POLICY_TIMEOUT", "1" if "array" in request.node.name else "30")


@pytest.mark.parametrize("name", list(CASES))
def test_engine_failure_is_one_problem_and_the_check_goes_on(make_repo, name: str) -> None:
    patch, files, kind, sentence = CASES[name]
    repo = make_repo(patch=patch, files=files)

    evaluation = evaluate_policies(load_manifest(repo / "parr.yaml"))
    assert evaluation is not None and not evaluation.evaluated
    engine_problems = [p for p in evaluation.problems if p.kind == kind]
    assert len(engine_problems) == 1, evaluation.problems
    assert sentence in engine_problems[0].message

    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json"])
    assert result.exit_code == 1, result.output  # NO-GO: what parr could not evaluate does not pass
    report = json.loads(result.stdout)["reports"][0]
    outcomes = {item["id"]: item["outcome"] for item in report["items"]}
    assert outcomes["POL-008"] == outcomes["POL-009"] == outcomes["POL-010"] == "error"
    # Nothing that needed the engine passes: validation is an error too when the engine died loading.
    if not evaluation.loaded:
        assert outcomes["POL-007"] == "error", outcomes["POL-007"]
    assert outcomes["POL-011"] != "pass"
    errors = [f for item in report["items"] if item["id"] == "POL-008" for f in item["findings"]]
    assert [f["outcome"] for f in errors] == ["error"] and sentence in errors[0]["message"], errors
    assert errors[0]["line"]  # the manifest's policies.files line
    assert outcomes["PERM-001"] != "error"  # the other checks ran
    assert len(outcomes) > 30


def test_policy_test_reports_a_crash_and_exits_2(make_repo) -> None:
    repo = make_repo(files={"policies/refunds.cedar": NESTED_CEDAR})
    result = CliRunner().invoke(main, ["policy", "test", str(repo), "--no-scan"])
    assert result.exit_code == 2
    assert "the Cedar engine crashed (SIGSEGV)" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_a_missing_engine_is_named_without_blaming_the_manifest(make_repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """No engine installed is the machine's problem: the sentence says what to install, not a parr.yaml line."""
    from parr.policy import engines

    monkeypatch.setitem(engines.ENGINE_MODULES, "cedar", "parr_no_such_engine_module")
    repo = make_repo(files={"policies/refunds.cedar": "permit(principal, action, resource);\n"})
    result = CliRunner().invoke(main, ["policy", "test", str(repo), "--no-scan"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("parr: the Cedar engine (parr_no_such_engine_module) is not installed"), lines
    assert "parr.yaml" not in lines[0]


def test_shipped_rego_test_module_in_policies_files(tmp_path: Path) -> None:
    """examples/billing-mcp's own billing_test.rego, listed under policies.files, crashed regopy."""
    repo = tmp_path / "billing-mcp"
    shutil.copytree(EXAMPLES / "billing-mcp", repo)
    manifest = repo / "parr.yaml"
    manifest.write_text(manifest.read_text().replace(
        "files: [policies/billing.rego]", "files: [policies/billing.rego, policies/billing_test.rego]"))
    import git

    git_repo = git.Repo.init(repo)
    with git_repo.config_writer() as config:
        config.set_value("user", "name", "Ingrid Halvorsen")
        config.set_value("user", "email", "ingrid@example.com")
    git_repo.git.add(A=True)
    git_repo.index.commit("billing agent")
    promote = ["rollout", "promote", str(repo), "--reason", "try", "--approver", "@finance-platform-eng"]
    for command, code in (
        (["check", str(repo), "--format", "json"], 1), (["policy", "test", str(repo), "--no-scan"], 2), (["rollout", "status", str(repo)], 0),
        (promote, 1),
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == code, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        assert "Traceback" not in result.output
        if command[0] != "policy":  # the policy report itself prints one line per problem
            assert "the Rego engine crashed (SIGSEGV) on policies/billing_test.rego" in result.output, command
    evaluation = evaluate_policies(load_manifest(manifest))
    assert evaluation is not None
    # Every module was loaded together when it crashed; leaving each out in turn names the one.
    assert [p.message for p in evaluation.problems if p.kind == "engine"] == [
        "the Rego engine crashed (SIGSEGV) on policies/billing_test.rego"
    ]


def test_one_process_answers_many_requests(make_repo) -> None:
    repo = make_repo()
    process = EngineProcess("cedar")
    with process:
        text = (repo / "policies/refunds.cedar").read_text()
        for _ in range(3):
            answer = process.ask({"op": "parse", "engine": "cedar", "text": text, "shown": "x.cedar"}, 5)
            assert answer["error"] is None and answer["ids"]
    assert process.started == 1


def _count_starts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The engines of the processes started from now on, in order."""
    from parr.policy import isolated

    started: list[str] = []
    real = isolated.EngineProcess._start

    def counting(self: EngineProcess, seconds: float):  # noqa: ANN202 - the real method's return
        started.append(self.engine)
        return real(self, seconds)

    monkeypatch.setattr(isolated.EngineProcess, "_start", counting)
    return started


def test_a_check_starts_one_engine_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """POL-002's parse of each file, the load and the evaluation all go to the same process."""
    from parr.facts import gather_facts

    started = _count_starts(monkeypatch)
    facts = gather_facts(load_manifest(EXAMPLES / "support-triage/parr.yaml"), scan_code=True)
    assert facts.policy_eval is not None and facts.policy_eval.evaluated
    assert [f.rule_ids for f in facts.policy_files]  # parsed through the same process
    assert started == ["cedar"]


def test_a_fleet_check_starts_each_engine_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`parr check --all` over agents with Rego and Cedar policies: one process per engine for the whole run,
    and none left running after it; each agent is still judged on its own policies."""
    from parr.policy import isolated

    for name in ("billing-mcp", "support-triage"):
        for copy in ("a", "b"):
            shutil.copytree(EXAMPLES / name, tmp_path / f"{name}-{copy}")
    started = _count_starts(monkeypatch)
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--all", "--format", "json", "--no-scan"],
                                env={"PARR_TODAY": "2026-11-24", "NO_COLOR": "1"})
    assert result.exit_code in (0, 1), result.output
    reports = json.loads(result.output)["reports"]
    assert len(reports) == 4
    assert sorted(started) == ["cedar", "rego"]
    assert isolated._sessions == []
    # each agent is judged as it is alone: the same items as a check of that agent by itself
    for name in ("billing-mcp-b", "support-triage-a"):
        alone = CliRunner().invoke(main, ["check", str(tmp_path / name), "--format", "json", "--no-scan"],
                                   env={"PARR_TODAY": "2026-11-24", "NO_COLOR": "1"})
        (mine,) = [r for r in reports if name in r["manifest"]]
        assert mine["items"] == json.loads(alone.output)["reports"][0]["items"]
        assert any(i.get("id", "").startswith("POL") for i in mine["items"])


def test_a_process_grown_past_half_its_cap_is_replaced_between_requests(make_repo) -> None:
    """A session keeps one process, but not one that came to hold over half the memory cap: an earlier
    agent's policies must not get a later one stopped for memory."""
    from parr.policy.isolated import engine_process, engine_session

    text = (make_repo() / "policies/refunds.cedar").read_text()
    with engine_session():
        with engine_process("cedar") as process:
            process.ask({"op": "parse", "engine": "cedar", "text": text, "shown": "x.cedar"}, 5)
            process.memory_mib = 10_000
        with engine_process("cedar") as again:
            assert again is process and process.started == 1  # well under half: kept
            again.ask({"op": "parse", "engine": "cedar", "text": text, "shown": "x.cedar"}, 5)
            process.memory_mib = 1  # any live interpreter holds more than half a MiB
        with engine_process("cedar") as third:
            assert third._child is None  # closed before this request
            third.memory_mib = 10_000
            answer = third.ask({"op": "parse", "engine": "cedar", "text": text, "shown": "x.cedar"}, 5)
            assert answer["error"] is None and process.started == 2


def test_the_engine_process_cannot_see_the_repository(make_repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -I` in an empty directory: a sitecustomize.py or a module beside the policies is never run."""
    marker = tmp_path / "ran"
    plant = f"open({str(marker)!r}, 'w').write('x')\n"
    repo = make_repo(files={"sitecustomize.py": plant, "cedarpy.py": plant, "policies/cedarpy.py": plant,
                            "usercustomize.py": plant, "startup.py": plant})
    # Everything that would make an ordinary `python` child import from the repository.
    monkeypatch.setenv("PYTHONPATH", f"{repo}:{repo / 'policies'}")
    monkeypatch.setenv("PYTHONSTARTUP", str(repo / "startup.py"))
    monkeypatch.setenv("PYTHONUSERBASE", str(repo))
    monkeypatch.chdir(repo)
    evaluation = evaluate_policies(load_manifest(repo / "parr.yaml"))
    assert evaluation is not None and evaluation.evaluated
    assert not marker.exists()


def test_an_abort_names_the_signal_and_the_engine_s_last_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """rego-cpp under memory pressure prints "Failed to initialise snmalloc." and aborts."""
    from parr.policy import isolated

    boot = "import os, sys; sys.stderr.write('noise\\nFailed to initialise snmalloc.\\n'); sys.stderr.flush(); os.abort()"
    monkeypatch.setattr(isolated, "_BOOT", boot)
    with EngineProcess("rego") as process, pytest.raises(isolated.EngineFailure) as failure:
        process.ask({"op": "parse", "engine": "rego", "text": "package x", "shown": "x.rego"}, 5)
    assert failure.value.kind == "crash"
    assert str(failure.value) == "the Rego engine crashed (SIGABRT): Failed to initialise snmalloc."


def test_an_exception_in_the_engine_process_is_one_line() -> None:
    with EngineProcess("cedar") as process:
        with pytest.raises(Exception) as failure:
            process.ask({"op": "no-such-op"}, 5)
        assert "\n" not in str(failure.value) and "KeyError" in str(failure.value)
        # The process survives a failed request and answers the next one.
        answer = process.ask({"op": "parse", "engine": "cedar", "text": "permit(principal, action, resource);", "shown": "a.cedar"}, 5)
        assert answer["error"] is None
    assert process.started == 1


def test_nothing_is_left_behind(make_repo, tmp_path, monkeypatch) -> None:
    import tempfile

    # A temp folder of the test's own: other parr processes on the machine make theirs in the shared one.
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own_tmp))
    repo = make_repo(files={"policies/refunds.cedar": NESTED_CEDAR})
    evaluate_policies(load_manifest(repo / "parr.yaml"))
    evaluate_policies(load_manifest(make_repo() / "parr.yaml"))
    assert not list(own_tmp.glob("parr-policy-*"))


@pytest.mark.parametrize(("raw", "seconds"), [
    ("inf", 3600.0), ("1e30", 3600.0), ("nan", 10.0), ("-1", 10.0), ("abc", 10.0), ("", 10.0), ("2.5", 2.5),
])
def test_the_deadline_is_a_number_parr_can_wait_for(monkeypatch: pytest.MonkeyPatch, raw: str, seconds: float) -> None:
    """`PARR_POLICY_TIMEOUT=inf` raised OverflowError in `parr check` before it was capped."""
    from parr.policy.bounded import timeout_seconds

    monkeypatch.setenv("PARR_POLICY_TIMEOUT", raw)
    assert timeout_seconds() == seconds
    assert timeout_seconds(float("inf")) == 3600.0


@pytest.mark.parametrize(("raw", "mib"), [("99999999999999999999", 512), ("\u0663", 512), ("0", 512), ("64", 64)])
def test_the_memory_cap_reads_plain_digits(monkeypatch: pytest.MonkeyPatch, raw: str, mib: int) -> None:
    from parr.policy.isolated import memory_limit_mib

    monkeypatch.setenv("PARR_POLICY_MEMORY_MB", raw)
    assert memory_limit_mib() == mib
