from .base import Runner


class CliRunner(Runner):
    def _argv(self, prompt: str) -> list[str]:
        return ["agent-cli", "--yolo"]
