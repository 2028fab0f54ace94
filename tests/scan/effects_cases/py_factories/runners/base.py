import asyncio


class Runner:
    async def run(self, prompt: str) -> str:
        argv = self._argv(prompt)
        proc = await asyncio.create_subprocess_exec(*list(argv), stdin=asyncio.subprocess.PIPE)
        out, _ = await proc.communicate(prompt.encode())
        return out.decode()

    def _argv(self, prompt: str) -> list[str]:
        return ["agent-cli", "--yes"]


class Registry:
    def __init__(self):
        self.entries = {}

    def is_known(self, name: str, alias_source) -> bool:
        # a private helper of another object: what it does is its own body's business, not a client API
        return alias_source._resolve_alias(name) in self.entries
