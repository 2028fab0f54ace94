"""A project's own tool base (the template method): run() validates the input and calls run_impl(),
which each tool class fills in; its definition goes to the model client as a ToolSpec."""
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any


@dataclass
class ToolSpec:
    name: str
    description: str
    input_schema: dict


class AgentTool(ABC):
    name: str
    description: str
    input_schema: dict[str, Any]

    def run(self, tool_input: dict[str, Any]) -> str:
        self._check(tool_input)
        return self.run_impl(tool_input)

    def _check(self, tool_input: dict[str, Any]) -> None:
        missing = [k for k in self.input_schema.get("required", []) if k not in tool_input]
        if missing:
            raise ValueError(f"missing {missing}")

    @abstractmethod
    def run_impl(self, tool_input: dict[str, Any]) -> str:
        raise NotImplementedError

    def spec(self) -> ToolSpec:
        return ToolSpec(name=self.name, description=self.description, input_schema=self.input_schema)


class Described:
    """Trap base: it only describes itself; nothing in it runs a tool."""

    def summary(self) -> str:
        return f"{self.name}: {self.description}"
