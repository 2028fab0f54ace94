"""Which policy engines are installed, and the one line that says how to install a missing one."""

from __future__ import annotations

import importlib.util

# The engines are the `policy` extra: neither has wheels for every platform parr runs on (no
# musllinux wheel for cedarpy), so a plain `pip install parr` must work without them.
ENGINE_MODULES = {"cedar": "cedarpy", "rego": "regopy"}
ENGINE_NAMES = {"cedar": "Cedar", "rego": "Rego"}
INSTALL_HINT = "pip install 'parr[policy]'"


def engine_installed(engine: str) -> bool:
    """True when the engine's module can be imported; found without importing it (the engines are
    native code and run only in the engine process)."""
    try:
        return importlib.util.find_spec(ENGINE_MODULES[engine]) is not None
    except (ImportError, ValueError):
        return False


def missing_engine_sentence(engine: str) -> str:
    """What to do when an engine is absent, e.g. `the Cedar engine (cedarpy) is not installed ...`."""
    return (f"the {ENGINE_NAMES.get(engine, engine)} engine ({ENGINE_MODULES.get(engine, engine)}) is not installed, "
            f"so parr cannot evaluate the policies; install it with {INSTALL_HINT}")
