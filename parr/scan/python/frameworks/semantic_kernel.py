"""Semantic Kernel: @kernel_function methods of plugin classes, named Plugin-function by where the plugin is added."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Decorator, Framework

# Classes whose kernel functions the process runtime calls, not a model.
PROCESS_STEP_BASES = frozenset({"KernelProcessStep"})

FRAMEWORKS = (
    Framework(
        label="semantic-kernel",
        roots=("semantic_kernel",),
        style_prefix="semantic_kernel",
        decorators=(Decorator("kernel_function", "semantic_kernel.kernel_function", as_call=False),),
    ),
)
