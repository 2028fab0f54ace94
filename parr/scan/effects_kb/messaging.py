"""Messages that leave the process: e-mail (SendGrid, SES's send_email is in aws), SMS and calls
(Twilio), chat (Slack)."""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

SENDGRID = Family(
    name="sendgrid",
    what="sends e-mail",
    capability="email",
    py_modules=frozenset({"sendgrid"}),
    ts_modules=("@sendgrid/mail", "@sendgrid/client"),
    receivers=None,
    methods=frozenset({"send", "send_multiple", "sendMultiple"}),
)

TWILIO = Family(
    name="twilio",
    what="sends a message or places a call",
    py_modules=frozenset({"twilio"}),
    ts_modules=("twilio",),
    receivers=re.compile(r"messages|calls|verifications|conversations|faxes", re.I),
    methods=frozenset({"create", "update", "delete"}),
)

# slack_sdk WebClient methods are the Web API method names with '.' as '_' (chat_postMessage,
# conversations_archive); @slack/web-api keeps the dots (client.chat.postMessage). The verb is
# the first word after the namespace.
_SLACK_WRITES = frozenset(
    """post update delete schedule archive unarchive create invite kick join leave rename set close
    open upload add remove share revoke publish push mark complete""".split()
)
SLACK = Family(
    name="slack",
    what="posts or changes data in Slack",
    py_modules=frozenset({"slack_sdk", "slack", "slack_bolt", "slackclient"}),
    receivers=None,
    verbs=_SLACK_WRITES,
    min_words=1,
    namespaced=True,
    read_methods=frozenset({"conversations_history", "conversations_list", "conversations_info",
                            "conversations_members", "conversations_replies", "users_list", "users_info",
                            "search_messages", "auth_test", "files_info", "files_list"}),
    chain_requires=re.compile(r"client|slack|app|web|bot", re.I),
)
SLACK_JS = Family(
    name="slack",
    what="posts or changes data in Slack",
    ts_modules=("@slack/web-api", "@slack/bolt"),
    identifying=re.compile(r"(?:^|\.)(?:client|slack|web|app\.client)\.(?:chat|conversations|reactions|pins|"
                           r"reminders|bookmarks|usergroups)$"),
    verbs=_SLACK_WRITES,
    min_words=1,
    chain_requires=re.compile(r"(?:^|\.)(chat|conversations|files|reactions|pins|reminders|profile|views|"
                              r"bookmarks|usergroups)$"),
)

FAMILIES = (SENDGRID, TWILIO, SLACK, SLACK_JS)
