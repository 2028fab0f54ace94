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
