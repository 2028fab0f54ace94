import { rmSync } from "node:fs";
import { defineHarnessTool } from "./define";

// A project's own tool maker taking the definition and its function side by side.
export const sweepTool = defineHarnessTool({
  // expect: name=scratch_sweep mutating=true
  definition: {
    name: "scratch_sweep",
    description: "The scratch folder",
    inputSchema: { type: "object", properties: { dir: { type: "string" } }, required: ["dir"] },
  },
  execute: ({ dir }: { dir: string }) => {
    rmSync(dir, { recursive: true });
    return "ok";
  },
});
