import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { TIDY_SCRIPT } from "page-tidy";
import { prelude } from "./prelude.js";
import { z } from "zod";

const server = new McpServer({ name: "pages", version: "1.0.0" });
const WORD_COUNT = "return text.split(/\\s+/).length";
let lastScript = "return 0";

async function openPage(url: string): Promise<any> {
  return { url };
}

// a script a package ships, handed to the page function by page.evaluate: no text of the input, so no
// code execution (a page function that is not only a read still acts on the page)
// expect: name=page_outline mutating=true caps=browser
server.registerTool("page_outline", { description: "Outline of a page", inputSchema: { url: z.string() } },
  async ({ url }) => {
    const page = await openPage(url);
    const outline = await page.evaluate((script: string) => {
      const tidy = new Function("module", `${script}\nreturn module.exports`)({});
      return tidy(document.body);
    }, TIDY_SCRIPT);
    return { content: [{ type: "text", text: String(outline) }] };
  });

// a module constant compiled with Function(): fixed text
// expect: name=count_words mutating=false caps=-
server.registerTool("count_words", { description: "Count the words of a text", inputSchema: { text: z.string() } },
  async ({ text }) => ({ content: [{ type: "text", text: String(Function("text", WORD_COUNT)(text)) }] }));

// trap: the page function's parameter is the model's code
// expect: name=page_eval mutating=true caps=browser,code_execution
server.registerTool("page_eval", { description: "Evaluate in a page", inputSchema: { url: z.string(), code: z.string() } },
  async ({ url, code }) => {
    const page = await openPage(url);
    const out = await page.evaluate((src: string) => new Function(src)(), code);
    return { content: [{ type: "text", text: String(out) }] };
  });

// trap: a constant prefix spliced with the model's text
// expect: name=compute mutating=true caps=code_execution
server.registerTool("compute", { description: "Compute an expression", inputSchema: { expr: z.string() } },
  async ({ expr }) => ({ content: [{ type: "text", text: String(new Function(`${WORD_COUNT};return (${expr})`)()) }] }));

// trap: a project module's lower-case export and a `let` may hold anything
// expect: name=run_prelude mutating=true caps=code_execution
server.registerTool("run_prelude", { description: "Prepare the sandbox", inputSchema: { id: z.string() } },
  async ({ id }) => {
    new Function(prelude)();
    new Function(lastScript)();
    return { content: [{ type: "text", text: id }] };
  });

// trap: a page function not given to page.evaluate first
// expect: name=page_call mutating=true caps=code_execution
server.registerTool("page_call", { description: "Call into a page", inputSchema: { url: z.string() } },
  async ({ url }) => {
    const page = await openPage(url);
    await page.$eval("body", (el: any, src: string) => new Function(src)(), TIDY_SCRIPT);
    return { content: [{ type: "text", text: "ok" }] };
  });
