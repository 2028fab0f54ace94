"""OpenAI Swarm (`swarm`): Agent(functions=[...]); a function returning an Agent hands the conversation off."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Framework

# Swarm sends each function under its own name (function_to_json: f.__name__), with the parameters
# of its signature minus `context_variables`, which Swarm fills in (catalog.INJECTED_PARAM_NAMES). A
# function whose every return is an Agent is a hand-off (core.handle_function_result): the extractor's
# returns_agent flag reads it for every family. Result(agent=..., context_variables=...) is Swarm's
# reply: a body that only updates the context variables and returns one changes nothing outside the run.
FRAMEWORKS = (
    Framework(
        label="swarm",
        roots=("swarm",),
        state_params=("context_variables",),
        reply_classes=("Result",),
    ),
)
