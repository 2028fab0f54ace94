"""A project's own tool base: it sends name, description and parameters to the model and runs execute()."""
from abc import ABC, abstractmethod

from pydantic import BaseModel


class BaseTool(ABC, BaseModel):
    name: str
    description: str
    parameters: dict = {}

    async def __call__(self, **kwargs):
        return await self.execute(**kwargs)

    @abstractmethod
    async def execute(self, **kwargs):
        """Runs the tool."""

    def to_param(self) -> dict:
        return {"type": "function",
                "function": {"name": self.name, "description": self.description, "parameters": self.parameters}}
