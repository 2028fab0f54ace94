"""The CLI knowledge base (parr.scan.effects_kb.cli): subcommands that read, that change state, and
subcommands the model picks, judged from the values its schema allows."""

from __future__ import annotations

import pytest

from parr.scan.effects_kb.cli import CHOICE, READ, WRITE, Slot, classify, decide_choice, judge_choice_fact, \
    choice_fact, split_command


@pytest.mark.parametrize(("exe", "words", "kind"), [
    ("kubectl", ["get", "pods", "-n", "prod"], READ),
    ("/usr/local/bin/kubectl", ["-n", "prod", "--context", "c1", "describe", "pod", "x"], READ),
    ("kubectl", ["rollout", "status", "deployment/x"], READ),
    ("kubectl", ["config", "view"], READ),
    ("kubectl", ["config", "use-context", "prod"], WRITE),
    ("kubectl", ["rollout", "undo", "deployment/x"], WRITE),
    ("kubectl", ["apply", "-f", Slot("path")], WRITE),
    ("kubectl", ["delete", "pod", None], WRITE),
    ("kubectl", ["rollout", None], WRITE),  # a subcommand parr cannot read: fail closed
    ("kubectl", [Slot("command")], CHOICE),
    ("kubectl", ["rollout", Slot("subCommand"), "x"], CHOICE),
    ("helm", ["list", "--all-namespaces"], READ),
    ("helm", ["upgrade", "r", "chart"], WRITE),
    ("helm", ["repo", "add", "x", "y"], WRITE),
    ("git", ["-C", "/repo", "log", "--oneline"], READ),
    ("git", ["push", "origin", "main"], WRITE),
    ("git", ["branch", "feature"], WRITE),  # lists without a name, creates with one: fail closed
    ("gh", ["pr", "list"], READ),
    ("gh", ["pr", "merge", "12"], WRITE),
    ("gh", ["api", "/repos/x/y"], WRITE),  # POSTs with -f: fail closed
    ("docker", ["ps", "-a"], READ),
    ("podman", ["run", "alpine"], WRITE),
    ("aws", ["ec2", "describe-instances", "--region", "eu-west-1"], READ),
    ("aws", ["--profile", "p", "s3", "ls"], READ),
    ("aws", ["s3", "rm", "s3://b/k"], WRITE),
    ("aws", ["iam", "detach-role-policy"], WRITE),
    ("gcloud", ["compute", "instances", "list"], READ),
    ("gcloud", ["container", "clusters", "get-credentials", "c"], WRITE),
    ("gcloud", ["run", "deploy", "svc"], WRITE),
    ("az", ["vm", "list"], READ),
    ("az", ["vm", "restart", "-n", "x"], WRITE),
    ("terraform", ["plan"], READ),
    ("terraform", ["apply", "-auto-approve"], WRITE),
    ("npm", ["audit"], READ),
    ("npm", ["audit", "fix"], WRITE),
    ("pip", ["install", "x"], WRITE),
    ("systemctl", ["status", "nginx"], READ),
    ("systemctl", ["restart", "nginx"], WRITE),
    ("journalctl", ["-u", "nginx"], READ),
    ("journalctl", ["--vacuum-time=2d"], WRITE),
    ("gptme-rag", ["search", Slot("query"), "--top-k", "5"], READ),
    ("gptme-rag", ["status"], READ),
    ("gptme-rag", ["index", Slot("path"), "--persist-dir", "/tmp/x"], WRITE),
    ("gptme-rag", ["clean", "--force"], WRITE),
    ("gptme-rag", ["watch", "."], WRITE),
    ("gptme-rag", [None, "x"], WRITE),  # a subcommand parr cannot read: fail closed
])
def test_classify(exe, words, kind):
    assert classify(exe, words).kind == kind


def test_unknown_executable_is_not_judged():
    assert classify("./bin/audit-tool", ["list"]) is None
    assert classify("rm", ["-rf", "/"]) is None


def test_choice_from_allowed_values():
    d = classify("kubectl", ["rollout", Slot("subCommand"), "deployment/x"])
    assert decide_choice(d.cli, d.words, d.field, ["status", "history"]) == (
        False, "kubectl rollout <subCommand>: every allowed value (status, history) reads")
    changes, why = decide_choice(d.cli, d.words, d.field, ["status", "undo", "restart"])
    assert changes and why == "kubectl rollout <subCommand>: undo, restart change state"
    changes, why = decide_choice(d.cli, d.words, d.field, None)
    assert changes and "allows any value" in why


def test_choice_through_facts():
    d = classify("kubectl", [Slot("command"), "pods"])
    fact = choice_fact(d)
    assert judge_choice_fact(fact, {"command": ["get", "describe"]})[0] is False
    assert judge_choice_fact(fact, {"command": ["get", "delete"]})[0] is True
    assert judge_choice_fact(fact, {"other": ["get"]})[0] is True  # its own field is not restricted


def test_split_command_first_stage_only():
    assert split_command("kubectl get pods | grep x; kubectl delete pod y") == ["kubectl", "get", "pods"]


@pytest.mark.parametrize(("command", "kind"), [
    ("kubectl get pods | grep web", READ),
    ("kubectl get pods; kubectl delete pod web", WRITE),  # every stage counts
    ("git fetch && git log", WRITE),
    ("git log | sort -o /tmp/x", None),  # a filter parr does not list: not judged here
    ("kubectl get pods > /tmp/pods", None),  # redirects write a file
    ("kubectl get $(cat name)", None),  # command substitution runs something else
])
def test_classify_command(command, kind):
    from parr.scan.effects_kb.cli import classify_command

    d = classify_command(command)
    assert (d.kind if d is not None else None) == kind


def test_commands_run_by_a_cli_name_the_fields_that_become_the_command():
    d = classify("kubectl", ["exec", Slot("pod"), "-n", "x", "--", "sh", "-c", Slot("script")])
    assert d.kind == WRITE and d.runs == ("script",)
    d = classify("docker", ["run", "--rm", Slot("image"), Slot("cmd")])
    assert d.runs == ("cmd",)
    assert classify("kubectl", ["delete", "pod", Slot("pod")]).runs == ()
