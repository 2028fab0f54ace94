"""SaaS APIs with object clients: GitHub (PyGithub objects, octokit)."""

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

FAMILIES = (GITHUB,)
