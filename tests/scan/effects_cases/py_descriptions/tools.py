from langchain_core.tools import tool


# expect: name=style_guide mutating=false
@tool
def style_guide(topic: str) -> str:
    """Clear description for the writer: how the house style treats a topic."""
    return topic


# expect: name=call_log mutating=false
@tool
def call_log(day: str) -> str:
    """Records of calls made on a day."""
    return day


# expect: name=cache_reset mutating=true
@tool
def cache_reset(region: str) -> str:
    """Clear the cache of a region."""
    return region


# expect: name=pr_for_branch mutating=true
@tool
def pr_for_branch(branch: str) -> str:
    """Open a PR from a branch."""
    return branch


# expect: name=incident_intake mutating=true
@tool
def incident_intake(summary: str) -> str:
    """File an incident for the on-call team."""
    return summary


class _Pager:
    def __init__(self, lines: list[str]):
        self.lines, self.page = lines, 0

    def go(self, page: int) -> str:
        self.page = page
        return "\n".join(self.lines[page * 40:(page + 1) * 40])


pager = _Pager([])


# expect: name=output_page_at mutating=false
@tool
def output_page_at(page: int) -> str:
    """Move the viewport to the given page of the command's output."""
    return pager.go(page)


# expect: name=folder_slot mutating=true
@tool
def folder_slot(name: str) -> str:
    """Move the file to the archive folder."""
    return name
