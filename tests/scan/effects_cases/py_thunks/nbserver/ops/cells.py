import json
from pathlib import Path


class DropCellOp:
    """Removes a cell from a notebook file."""

    async def execute(self, path: str, index: int) -> str:
        doc = json.loads(Path(path).read_text())
        doc["cells"].pop(index)
        Path(path).write_text(json.dumps(doc))
        return "dropped"


class PeekCellOp:
    """Shows a cell of a notebook file."""

    async def execute(self, path: str, index: int) -> str:
        doc = json.loads(Path(path).read_text())
        return "".join(doc["cells"][index]["source"])
