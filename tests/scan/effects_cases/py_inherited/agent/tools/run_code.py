import multiprocessing

from agent.tools.base import BaseTool


# expect: name=run_code mutating=true typed=false caps=code_execution
class RunCode(BaseTool):
    name: str = "run_code"
    description: str = "Runs Python code and returns what it prints."
    parameters: dict = {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]}

    def _target(self, code: str, out: dict) -> None:
        exec(code, {}, out)

    async def execute(self, code: str, timeout: int = 5) -> dict:
        out: dict = {}
        proc = multiprocessing.Process(target=self._target, args=(code, out))
        proc.start()
        proc.join(timeout)
        return out


# expect: name=count_lines mutating=false typed=true caps=-
class CountLines(BaseTool):
    name: str = "count_lines"
    description: str = "Counts the lines of a text."
    parameters: dict = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}

    async def execute(self, text: str) -> int:
        return len(text.splitlines())
