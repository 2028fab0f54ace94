"""The operations of a multiplexed tool, read from its schema: Python Literal and Enum annotations,
JSON-schema `enum` in Python and TypeScript, zod `z.enum` and unions of `z.literal`."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.scan.engine import scan_repository

PY = '''
from enum import Enum
from typing import Literal, Optional

from mcp.server.fastmcp import FastMCP
from mcp.types import Tool

mcp = FastMCP("notes")


class Folder(str, Enum):
    LIST = "list"
    ARCHIVE = "archive"


@mcp.tool()
def manage_notes(operation: Literal["create", "read", "delete"], note_id: Optional[int] = None) -> str:
    """Create, read or delete a note."""
    return "ok"


@mcp.tool()
def folders(action: Folder, name: str) -> str:
    """List or archive folders."""
    return "ok"


@mcp.tool()
def weather(city: str, unit: Literal["c", "f"]) -> str:
    """A Literal that picks no operation is not one."""
    return "sunny"


TOOLS = [Tool(name="tickets", description="Open or close a ticket",
              inputSchema={"type": "object", "properties": {"action": {"type": "string", "enum": ["open", "close"]},
                                                           "id": {"type": "integer"}}})]
'''

TS = '''
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "notes", version: "1.0.0" });

server.registerTool("manage_notes", {
  description: "Create, read or delete a note",
  inputSchema: { operation: z.enum(["create", "read", "delete"]).describe("what to do"), id: z.number().optional() },
}, async ({ operation }) => ({ content: [{ type: "text", text: operation }] }));

server.registerTool("folders", {
  description: "List or archive folders",
  inputSchema: { action: z.union([z.literal("list"), z.literal("archive")]), name: z.string() },
}, async ({ action }) => ({ content: [{ type: "text", text: action }] }));

server.registerTool("weather", {
  description: "Weather",
  inputSchema: { city: z.string() },
}, async ({ city }) => ({ content: [{ type: "text", text: city }] }));
'''


@pytest.mark.parametrize(("name", "text"), [("server.py", PY), ("server.ts", TS)])
def test_operations_come_from_the_schema(name: str, text: str, tmp_path: Path) -> None:
    (tmp_path / name).write_text(text)
    tools = {t.name: t for t in scan_repository(tmp_path, use_cache=False).tools}
    assert (tools["manage_notes"].operation_param, tools["manage_notes"].operations) == (
        "operation", ("create", "read", "delete"))
    assert (tools["folders"].operation_param, tools["folders"].operations) == ("action", ("list", "archive"))
    assert tools["weather"].operations == ()
    if name == "server.py":
        assert tools["tickets"].operations == ("open", "close")
