import asyncio

from code_sandboxes import CodeSandboxClient


class RunSnippetOp:
    """Runs a snippet on the notebook's kernel."""

    async def _on_kernel(self, client: CodeSandboxClient, snippet: str):
        return await asyncio.to_thread(client.execute, snippet)

    async def execute(self, client: CodeSandboxClient, snippet: str) -> str:
        result = await self._on_kernel(client, snippet)
        return str(result)
