import { spawn } from "node:child_process";
import { z } from "zod";
import { tool } from "ai";

function shellFor(command: string): { shell: string; args: string[] } {
  return process.platform === "win32"
    ? { shell: "powershell.exe", args: ["-NoProfile", "-Command", command] }
    : { shell: process.env.SHELL || "/bin/bash", args: ["-c", command] };
}

function collect(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve) => {
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.on("close", () => resolve(out));
  });
}

export const tools = {
  // What a local is built from is what it carries: the command line reaches the shell through a helper's
  // result (`const { shell, args } = shellFor(command)`) or a template (`${command} 2>&1`).
  // expect: name=terminal mutating=true typed=false caps=shell
  terminal: tool({
    description: "Run a command in the terminal",
    inputSchema: z.object({ command: z.string(), timeout: z.number().optional() }),
    execute: async ({ command }) => {
      const { shell, args } = shellFor(command);
      return collect(spawn(shell, args));
    },
  }),
  // expect: name=shell_line mutating=true typed=false caps=shell
  shell_line: tool({
    description: "Run a shell line and capture stderr too",
    inputSchema: z.object({ command: z.string(), cwd: z.string() }),
    execute: async ({ command, cwd }) => {
      const line = `${command} 2>&1`;
      return collect(spawn("bash", ["-c", line], { cwd }));
    },
  }),
  // Traps: an argument vector without a shell (`git log <branch>`), and a script given an argument (no `-c`),
  // take the model's words as arguments, not as a command line.
  // expect: name=branch_log mutating=false typed=true caps=-
  branch_log: tool({
    description: "Commits of a branch",
    inputSchema: z.object({ branch: z.string() }),
    execute: async ({ branch }) => collect(spawn("git", ["log", "--oneline", branch])),
  }),
  // expect: name=build_target mutating=true typed=true caps=shell
  build_target: tool({
    description: "Build one target of the project",
    inputSchema: z.object({ target: z.string() }),
    execute: async ({ target }) => {
      const script = "./scripts/build.sh";
      return collect(spawn("bash", [script, target]));
    },
  }),
};
