"""The package re-exports its drivers: tools import them from here."""
from .driver import GuardedDriver
from .driver import PlainDriver

__all__ = ["GuardedDriver", "PlainDriver"]
