"""OpenAI API (`openai`): raw function definitions, zodFunction(), hosted tool types."""

from parr.scan.evidence import OPENAI_HOSTED_TYPES
from parr.scan.typescript.frameworks.spec import Builtin, Factory, FrameworkSpec

SPEC = FrameworkSpec(
    id="openai",
    packages=("openai",),
    prefixes=("openai/",),
    factories=(
        Factory("zodFunction", "openai.zodFunction", name_keys=("name",), schema_keys=("parameters",), handler_keys=(),
                hook=lambda det, call, args, fw, fname: det._factory_tool(call, args, SPEC, SPEC.factory(fname)),
                read_for=("*",)),
        Factory("zodResponsesFunction", "openai.zodFunction", name_keys=("name",), schema_keys=("parameters",),
                handler_keys=(), hook=lambda det, call, args, fw, fname: det._factory_tool(call, args, SPEC, SPEC.factory(fname)),
                read_for=("*",)),
        # { type: "function", function: { name, description, parameters } } and its flat form
        Factory("<type: function>", "openai.raw_function_schema", name_keys=("name",), schema_keys=("parameters",),
                handler_keys=()),
    ),
    # { type: "web_search" } and the like in a tools array (shared with the Python scanner)
    builtins={t: Builtin(t, mut, typed, caps) for t, (mut, typed, caps) in OPENAI_HOSTED_TYPES.items()},
)
