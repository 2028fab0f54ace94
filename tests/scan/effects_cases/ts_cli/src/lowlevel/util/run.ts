import { execFileSync } from "child_process";

// A project helper that runs whatever executable and arguments it is given (no tool API here).
export function runSafe(command: string, args: string[]): string {
  if (args.some((a) => a.startsWith("--kubeconfig"))) {
    throw new Error("flag not allowed");
  }
  return execFileSync(command, args, { encoding: "utf8" });
}
