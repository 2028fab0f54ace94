from typing import Any, ClassVar


class Tool:
    name: ClassVar[str]
    description: ClassVar[str]
    input_schema: ClassVar[dict[str, Any]]

    def to_params(self) -> dict:
        return {"name": self.name, "description": self.description, "input_schema": self.input_schema}

    def execute(self, **kwargs: Any) -> str:
        raise NotImplementedError
