import { tool } from "@langchain/core/tools";
import { z } from "zod";

declare const sandbox: { execute(id: string, code: string, env: string[]): Promise<{ output: string }> };
declare const runner: { run(task: string): Promise<string> };

export interface Operations {
  exec(command: string, cwd: string): Promise<{ exitCode: number }>;
}

async function runInSandbox(code: string, sandboxId: string) {
  const result = await sandbox.execute(sandboxId, code, []);
  return result.output;
}

// The sandbox's run method takes the code after the sandbox's id: the argument named code is what runs.
// expect: name=run_snippet mutating=true typed=false caps=shell
export const runSnippet = tool(
  async (args) => runInSandbox(args.code, "main"),
  { name: "run_snippet", description: "Run a snippet", schema: z.object({ code: z.string(), title: z.string() }) },
);

// An operations interface the caller may swap: it is handed the model's command (through locals) to run.
export function makeShellTool(cwd: string, ops: Operations) {
  // expect: name=shell mutating=true typed=false caps=-
  return tool(
    async ({ command, timeout }) => {
      const prefixed = `set -e\n${command}`;
      const context = { command: prefixed, cwd, timeout };
      const { exitCode } = await ops.exec(context.command, context.cwd);
      return String(exitCode);
    },
    { name: "shell", description: "Run a shell line", schema: z.object({ command: z.string(), timeout: z.number() }) },
  );
}

// Trap: the command the interface runs is fixed by the code; the model only names the folder to report on.
export function makeStatusTool(ops: Operations) {
  // expect: name=folder_status mutating=false typed=true caps=- unverified=true
  return tool(
    async ({ folder }) => {
      const command = "git status --short";
      return String((await ops.exec(command, folder)).exitCode);
    },
    { name: "folder_status", description: "Status of a folder", schema: z.object({ folder: z.string(), verbose: z.boolean() }) },
  );
}

// Trap: a runner's run method given a job name, not a command or code (mutating by its name verb only).
// expect: name=start_job mutating=true typed=true caps=-
export const startJob = tool(
  async ({ job }) => runner.run(job),
  { name: "start_job", description: "Start a named job", schema: z.object({ job: z.string() }) },
);

declare class LineBuilder {
  constructor(sub: string);
  flags(values: Record<string, unknown>): LineBuilder;
  build(): string;
}
declare const cliSession: { executeCommand(line: string): Promise<string> };

// Trap: a command line a builder makes of the model's flags; `source` names a log source, not code.
// expect: name=app_logs mutating=true typed=true caps=-
export const appLogs = tool(
  async ({ app, source }) => {
    const command = new LineBuilder("logs").flags({ app, source }).build();
    return cliSession.executeCommand(command);
  },
  { name: "app_logs", description: "Logs of an app", schema: z.object({ app: z.string(), source: z.string() }) },
);

// The model's SQL command written into the line the session runs.
// expect: name=db_console mutating=true typed=false caps=-
export const dbConsole = tool(
  async ({ app, command: sql }) => {
    const command = new LineBuilder("db:console").flags({ app, command: sql }).build();
    return cliSession.executeCommand(command);
  },
  { name: "db_console", description: "Open a database console", schema: z.object({ app: z.string(), command: z.string() }) },
);
