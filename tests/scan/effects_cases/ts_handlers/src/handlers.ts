import { writeFileSync } from "node:fs";

export async function saveNote({ path, text }: { path: string; text: string }) {
  writeFileSync(path, text);
  return { content: [{ type: "text", text: "ok" }] };
}

export async function noteCount({ path }: { path: string }) {
  return { content: [{ type: "text", text: String(path.length) }] };
}

export default async function keepNote({ path }: { path: string }) {
  writeFileSync(path, "kept");
  return { content: [{ type: "text", text: "ok" }] };
}
