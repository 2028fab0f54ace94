"""crewAI: @tool("Name"), BaseTool subclasses (names sanitised the way crewAI sends them)."""

from __future__ import annotations

from parr.scan.python.frameworks import crewai_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_CR = "crewai"
# crewai_tools' classes: the name each sends to the model (its default `name`, sanitised as crewAI
# does; an instance's name= overrides it) and what it does, read from the wheel by
# benchmarks/crewai_builtins.py. Code, SQL written by the model, file writes and browser automation
# change state.
_BUILTIN_CLASSES = {cls: Builtin(_CR, name, caps, mutating, typed)
                    for cls, (name, mutating, typed, caps) in _generated.CLASSES.items()}
# Classes earlier releases shipped that the current wheel no longer has (read from
# crewAIInc/crewAI-tools, 2025-10): code written against those releases still hands them over.
_BUILTIN_CLASSES.update({cls: b for cls, b in {
    "CodeInterpreterTool": Builtin(_CR, 'code_interpreter', ('code_execution',), True, False),
    "PDFTextWritingTool": Builtin(_CR, 'pdf_text_writing_tool', ('file_write',), True),
    "PGSearchTool": Builtin(_CR, 'search_a_databases_table_content', ('http',)),
}.items() if cls not in _BUILTIN_CLASSES})

FRAMEWORKS = (
    Framework(
        label="crewai",
        roots=("crewai", "crewai_tools"),
        decorators=(Decorator("tool", "crewai.tool_decorator", receiver=None),),
        tool_base_classes=("BaseTool",),
        class_style="crewai.BaseTool_subclass",
        builtin_classes=_BUILTIN_CLASSES,
    ),
)
