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

# The MCP session a server's tool is handed (FastMCP Context, ServerSession, mcp-agent's
# upstream_session): telling the connected client that a list changed, asking its model for a
# completion (sampling: create_message) or listing its roots changes nothing outside the
# conversation. Progress and log lines are quiet like any log line, and elicitation asks the user
# (python/effects.py): a stub that only reports progress or asks still stands for what its name says.
MCP_SESSION = Family(
    name="mcp-session",
    what="",
    py_modules=frozenset({"mcp", "fastmcp", "mcp_agent"}),
    receivers=re.compile(r"session|\bctx\b|context|upstream", re.I),
    reads=frozenset(
        """send_resource_list_changed send_tool_list_changed send_prompt_list_changed send_resource_updated
        create_message list_roots""".split()),
    read_what="messages the connected MCP client",
)
# mcp-agent's augmented LLMs and workflows (src/mcp_agent/workflows/llm, parallel, router): building
# one for an agent and asking it for a completion reads; what the model may then do with the agent's
# MCP servers is the agent's (its server_names, read by the framework module).
MCP_AGENT_LLM = Family(
    name="mcp-agent",
    what="",
    py_modules=frozenset({"mcp_agent"}),
    receivers=re.compile(r"llm|router|parallel|orchestrat|optimizer|swarm|agent", re.I),
    reads=frozenset("attach_llm generate generate_str generate_structured".split()),
    read_what="asks the agent's model (mcp-agent)",
)
# Its executor (context.executor): execute(task, *args) runs a workflow task (read as a call of the
# task itself: python/extract.py), wait_for_signal waits for a workflow's resume signal.
MCP_AGENT_EXECUTOR = Family(
    name="mcp-agent-executor",
    what="",
    py_modules=frozenset({"mcp_agent"}),
    receivers=re.compile(r"executor\b", re.I),
    reads=frozenset("execute execute_many wait_for_signal".split()),
    read_what="runs or waits on a workflow task (mcp-agent executor)",
)

FAMILIES = (SENDGRID, TWILIO, SLACK, SLACK_JS, MCP_SESSION, MCP_AGENT_LLM, MCP_AGENT_EXECUTOR)
