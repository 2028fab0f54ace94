"""browser-use: @registry.action / @controller.action / @tools.action on a Tools or Controller registry."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Framework

REGISTRY_BASES = frozenset({"Tools", "Controller"})

FRAMEWORKS = (Framework(label="browser-use", roots=("browser_use",), style_prefix="browser_use"),)
