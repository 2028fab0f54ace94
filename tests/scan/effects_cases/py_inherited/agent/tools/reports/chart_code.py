from agent.tools.reports.report_code import ReportCode


# expect: name=chart_code mutating=true typed=false caps=code_execution
class ChartCode(ReportCode):
    """No execute() of its own: it runs the one ReportCode has (which runs RunCode's), two files up."""

    name: str = "chart_code"
    description: str = "Runs Python code that draws a chart."
    parameters: dict = {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]}


# expect: name=count_words mutating=false typed=true caps=-
class CountWords(ReportCode):
    """Trap: its own execute() only computes; the inherited one is not what runs."""

    name: str = "count_words"
    description: str = "Counts the words of a text."
    parameters: dict = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}

    async def execute(self, text: str) -> int:
        return len(text.split())
