import { writeFileSync } from "node:fs";
import { withToolAuth, createToolHandler } from "./wrap";

async function noteLogic(input: { path: string }, { provider }: { provider: { log(p: string): Promise<string> } }) {
  await provider.log(input.path);  // a method named log of what the caller hands in: not the session's channel
  writeFileSync(input.path, "x");
  return { ok: true };
}

// mcp-ts-template's ToolDefinition: the function is under `logic`, wrapped by the project's helpers.
export const notePlaceTool = {
  // expect: name=note_place mutating=true
  name: "note_place",
  description: "A note's place",
  inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  logic: withToolAuth(["tool:notes:write"], createToolHandler(noteLogic)),
};
