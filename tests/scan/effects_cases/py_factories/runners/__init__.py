from .base import Runner, Registry
from .cli import CliRunner

_RUNNERS = {"cli": CliRunner}


def make_runner(kind: str) -> Runner:
    return _RUNNERS.get(kind, Runner)()


def get_registry() -> Registry:
    return Registry()
