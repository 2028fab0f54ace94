"""SaaS APIs with object clients: GitHub (PyGithub objects, octokit), Apify (apify-client)."""

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

FAMILIES = (GITHUB, APIFY)
