"""Google API discovery clients (googleapiclient): service.<resource>().<method>(...).execute().

Every Google REST resource names its methods after the REST verb's meaning: get/list/watch read;
insert, patch, update, delete, and the custom methods below change state. The receiver is always
a chain of resource collections (`service.users().messages()`), which is what identifies it."""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

GOOGLE_API = Family(
    name="google-api",
    what="changes Google Workspace/Cloud data",
    py_modules=frozenset({"googleapiclient", "apiclient"}),
    receivers=None,
    identifying=re.compile(r"^(?:self\.)?\w*(?:service|gmail|drive|calendar|sheets|docs|slides|youtube|people|"
                           r"directory|classroom)\w*\.", re.I),
    chain_requires=re.compile(r"\w\(\)$"),
    methods=frozenset(
        """insert patch update delete send trash untrash modify batchModify batchDelete batchUpdate
        import_ move copy create emptyTrash clear quickAdd append stop remove undelete""".split()
    ),
    # Gmail: users().messages().send() and users().drafts().send() send mail; drafts().create()
    # and messages().insert() only store a message in the mailbox
    method_caps=((re.compile(r"(?:messages|drafts)(?:\(\))?$"), "send", "email"),),
)

# googleapis for Node: gmail.users.messages.send({...}), drive.files.delete({...}): the same
# resources and methods, reached as properties instead of calls.
GOOGLE_API_JS = Family(
    name="google-api",
    what="changes Google Workspace/Cloud data",
    ts_modules=("googleapis", "@googleapis/"),
    identifying=re.compile(r"^(?:this\.)?\w*(?:gmail|drive|calendar|sheets|docs|slides|youtube|people|admin|"
                           r"classroom|tasks)\w*\.\w+", re.I),
    methods=GOOGLE_API.methods,
    method_caps=GOOGLE_API.method_caps,
)

FAMILIES = (GOOGLE_API, GOOGLE_API_JS)
