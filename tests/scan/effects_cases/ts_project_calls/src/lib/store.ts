import { mkdir, writeFile } from "node:fs/promises";
import { existsSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import * as os from "node:os";

const ROOT = path.join(os.homedir(), ".notes");

export async function ensureRoot(): Promise<string> {
  await mkdir(ROOT, { recursive: true });  // its own storage directory: a no-op once there
  return ROOT;
}

export async function makeFolder(name: string): Promise<void> {
  const dir = path.join(ROOT, name);
  await mkdir(dir, { recursive: true });  // a folder the caller names: a write
}

export async function saveNote(name: string, body: string): Promise<void> {
  await writeFile(path.join(await ensureRoot(), name), body);
}

export function sessionsDir(): string {
  const dir = path.join(ROOT, "sessions");
  if (!existsSync(dir)) {
    mkdirSync(dir);  // made only where missing: a no-op once there
  }
  return dir;
}

export function archiveDir(name: string): string {
  const dir = path.join(ROOT, name);
  if (!existsSync(ROOT)) {
    mkdirSync(dir);  // guarded by another path's test: a write
  }
  return dir;
}
