import subprocess

from agents import function_tool


def _sh(line: str) -> str:
    return subprocess.run(line, shell=True, capture_output=True, text=True).stdout


# expect: name=maintenance mutating=true typed=false caps=shell
@function_tool
def maintenance(task: str) -> str:
    """Maintenance on the worker, as the model words it."""
    return _sh(task)


# expect: name=disk_usage mutating=true typed=true caps=shell
@function_tool
def disk_usage(mount: str) -> str:
    """Disk usage of a mount point (fixed program, the mount as its argument)."""
    return subprocess.run(["df", "-h", mount], capture_output=True, text=True).stdout


# expect: name=evaluate_formula mutating=true typed=false caps=code_execution
@function_tool
def evaluate_formula(formula: str) -> str:
    """The value of a spreadsheet formula."""
    return str(eval(formula))


def _restart(unit: str) -> str:
    return subprocess.run(["systemctl", "restart", unit], capture_output=True, text=True).stdout


# expect: name=service_health mutating=true typed=true caps=shell
@function_tool
async def service_health(unit: str) -> str:
    """A unit's health, after a restart run off the event loop."""
    import asyncio

    return await asyncio.to_thread(_restart, unit)
