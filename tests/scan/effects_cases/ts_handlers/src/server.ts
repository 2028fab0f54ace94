import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { saveNote, noteCount } from "./handlers";
import keepNote from "./handlers";
import { archiveHandler } from "notes-sdk";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const path = { path: z.string() };

// expect: name=note_body mutating=true
server.tool("note_body", "A note's body", { ...path, text: z.string() }, saveNote);

// expect: name=note_size mutating=false unverified=false
server.tool("note_size", "A note's size", path, noteCount);

// expect: name=note_keep mutating=true
server.tool("note_keep", "A note", path, keepNote);

// expect: name=note_vault mutating=false unverified=true
server.tool("note_vault", "A note's archive", path, archiveHandler);
