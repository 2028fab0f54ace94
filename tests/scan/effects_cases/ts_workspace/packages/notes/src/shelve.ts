import { appendFileSync } from "node:fs";

export function shelve(path: string, line: string): void {
  appendFileSync(path, line + "\n");
}

export function shelfName(path: string): string {
  return path.split("/").pop() ?? path;
}
