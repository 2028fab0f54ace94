import { tool } from "@langchain/core/tools";
import { HumanMessage } from "@langchain/core/messages";
import { z } from "zod";

declare const researcher: { invoke(state: unknown): Promise<{ messages: unknown[] }> };
declare const runs: { create(thread: string, body: unknown): Promise<{ id: string }> };
declare function complete(body: unknown): Promise<string>;
declare const repl: { eval(code: string): Promise<unknown> };
declare const mathParser: { eval(expr: string): number };

// The task becomes the text of a user's message to a sub-agent: the model writes a free prompt.
// expect: name=delegate mutating=false typed=false caps=-
export const delegate = tool(
  async ({ description, agent }) => {
    const state = { messages: [new HumanMessage({ content: description })], agent };
    const out = await researcher.invoke(state);
    return String(out.messages.length);
  },
  { name: "delegate", description: "Hand a task to a helper agent",
    schema: z.object({ description: z.string(), agent: z.string() }) },
);

// A plain chat message { role: "user", content } is not read as a prompt (labels count MCP sampling requests and
// a supervisor's messages written so as typed): only a framework's user-message class is.
// expect: name=follow_up mutating=true typed=true caps=-
export const followUp = tool(
  async (input) => {
    const run = await runs.create(input.threadId, { input: { messages: [{ role: "user", content: input.message }] } });
    return run.id;
  },
  { name: "follow_up", description: "Send a follow-up to a running agent",
    schema: z.object({ threadId: z.string(), message: z.string() }) },
);

// The request is written into a fixed template through a local: still the model's words.
// expect: name=ask_expert mutating=false typed=false caps=-
export const askExpert = tool(
  async ({ question }) => {
    const text = `Answer briefly: ${question}`;
    return complete({ messages: [new HumanMessage(text)] });
  },
  { name: "ask_expert", description: "Ask the expert model", schema: z.object({ question: z.string() }) },
);

// Trap: a document the model hands over to be summarized is data, not a request in words.
// expect: name=summarize_page mutating=false typed=true caps=-
export const summarizePage = tool(
  async ({ page }) => complete({ messages: [{ role: "user", content: `Summarize:\n${page}` }] }),
  { name: "summarize_page", description: "Summary of a page", schema: z.object({ page: z.string() }) },
);

// Trap: the model picks an id; the message text is fixed by the code.
// expect: name=nudge_run mutating=true typed=true caps=-
export const nudgeRun = tool(
  async ({ threadId }) => (await runs.create(threadId, { input: { messages: [{ role: "user", content: "continue" }] } })).id,
  { name: "nudge_run", description: "Tell a run to continue", schema: z.object({ threadId: z.string() }) },
);

// A REPL object's eval runs the model's code.
// expect: name=run_js mutating=true typed=false caps=code_execution
export const runJs = tool(
  async ({ code }) => JSON.stringify(await repl.eval(code)),
  { name: "run_js", description: "Evaluate JavaScript in the session", schema: z.object({ code: z.string() }) },
);

// Trap: a math parser's eval of an arithmetic expression runs no code.
// expect: name=calculate mutating=false typed=true caps=-
export const calculate = tool(
  async ({ expression }) => String(mathParser.eval(expression)),
  { name: "calculate", description: "Evaluate an arithmetic expression", schema: z.object({ expression: z.string() }) },
);

// Trap: the REPL evaluates a fixed snippet of the project; the model only gives a label (the call is said unread).
// expect: name=repl_status mutating=false typed=true caps=- unverified=true
export const replStatus = tool(
  async ({ label }) => `${label}: ${JSON.stringify(await repl.eval("globalThis.__status"))}`,
  { name: "repl_status", description: "Show the REPL's status", schema: z.object({ label: z.string() }) },
);
