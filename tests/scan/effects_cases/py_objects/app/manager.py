import os


class Panel:
    """The agent's own status panel: a notice only lands in a list in memory."""

    def __init__(self) -> None:
        self.notices: list[str] = []

    def notify_user(self, message: str) -> None:
        self.notices.append(message)

    def wipe_file(self, path: str) -> None:
        os.remove(path)


class SidePanel(Panel):
    """Its methods are its base's."""


class Relay:
    """Hands every other call on to a client made at run time: its methods are not in the code."""

    def __init__(self, client) -> None:
        self._client = client

    def __getattr__(self, name):
        return getattr(self._client, name)
