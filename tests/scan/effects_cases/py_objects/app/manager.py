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
