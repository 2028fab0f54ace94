"""Tool discovery: which tools an agent's code exposes to a model (DESIGN §3)."""
