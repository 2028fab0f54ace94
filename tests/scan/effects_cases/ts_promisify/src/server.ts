import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";

// A promisified process function is that function: `run(cmd)` of `run = promisify(exec)` runs cmd.
const run = promisify(exec);
const runFile = promisify(execFile);
// A promisified function of the project's own is no process.
const wait = promisify(setTimeout);

const server = new McpServer({ name: "ops", version: "1.0.0" });

// The helper is given the whole input and runs a local made from one of its fields: that field is executed.
// expect: name=shell_line mutating=true typed=false caps=shell
server.registerTool("shell_line", { description: "Run a line", inputSchema: { cmd: z.string(), cwd: z.string().optional() } },
  async (input) => await runLine(input));

async function runLine(input: Record<string, unknown> | undefined) {
  const cmd = String(input?.cmd);
  const { stdout } = await run(cmd, { cwd: input?.cwd ? String(input.cwd) : undefined });
  return { content: [{ type: "text" as const, text: stdout }] };
}

// A fixed program and a field that is only its argument: a process, but no raw command of the model's.
// expect: name=disk_usage mutating=true typed=true caps=shell
server.registerTool("disk_usage", { description: "Disk usage of a folder", inputSchema: { folder: z.string() } },
  async ({ folder }) => {
    const { stdout } = await runFile("/usr/local/bin/usage-report", [folder]);
    return { content: [{ type: "text" as const, text: stdout }] };
  });

// expect: name=idle_for mutating=false typed=true caps=-
server.registerTool("idle_for", { description: "Idle for some milliseconds", inputSchema: { ms: z.number() } },
  async ({ ms }) => {
    await wait(ms);
    return { content: [{ type: "text" as const, text: "done" }] };
  });
