from typing import Any, List, Optional, Type

from crewai.tools import BaseTool
from pydantic import BaseModel, Field


class LookupInput(BaseModel):
    query: str
    paths: Optional[List[str]] = None


# expect: name=archive_lookup mutating=true typed=true caps=file_write
class ArchiveLookup(BaseTool):
    """Its store is declared Any; the agent code gives it an Archive, whose file_away copies files."""

    name: str = "archive_lookup"
    description: str = "Looks documents up, filing the given ones first."
    store: Any = Field(...)
    args_schema: Type[BaseModel] = LookupInput

    def _run(self, query: str, paths: Optional[List[str]] = None) -> str:
        if paths:
            self.store.file_away(paths)
        return ", ".join(self.store.find(query))


# expect: name=shelf_lookup mutating=false typed=true caps=-
class ShelfLookup(BaseTool):
    """Trap: the same field and calls, given a Shelf, whose methods only compute."""

    name: str = "shelf_lookup"
    description: str = "Looks documents up on the shelf."
    store: Any = Field(...)
    args_schema: Type[BaseModel] = LookupInput

    def _run(self, query: str, paths: Optional[List[str]] = None) -> str:
        if paths:
            self.store.file_away(paths)
        return ", ".join(self.store.find(query))
