from agent.tools.run_code import RunCode


# expect: name=report_code mutating=true typed=false caps=code_execution
class ReportCode(RunCode):
    """Calls the base's execute() through super(): that one runs the code."""

    name: str = "report_code"
    description: str = "Runs Python code that writes a report."
    parameters: dict = {"type": "object", "properties": {"code": {"type": "string"}, "title": {"type": "string"}},
                        "required": ["code"]}

    async def execute(self, code: str, title: str = "", timeout: int = 5) -> dict:
        return await super().execute(code, timeout)


# expect: name=check_code mutating=false typed=true caps=-
class CheckCode(RunCode):
    """Trap: overrides execute() with one that only checks the code; the base's is never called."""

    name: str = "check_code"
    description: str = "Checks that Python code parses, without running it."
    parameters: dict = {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]}

    async def execute(self, code: str, timeout: int = 5) -> dict:
        try:
            compile(code, "<tool>", "exec", dont_inherit=True, flags=0x400)
        except SyntaxError as e:
            return {"ok": False, "error": str(e)}
        return {"ok": True}
