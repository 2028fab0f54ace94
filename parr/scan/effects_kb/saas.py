"""SaaS APIs with object clients: GitHub (PyGithub objects, octokit), Apify (apify-client), PagerDuty (pdpyras,
python-pagerduty)."""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

# PyGithub: repo.create_issue, issue.edit, pull.merge, repo.update_file, label.delete,
# issue.add_to_labels, repo.create_git_ref; reads are get_*.
GITHUB = Family(
    name="github",
    what="changes GitHub data",
    py_modules=frozenset({"github", "githubkit"}),
    ts_modules=("@octokit/", "octokit"),
    receivers=re.compile(r"repo|issue|pull|pr\b|gh|github|org|user|ref|label|comment|branch|gist|octokit|rest", re.I),
    verbs=frozenset({"create", "edit", "update", "delete", "merge", "add", "remove", "set", "lock",
                     "unlock", "dismiss", "submit", "transfer", "replace", "enable", "disable", "rename"}),
    min_words=1,
    methods=frozenset({"createOrUpdateFileContents"}),
    read_methods=frozenset({"get", "list", "paginate"}),
)

# apify-client: client.actor(id).call(input) / .start(input) runs an Actor (a billed job on the platform; the
# input decides what it does), task(id).call too; runs are aborted, resurrected or metamorphed. Reads: get, list.
APIFY = Family(
    name="apify",
    what="runs or changes an Apify Actor or its storage",
    py_modules=frozenset({"apify_client", "apify"}),
    ts_modules=("apify-client", "apify"),
    receivers=re.compile(r"actor|task|run|apify|dataset|key_?value|store", re.I),
    identifying=re.compile(r"\bactor\(\)|\btask\(\)|actorClient|actor_client|taskClient|task_client", re.I),
    methods=frozenset({"call", "start", "abort", "resurrect", "metamorph", "reboot", "pushItems", "push_items",
                       "setRecord", "set_record", "deleteRecord", "delete_record"}),
    read_methods=frozenset({"get", "list", "listItems", "list_items", "getRecord", "get_record", "waitForFinish"}),
)

# pdpyras' APISession and python-pagerduty's RestApiV2Client (a requests.Session): rget/rpost/rput/rdelete send the
# HTTP method their name ends in and unwrap the result (jget/jpost/jput keep the JSON whole). The r/j-prefixed
# names are these clients' own, so no client needs identifying (a project wraps the client in its own getter).
# PUT and DELETE change the resource; POST is left to the tool's name and description, as a POST elsewhere is:
# PagerDuty's analytics endpoints are read with POST.
PAGERDUTY = Family(
    name="pagerduty",
    what="changes PagerDuty data",
    py_modules=frozenset({"pdpyras", "pagerduty"}),
    anywhere=True,
    methods=frozenset({"rput", "rdelete", "jput", "jdelete"}),
    read_methods=frozenset({"rget", "jget", "iter_all", "iter_cursor", "list_all", "dict_all"}),
    reads=frozenset({"rget", "jget", "iter_all", "iter_cursor", "list_all", "dict_all"}),
    read_what="reads PagerDuty data",
)

FAMILIES = (GITHUB, APIFY, PAGERDUTY)
