"""Command-line tools run as processes: which subcommands only read and which change state, per CLI.

A tool that runs `kubectl get pods` reads; one that runs `kubectl rollout undo` changes the cluster.
Each `Cli` below lists the subcommand paths its documentation describes as reads (`kubectl get`,
`kubectl rollout status`, `helm list`, `git log`, `aws <service> describe-*`); every other subcommand
of that CLI changes state (fail closed), and so does a path parr cannot read. An executable that is not
listed here is not judged by this module (the scanners keep "runs a process" for it).

`classify(exe, words)` takes the executable and the words after it. A word is a string (a literal), a
`Slot` (a value of the tool's input, by field name) or None (a value parr could not read). Flags are
skipped (with their value, for the flags a CLI documents as taking one). A slot where the subcommand
goes makes a `Choice`: `decide_choice` then judges it from the values the schema allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence, Union

READ = "read"
WRITE = "write"
CHOICE = "choice"


@dataclass(frozen=True)
class Slot:
    """A word taken from the tool's input (`input.subCommand`, `args.action`)."""

    field: str


Word = Union[str, Slot, None]


@dataclass(frozen=True)
class Cli:
    """One command-line tool. `reads` are subcommand paths (words joined by spaces) that only read;
    `writes` are paths under a read one that change state again (`npm audit fix` under `npm audit`);
    `read_verbs` match the last word of the command where a CLI names operations by a verb
    (`aws ec2 describe-instances`, `gcloud compute instances list`); `groups` is how many words name the
    command before that verb (None: any number, as gcloud's and az's nested groups);
    `value_flags` take the next word as their value; `write_flags` make any command a write
    (`journalctl --vacuum-size=1G`)."""

    name: str
    exes: frozenset[str]
    reads: frozenset[str] = frozenset()
    writes: frozenset[str] = frozenset()
    read_verbs: re.Pattern[str] | None = None
    groups: int | None = 0
    value_flags: frozenset[str] = frozenset()
    write_flags: frozenset[str] = frozenset()
    all_read: bool = False  # every command reads (journalctl), except write_flags
    runs: frozenset[str] = frozenset()  # paths that run a command given after them (`kubectl exec pod -- ls`)


def _paths(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.split(",") if p.strip())


# kubectl (kubernetes.io/docs/reference/kubectl): get/describe/logs/explain/top/api-resources read;
# apply, create, delete, edit, patch, replace, scale, autoscale, label, annotate, set, rollout
# undo/restart/pause/resume, cordon/drain/taint, exec, cp, run, expose change state or run commands.
# port-forward and proxy open a local tunnel and change no object. `wait` and `diff` only read.
# (`oc`, OpenShift's kubectl, adds whoami/status/projects.)
_KUBECTL = Cli(
    name="kubectl", exes=frozenset({"kubectl", "oc", "kubectl.exe"}),
    reads=_paths("get, describe, logs, explain, top, api-resources, api-versions, version, cluster-info, diff, wait, "
                 "events, port-forward, proxy, completion, "
                 "config view, config get-contexts, config current-context, config get-clusters, config get-users, "
                 "auth can-i, auth whoami, rollout status, rollout history, plugin list, kustomize, "
                 "whoami, status, projects"),
    # `cluster-info dump --output-directory` writes files; `oc project <name>` switches the current project
    writes=_paths("cluster-info dump"),
    value_flags=frozenset({"-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server",
                           "--as", "--as-group", "--token", "-o", "--output", "-l", "--selector", "-c", "--container"}),
    runs=_paths("exec, debug, run, attach"),
)

# helm (helm.sh/docs/helm): list/status/get/show/search/history/template/lint/version read;
# install, upgrade, uninstall, rollback, repo add/update/remove, push, pull (writes a chart file),
# dependency update/build, plugin install change state.
_HELM = Cli(
    name="helm", exes=frozenset({"helm"}),
    reads=_paths("list, ls, status, get, show, inspect, search, history, hist, template, lint, version, env, verify, "
                 "repo list, repo ls, plugin list, plugin ls, dependency list, dep list, completion"),
    value_flags=frozenset({"-n", "--namespace", "--kube-context", "--kubeconfig", "-o", "--output"}),
)

# git (git-scm.com/docs): the interrogation commands read; everything that writes the index, the
# work tree, refs, config or a remote (add, commit, checkout, switch, reset, merge, rebase, push,
# fetch, pull, branch/tag with a name, stash, clean, rm, mv, init, clone, config) changes state.
_GIT = Cli(
    name="git", exes=frozenset({"git"}),
    reads=_paths("status, log, diff, show, ls-files, ls-tree, ls-remote, rev-parse, rev-list, blame, annotate, grep, "
                 "describe, shortlog, cat-file, merge-base, show-ref, for-each-ref, count-objects, version, "
                 "reflog show, remote show, remote get-url, whatchanged, name-rev, cherry, range-diff, "
                 "check-ignore, check-attr, var, help, diff-tree, diff-index, diff-files, verify-commit, verify-tag"),
    value_flags=frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace"}),
)

# GitHub CLI (cli.github.com/manual): `gh <noun> list|view|status|diff|checks` read, `gh search`,
# `gh browse`, `gh auth status`; `gh api` sends whatever method its flags say (POST with -f), so
# it is a write unless parr reads more (fail closed).
_GH = Cli(
    name="gh", exes=frozenset({"gh"}),
    reads=_paths("search, browse, version, status, auth status, auth token, run watch, pr checks, "
                 "repo view, repo list, gist view, gist list"),
    read_verbs=re.compile(r"^(list|ls|view|status|diff|checks|watch)$"),
    groups=1,
    value_flags=frozenset({"-R", "--repo", "--hostname"}),
)

# Docker / Podman (docs.docker.com/reference/cli): listing, inspecting, logs, stats read; run,
# start, stop, rm, rmi, build, pull, push, exec, create, kill, tag, commit, prune change state.
_DOCKER = Cli(
    name="docker", exes=frozenset({"docker", "podman", "nerdctl"}),
    reads=_paths("ps, images, inspect, logs, version, info, stats, top, history, search, diff, port, events, "
                 "container ls, container list, container ps, container inspect, container logs, container stats, "
                 "container top, container port, container diff, image ls, image list, image inspect, image history, "
                 "network ls, network list, network inspect, volume ls, volume list, volume inspect, "
                 "system df, system info, system events, context ls, context list, context inspect, context show, "
                 "compose ps, compose logs, compose config, compose ls, compose images, compose top, compose version, "
                 "compose events, compose port, manifest inspect, buildx ls, buildx inspect, node ls, node inspect, "
                 "service ls, service inspect, service logs, service ps, stack ls, stack ps, stack services, "
                 "secret ls, secret inspect, config ls, config inspect, plugin ls, plugin inspect, pod ps, pod ls, "
                 "pod inspect, pod logs, pod top, pod stats"),
    value_flags=frozenset({"-H", "--host", "--context", "--config", "-l", "--log-level", "-f", "--file", "-p",
                           "--project-name"}),
    runs=_paths("exec, run, container exec, container run, compose exec, compose run"),
)

# AWS CLI (docs.aws.amazon.com/cli): `aws <service> <operation>` with botocore's operation naming:
# describe-*, list-*, get-*, head-*, lookup-*, search-*, batch-get-*, query, scan, filter-*, select-*,
# simulate-*, estimate-*, validate-* read; every other operation changes AWS resources. The
# high-level `aws s3` commands: ls and presign read; cp, mv, rm, sync, mb, rb write.
_AWS = Cli(
    name="aws", exes=frozenset({"aws"}),
    reads=_paths("s3 ls, s3 presign, configure list, configure get, configure list-profiles, help, --version, "
                 "logs tail, sts get-caller-identity"),
    read_verbs=re.compile(r"^(describe|list|get|head|lookup|search|batch-get|filter|select|simulate|estimate|"
                          r"validate|query|scan|wait|view|preview|test|check|detect)(-|$)"),
    groups=1,
    value_flags=frozenset({"--region", "--profile", "--output", "--endpoint-url", "--query", "--color",
                           "--cli-read-timeout", "--cli-connect-timeout", "--ca-bundle"}),
)

# Google Cloud CLI (cloud.google.com/sdk/gcloud/reference): commands are nested groups ending in a
# verb; list, describe, get-iam-policy, get-value, read, tail, print-*-token read; create, delete,
# update, deploy, set-iam-policy, add-iam-policy-binding, ssh, scp, ... change state.
# get-credentials writes kubeconfig, so it is not a read.
_GCLOUD = Cli(
    name="gcloud", exes=frozenset({"gcloud", "bq", "gsutil"}),
    reads=_paths("info, version, config list, config get-value, config get, auth list, auth print-access-token, "
                 "auth print-identity-token, ls, cat, du, stat, show, head, help, projects list"),
    read_verbs=re.compile(r"^(list|describe|get-iam-policy|get-value|read|tail|print-access-token|"
                          r"print-identity-token|ls|cat|du|stat|show|head|search|lookup|get|list-\S+|describe-\S+|"
                          r"get-iam-policy|query)$"),
    groups=None,
    writes=_paths("get-credentials"),
    value_flags=frozenset({"--project", "--region", "--zone", "--format", "--account", "--configuration",
                           "--location", "--filter", "--limit", "--sort-by", "--project_id", "--location"}),
)

# Azure CLI (learn.microsoft.com/cli/azure): nested groups ending in a verb; list, show, list-*,
# show-*, get-*, query, exists, wait, version read; create, delete, update, set, start, stop,
# restart, deploy, assign change state.
_AZ = Cli(
    name="az", exes=frozenset({"az"}),
    reads=_paths("version, account show, account list, account get-access-token, find, help"),
    read_verbs=re.compile(r"^(list|show|get|query|exists|wait|version|check-\S+|list-\S+|show-\S+|get-\S+|"
                          r"browse|tail|download)$"),
    writes=_paths("download"),
    groups=None,
    value_flags=frozenset({"-g", "--resource-group", "--subscription", "-o", "--output", "--query", "-n", "--name"}),
)

# Terraform / OpenTofu (developer.hashicorp.com/terraform/cli/commands): plan, show, output,
# validate, graph, providers, version, state list/show, workspace list/show read; apply, destroy,
# import, init (downloads and writes .terraform), state mv/rm/push, taint, fmt (rewrites files) write.
_TERRAFORM = Cli(
    name="terraform", exes=frozenset({"terraform", "tofu", "terragrunt"}),
    reads=_paths("plan, show, output, validate, graph, providers, version, state list, state show, state pull, "
                 "workspace list, workspace show, console, metadata, test, help"),
    value_flags=frozenset({"-chdir"}),
)

# Package managers (docs.npmjs.com/cli, pip.pypa.io, docs.astral.sh/uv, pnpm, yarn): listing and
# inspecting read; install, uninstall, update, publish, run (a package script: runs code), exec,
# init, link, cache clean change state.
_NPM = Cli(
    name="npm", exes=frozenset({"npm", "pnpm", "yarn", "bun"}),
    reads=_paths("ls, list, la, ll, view, info, show, v, outdated, audit, search, s, find, whoami, root, prefix, "
                 "config get, config list, config ls, get, why, explain, fund, doctor, help, version, --version, "
                 "-v, query, ping, pkg get, licenses list"),
    writes=_paths("audit fix, version major, version minor, version patch, version prerelease, version premajor, "
                  "version preminor, version prepatch"),
    value_flags=frozenset({"--prefix", "-C", "--cwd", "--dir", "--filter", "-F", "--registry"}),
)
_PIP = Cli(
    name="pip", exes=frozenset({"pip", "pip3", "uv", "poetry", "conda", "pipx"}),
    reads=_paths("list, show, freeze, check, search, inspect, debug, help, --version, config list, config get, "
                 "index versions, pip list, pip show, pip freeze, pip check, pip tree, tree, version, info, "
                 "env list, run --help"),
    value_flags=frozenset({"--python", "-p", "--directory", "-n", "--name", "--prefix"}),
)

# systemd (man systemctl, journalctl): status, show, is-*, list-*, cat read; start, stop, restart,
# reload, enable, disable, mask, kill, daemon-reload change state. journalctl reads unless told to
# vacuum, rotate, flush or sync.
_SYSTEMCTL = Cli(
    name="systemctl", exes=frozenset({"systemctl", "service", "launchctl"}),
    reads=_paths("status, show, is-active, is-enabled, is-failed, is-system-running, list-units, list-unit-files, "
                 "list-timers, list-sockets, list-dependencies, list-jobs, list-machines, cat, get-default, "
                 "show-environment, help, list, print, blame"),
    value_flags=frozenset({"-H", "--host", "-M", "--machine", "-t", "--type", "--state", "-p", "--property"}),
)
_JOURNALCTL = Cli(
    name="journalctl", exes=frozenset({"journalctl"}), all_read=True,
    write_flags=frozenset({"--vacuum-size", "--vacuum-time", "--vacuum-files", "--rotate", "--flush", "--sync",
                           "--relinquish-var", "--smart-relinquish-var", "--setup-keys", "--update-catalog"}),
)

# Network diagnostics (man ping, traceroute, tracepath, mtr, dig, nslookup, host, whois): they send
# probes or lookups and print what comes back; none has a command or flag that changes state.
_NET_DIAG = Cli(
    name="network diagnostics", all_read=True,
    exes=frozenset({"ping", "ping6", "traceroute", "traceroute6", "tracepath", "mtr", "dig", "nslookup", "host",
                    "whois"}),
)
# FreeIPMI's ipmimonitoring and ipmi-sensors (freeipmi.org man pages) read a BMC's sensors; their only
# write is the local SDR cache (--sdr-cache-recreate, --flush-cache), not the machine they read.
_IPMI_SENSORS = Cli(name="ipmimonitoring", exes=frozenset({"ipmimonitoring", "ipmi-sensors"}), all_read=True)
# Android's adb (developer.android.com/tools/adb): `devices`, `get-state`, `get-serialno`, `version` read the
# host's device list; on the device, `shell getprop` (setprop sets), `shell pm list ...`, `shell dumpsys ...`
# and `shell settings get` only read. Every other command (install, push, shell input/am/rm, `shell wm size WxH`,
# a shell command the model writes) changes the device.
_ADB = Cli(
    name="adb", exes=frozenset({"adb", "adb.exe"}),
    reads=_paths("devices, get-state, get-serialno, get-devpath, version, help, "
                 "shell getprop, shell pm list, shell dumpsys, shell settings get"),
    value_flags=frozenset({"-s", "-t", "-H", "-P", "-L"}),
)
# go-ios (github.com/danielpaulus/go-ios, installed as `ios`): `list`, `info`, `version`, `apps` (the
# installed apps), `devicename`, `date`, `syslog`, `ps`, `devicestate list`, `image list` print what the device
# says; install, uninstall, launch, kill, runwda, pair, reboot, screenshot (a file) and the rest act.
_GO_IOS = Cli(
    name="go-ios", exes=frozenset({"ios", "go-ios"}),
    reads=_paths("list, info, version, apps, devicename, date, syslog, ps, devicestate list, image list"),
    value_flags=frozenset({"--udid", "--address", "--rsd-port", "--proxyurl"}),
)

# gptme-rag (github.com/gptme/gptme-rag, gptme_rag/cli.py; pypi.org/project/gptme-rag): `search` queries the
# index and `status` reports on it; `index`, `watch` (re-indexes as files change), `clean` (deletes the index),
# `mcp` (serves it) and `benchmark` write the index or run on.
_GPTME_RAG = Cli(
    name="gptme-rag", exes=frozenset({"gptme-rag"}),
    reads=_paths("search, status, --help, --version"),
)

CLIS: tuple[Cli, ...] = (_KUBECTL, _HELM, _GIT, _GH, _DOCKER, _AWS, _GCLOUD, _AZ, _TERRAFORM, _NPM, _PIP,
                         _SYSTEMCTL, _JOURNALCTL, _NET_DIAG, _IPMI_SENSORS, _GPTME_RAG, _ADB, _GO_IOS)
_BY_EXE = {exe: cli for cli in CLIS for exe in cli.exes}


def cli_of(exe: str | None) -> Cli | None:
    """The CLI an executable is (`/usr/local/bin/kubectl`, `kubectl.exe`, `KUBECTL`), or None."""
    if not exe:
        return None
    base = re.split(r"[\\/]", exe.strip())[-1]
    return _BY_EXE.get(base) or _BY_EXE.get(base.lower())


@dataclass(frozen=True)
class Decision:
    """What running `exe words...` does: READ, WRITE, or CHOICE (a subcommand word is the tool's
    input field `field`; `words` keep the Slot so values can be put in its place)."""

    kind: str
    evidence: str
    cli: str = ""
    words: tuple[Word, ...] = ()
    field: str = ""
    runs: tuple[str, ...] = ()  # input fields that become the command it runs (`kubectl exec pod -- <command>`)


def _shown(words: Sequence[Word]) -> str:
    return " ".join(w if isinstance(w, str) else f"<{w.field}>" if isinstance(w, Slot) else "<?>" for w in words)


def _command(cli: Cli, words: Sequence[Word]) -> tuple[list[Word], bool]:
    """The command words (flags and their values dropped), and whether a write flag was given.
    A flag parr cannot read (a Slot or None where a flag may be) does not hide the command words."""
    out: list[Word] = []
    write_flag = False
    skip = False
    for w in words:
        if skip:
            skip = False
            continue
        if isinstance(w, str) and w.startswith("-") and w not in cli.reads:
            flag = w.split("=", 1)[0]
            if flag in cli.write_flags:
                write_flag = True
            if "=" not in w and flag in cli.value_flags:
                skip = True
            continue
        out.append(w)
    return out, write_flag


def classify(exe: str | None, words: Sequence[Word]) -> Decision | None:
    """The decision for running `exe` with `words`, or None when `exe` is not a CLI listed here."""
    cli = cli_of(exe)
    if cli is None:
        return None
    cmd, write_flag = _command(cli, words)
    if write_flag:
        return Decision(WRITE, f"{cli.name} {_shown(cmd[:3])}: a flag that changes state", cli.name)
    if cli.all_read:
        return Decision(READ, f"{cli.name}: reads", cli.name)
    d = _decide(cli, cmd)
    for path in cli.runs:
        head = path.split()
        if d.kind == WRITE and cmd[:len(head)] == head:
            # the command is what follows `--`, or else what follows the pod / container / image
            after = list(words)[list(words).index("--") + 1:] if "--" in words else cmd[len(head) + 1:]
            fields = tuple(dict.fromkeys(w.field for w in after if isinstance(w, Slot)))
            if fields:
                return Decision(WRITE, f"{cli.name} {path}: runs a command the model writes ({', '.join(fields)})",
                                cli.name, runs=fields)
    return d


def _decide(cli: Cli, cmd: list[Word]) -> Decision:
    name = cli.name
    if not cmd:
        return Decision(READ, f"{name} with no subcommand: reads (prints help or status)", name)
    # The longest read path (or write override) the literal words start with.
    for n in range(min(len(cmd), 4), 0, -1):
        head = cmd[:n]
        if not all(isinstance(w, str) for w in head):
            continue
        path = " ".join(head)  # type: ignore[arg-type]
        if path in cli.writes:
            return Decision(WRITE, f"{name} {path}: changes state", name)
        if path in cli.reads:
            return Decision(READ, f"{name} {path}: reads", name)
    # Operation verbs: aws <service> <op>, gh <noun> <verb>, gcloud <groups...> <verb>.
    if cli.read_verbs is not None:
        verb_at = cli.groups if cli.groups is not None else None
        if verb_at is None:
            # nested groups: the verb is the last command word before the positional arguments; parr
            # takes the first word matching a verb, or a slot (a value it cannot read) as the verb
            for i, w in enumerate(cmd):
                if isinstance(w, str) and (w in cli.writes or cli.read_verbs.match(w)):
                    verb_at = i
                    break
                if not isinstance(w, str):
                    verb_at = i
                    break
        if verb_at is not None and verb_at < len(cmd):
            w = cmd[verb_at]
            if any(not isinstance(x, str) for x in cmd[:verb_at]):
                return _unread(cli, cmd, verb_at)
            shown = _shown(cmd[:verb_at + 1])
            if isinstance(w, str):
                if w not in cli.writes and cli.read_verbs.match(w):
                    return Decision(READ, f"{name} {shown}: reads", name)
                return Decision(WRITE, f"{name} {shown}: changes state", name)
            return _unread(cli, cmd, verb_at)
    # The first word that is not a literal: the command goes through a value parr did not read.
    for i, w in enumerate(cmd[:4]):
        if not isinstance(w, str):
            # only where a read path could still follow the literal words before it (`rollout <x>`);
            # after `apply` every value writes
            prefix = " ".join(cmd[:i]) + " "  # type: ignore[arg-type]
            if i == 0 or any(p.startswith(prefix) for p in cli.reads | cli.writes):
                return _unread(cli, cmd, i)
            break
    literal = [w for w in cmd[:2] if isinstance(w, str)][:1 if not _under_read(cli, cmd) else 2]
    return Decision(WRITE, f"{name} {_shown(literal)}: changes state", name)


def _under_read(cli: Cli, cmd: list[Word]) -> bool:
    """Whether the first word starts a read path (`config`, `rollout`): then the second word is shown."""
    return bool(cmd) and isinstance(cmd[0], str) and any(p.startswith(cmd[0] + " ") for p in cli.reads)


def _unread(cli: Cli, cmd: list[Word], at: int) -> Decision:
    w = cmd[at]
    if isinstance(w, Slot):
        return Decision(CHOICE, "", cli.name, tuple(cmd[:at + 1]), w.field)
    return Decision(WRITE, f"{cli.name} {_shown(cmd[:at + 1])}: a subcommand parr could not read, taken as "
                           "changing state", cli.name)


def decide_choice(cli_name: str, words: Sequence[Word], field_name: str,
                  values: Sequence[str] | None) -> tuple[bool, str]:
    """(changes state, evidence) for a subcommand the model picks: a write when any value the schema
    allows writes, a read when all read, a write when the schema does not restrict the field."""
    cli = next((c for c in CLIS if c.name == cli_name), None)
    shown = f"{cli_name} {_shown(words)}"
    if cli is None:
        return True, f"{shown}: the model picks the command"
    if not values:
        return True, f"{shown}: the model picks the subcommand (the schema allows any value), taken as changing state"
    writes = []
    for v in values:
        filled = [v if isinstance(w, Slot) and w.field == field_name else w for w in words]
        d = _decide(cli, list(filled))
        if d.kind != READ:
            writes.append(v)
    if writes:
        return True, f"{shown}: {', '.join(writes)} change state"
    return False, f"{shown}: every allowed value ({', '.join(values)}) reads"


# --- facts (JSON) form of a choice -----------------------------------------------------------

def choice_fact(d: Decision) -> dict:
    """A CHOICE decision as JSON-able facts (scanners cache them and judge them with the schema)."""
    return {"cli": d.cli, "field": d.field,
            "words": [w if isinstance(w, str) else {"field": w.field} if isinstance(w, Slot) else None for w in d.words]}


def choice_values(fact: dict, options: dict[str, list[str]] | None) -> list[str] | None:
    """The values the schema allows for a choice's field (None: not restricted)."""
    fname = str(fact.get("field") or "")
    for k, v in (options or {}).items():
        if k == fname or k.lower() == fname.lower():
            return [str(x) for x in v]
    return None


def judge_choice_fact(fact: dict, options: dict[str, list[str]] | None) -> tuple[bool, str]:
    """`decide_choice` for a choice read from facts, with the schema's enum fields (field -> values)."""
    words: list[Word] = [w if isinstance(w, str) else Slot(w["field"]) if isinstance(w, dict) else None
                         for w in fact.get("words") or []]
    fname = str(fact.get("field") or "")
    return decide_choice(str(fact.get("cli") or ""), words, fname, choice_values(fact, options))


def split_command(command: str) -> list[str]:
    """A command string as words (`kubectl get pods -n x`): shell-like splitting without running
    anything; the first pipeline stage only, up to `|`, `;`, `&&` (see `classify_command` for all)."""
    first = re.split(r"\|\||&&|[|;&\n]", command, maxsplit=1)[0]
    return [w.strip("'\"") for w in first.split()]


# Filters that only read their input, allowed after a pipe (`kubectl get pods | grep web`).
_PIPE_FILTERS = frozenset({"grep", "egrep", "fgrep", "head", "tail", "wc", "uniq", "cut", "jq", "tr", "column"})
_RANK = {READ: 0, CHOICE: 1, WRITE: 2}


def classify_command(command: str) -> Decision | None:
    """A command string a shell runs, every stage of it (`a | b`, `a; b`, `a && b`): the stage that
    changes most decides; None when a stage is not a CLI listed here (a read-only filter after a pipe
    aside), or the text substitutes commands (`$(...)`, backquotes) or redirects output (`>`)."""
    if re.search(r"\$\(|`|>|<\(", command):
        return None
    decisions: list[Decision] = []
    for sep, stage in _stages(command):
        words = [w.strip("'\"") for w in stage.split()]
        if not words:
            continue
        if sep == "|" and words[0] in _PIPE_FILTERS:
            continue
        d = classify(words[0], words[1:])
        if d is None:
            return None
        decisions.append(d)
    return max(decisions, key=lambda d: _RANK[d.kind]) if decisions else None


def _stages(command: str) -> list[tuple[str, str]]:
    """(separator before it, stage text) for each stage of a command line."""
    out: list[tuple[str, str]] = []
    sep = ""
    pos = 0
    for m in re.finditer(r"\|\||&&|[|;&\n]", command):
        out.append((sep, command[pos:m.start()]))
        sep, pos = m.group(0), m.end()
    out.append((sep, command[pos:]))
    return out
