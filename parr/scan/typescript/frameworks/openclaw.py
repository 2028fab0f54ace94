"""OpenClaw plugins (`openclaw/plugin-sdk`): api.registerTool({ name, description, parameters, execute }, opts)."""

from parr.scan.typescript.frameworks.spec import FrameworkSpec, Registration

SPEC = FrameworkSpec(
    id="openclaw",
    packages=("openclaw",),
    prefixes=("openclaw/",),
    # One definition object (or a project function returning one), read by parr/scan/typescript/factories.py.
    registrations=(Registration("registerTool", "openclaw.registerTool"),),
)
