from typing import Annotated, Any

from pydantic import Field

from agents import function_tool
from store.kinds import Labels, Payload

Extra = dict[str, Any]


# An imported alias of a free-form dict is as free-form as the dict.
# expect: name=keep_record mutating=true typed=false caps=-
@function_tool
def keep_record(text: str, payload: Annotated[Payload | None, Field(description="Any JSON")] = None) -> str:
    """Stores a record."""
    return text


# expect: name=tag_record mutating=true typed=true caps=-
@function_tool
def tag_record(record_id: str, labels: Labels) -> str:
    """Updates a record's labels."""
    return record_id


# An alias of this module, likewise.
# expect: name=merge_extra mutating=true typed=false caps=-
@function_tool
def merge_extra(record_id: str, extra: Extra) -> str:
    """Updates a record with extra fields."""
    return record_id
