"""LiveKit Agents (`livekit.agents`): @function_tool (also raw_schema=), its built-in tools (EndCallTool, send_dtmf_events)."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _kw
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_LK = "livekit-agents"

# livekit-agents/livekit/agents/beta/tools: EndCallTool is a Toolset holding function_tool(
# name="end_call"), which ends the session and by default (delete_room=True) deletes the room,
# hanging up every participant, SIP callers included. send_dtmf_events sends DTMF tones into a
# phone call (an IVR); AgentSession(ivr_detection=True) hands it to the model (voice/ivr).
_END_CALL = Builtin(_LK, "end_call", mutating=True, schema="framework_defined",
                    description="Ends the call (deletes the room by default).")
_SEND_DTMF = Builtin(_LK, "send_dtmf_events", mutating=True, schema="framework_defined",
                     description="Sends DTMF tones into the phone call.")



def _hosted(name: str, caps: tuple[str, ...] = (), mutating: bool = False, typed: bool = True) -> Builtin:
    return Builtin(_LK, name, caps, mutating, typed)


# Provider tools of the livekit-plugins-* packages (`<plugin>/tools.py`, llm.ProviderTool
# subclasses): the model provider runs them; the name is the definition's "type"/"name".
# Classes shared by several plugins (WebSearch, FileSearch) mean the same tool in each.
_PROVIDER_TOOLS = {
    "WebSearch": _hosted("web_search", ("http",)),
    "XSearch": _hosted("x_search", ("http",)),
    "FileSearch": _hosted("file_search"),
    "GoogleSearch": _hosted("google_search", ("http",)),
    "GoogleMaps": _hosted("google_maps", ("http",)),
    "URLContext": _hosted("url_context", ("http",)),
    "DocumentLibrary": _hosted("document_library"),
    "CodeInterpreter": _hosted("code_interpreter", ("code_execution",), True, False),
    "ToolCodeExecution": _hosted("code_execution", ("code_execution",), True, False),
    "ComputerUse": _hosted("computer", ("computer_use",), True),
    # a Mistral connector runs whatever the connected service offers: taken as changing state
    "Connector": _hosted("connector", ("mcp_remote",), True),
}


def _agent_session(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """AgentSession(ivr_detection=True): the session gives the model send_dtmf_events."""
    if fw_q != _LK:
        return False
    v = _kw(node, "ivr_detection")
    if isinstance(v, ast.Constant) and v.value is True:
        ex.builtin_cand(_SEND_DTMF, node.lineno, "builtin_tool_instance")
    return False  # the call's tools=, if any, are still read as a tools position


FRAMEWORKS = (
    Framework(
        label=_LK,
        roots=("livekit",),
        style_prefix="livekit",
        decorators=(
            # @function_tool, @llm.function_tool(name=...), function_tool(fn, name=...) and
            # @function_tool(raw_schema={"name": ..., "description": ..., "parameters": {...}})
            Decorator("function_tool", "livekit.function_tool", schema_kw="raw_schema"),
        ),
        builtin_toolsets={"EndCallTool": (_END_CALL,)},
        builtin_classes=_PROVIDER_TOOLS,
        builtin_class_words=False,
        builtin_instances={"send_dtmf_events": _SEND_DTMF},
        call_hooks={"AgentSession": (_agent_session,)},
    ),
)
