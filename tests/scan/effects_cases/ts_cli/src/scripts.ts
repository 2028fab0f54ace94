import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { spawn } from "child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "os";
import { join } from "path";
import { z } from "zod";
import { writeFile } from "./notes";

const server = new McpServer({ name: "terminal", version: "1.0.0" });

// A command written into a script with fs's own named import, then the script is run: the command is
// what runs (write-then-run), so the input is raw.
// expect: name=terminal_run mutating=true typed=false caps=file_write,shell
server.registerTool("terminal_run", { description: "Runs a command in a visible terminal",
  inputSchema: { command: z.string(), linger: z.number().optional() } },
  async ({ command, linger }) => {
    const dir = mkdtempSync(join(tmpdir(), "term-"));
    const script = join(dir, "run.sh");
    writeFileSync(script, ["#!/bin/bash", `( ${command} )`, `sleep ${linger ?? 0}`].join("\n"));
    const child = spawn("bash", [script], { stdio: "inherit" });
    return { content: [{ type: "text", text: String(child.pid) }] };
  });

// Trap: `writeFile` imported from the project's own module is not fs; the text is stored, and the command
// the tool runs is fixed.
// expect: name=note_and_sync mutating=true typed=true caps=shell
server.registerTool("note_and_sync", { description: "Keeps a note, then syncs the notebook",
  inputSchema: { text: z.string() } },
  async ({ text }) => {
    await writeFile(text);
    spawn("git", ["-C", "/srv/notes", "pull", "--rebase"]);
    return { content: [{ type: "text", text: "ok" }] };
  });
