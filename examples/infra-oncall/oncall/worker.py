"""Process entry point: holds the Postgres checkpointer open and serves the Slack bot's calls.

Checkpoints (the whole conversation, tool results included) are what let a paused thread wait
for the engineer; they are kept in the `langgraph` schema of the oncall-assistant database.
"""

from __future__ import annotations

from contextlib import contextmanager
from collections.abc import Iterator

from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.graph.state import CompiledStateGraph

from oncall.config import Settings
from oncall.graph import build_graph


@contextmanager
def running_graph(settings: Settings | None = None) -> Iterator[tuple[CompiledStateGraph, Settings]]:
    settings = settings or Settings.from_env()
    with PostgresSaver.from_conn_string(settings.checkpoint_db_url) as checkpointer:
        checkpointer.setup()
        yield build_graph(settings, checkpointer), settings
