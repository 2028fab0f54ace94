from abc import ABC, abstractmethod

from agents import function_tool


class Box(ABC):
    """A sandbox whose implementations are chosen at run time."""

    @abstractmethod
    def execute_command(self, command: str, timeout: int | None = None) -> str: ...

    @abstractmethod
    def send_command(self, name: str) -> str: ...


def current_box() -> Box:
    raise NotImplementedError


# expect: name=shell mutating=true typed=false caps=shell
@function_tool
def shell(command: str) -> str:
    """Run a shell command in the sandbox."""
    box = current_box()
    command = command.strip()
    return box.execute_command(command, timeout=30)


# expect: name=box_uptime mutating=true typed=true caps=shell
@function_tool
def box_uptime(verbose: bool) -> str:
    """How long the sandbox has been up."""
    return current_box().execute_command("uptime -p" if verbose else "uptime")


# expect: name=box_status mutating=true typed=true caps=-
@function_tool
def box_status(section: str) -> str:
    """The status of one section of the sandbox (a named command, not a command line: typed)."""
    return current_box().send_command(section)


def _run_snippet(snippet: str, results: dict) -> None:
    results["out"] = str(exec(snippet, {}))


# expect: name=run_snippet mutating=true typed=false caps=code_execution
@function_tool
def run_snippet(snippet: str, seconds: int) -> str:
    """Run a Python snippet in a worker process with a deadline."""
    import multiprocessing

    results: dict = {}
    worker = multiprocessing.Process(target=_run_snippet, args=(snippet, results))
    worker.start()
    worker.join(seconds)
    return str(results)


class Sampler:
    def _sample(self, rate: int, label: str) -> None:
        self.samples = [rate, label]

    # expect: name=sample_rate mutating=false typed=true caps=-
    @function_tool
    def sample_rate(self, rate: int) -> str:
        """Sample in a background thread at a rate."""
        import threading

        threading.Thread(target=self._sample, kwargs={"rate": rate, "label": "bg"}).start()
        return "sampling"
