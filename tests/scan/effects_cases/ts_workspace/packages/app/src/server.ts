import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { Ref, Effect } from "effect";
import { z } from "zod";
import { shelve, shelfName } from "@acme/notes";
import { restack } from "shelfkit";

const server = new McpServer({ name: "app", version: "1.0.0" });

// expect: name=shelf_line mutating=true
server.tool("shelf_line", "A shelf line", { path: z.string(), line: z.string() }, async ({ path, line }) => {
  shelve(path, line);  // a function of the repository's own workspace package
  return { content: [{ type: "text", text: "ok" }] };
});

// expect: name=shelf_title mutating=false unverified=false
server.tool("shelf_title", "A shelf's title", { path: z.string() }, async ({ path }) => ({
  content: [{ type: "text", text: shelfName(path) }],
}));

// expect: name=shelf_layout mutating=false unverified=true
server.tool("shelf_layout", "A shelf layout", { path: z.string() }, async ({ path }) => {
  restack(path);  // a package from outside the repository: unknown
  return { content: [{ type: "text", text: "ok" }] };
});

// expect: name=shelf_tally mutating=false unverified=false
server.tool("shelf_tally", "A tally", { n: z.number() }, async ({ n }) => {
  const total = await Effect.runPromise(Effect.gen(function* () {
    const ref = yield* Ref.make(0);
    yield* Ref.set(ref, n);  // a reference of the program in memory
    return yield* Ref.get(ref);
  }));
  return { content: [{ type: "text", text: String(total) }] };
});
