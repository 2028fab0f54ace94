from typing import Any, Optional

# Type aliases the tools below are declared with, from another module.
Payload = dict[str, Any]
Labels = dict[str, str]
MaybePayload = Optional[Payload]
