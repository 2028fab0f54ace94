import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { joinVoiceChannel } from "@discordjs/voice";
import { Books } from "ledgerkit";
import i18next from "i18next";
import { z } from "zod";

const server = new McpServer({ name: "ledger", version: "1.0.0" });
const books = new Books({ region: "eu" });

// expect: name=ledger_entry mutating=false unverified=true
server.registerTool("ledger_entry", { description: "The ledger entry of one charge", inputSchema: { id: z.string() } },
  async ({ id }) => ({ content: [{ type: "text", text: JSON.stringify(await books.summarize(id)) }] }));

// expect: name=voice_channel mutating=false unverified=true
server.registerTool("voice_channel", { description: "The team's voice channel", inputSchema: { id: z.string() } },
  async ({ id }) => {
    joinVoiceChannel({ channelId: id });
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=export_snapshot mutating=false unverified=true
server.registerTool("export_snapshot", { description: "A snapshot of the ledger", inputSchema: { url: z.string() } },
  async ({ url }) => {
    await chrome.downloads.download({ url });  // a host API parr has no knowledge of
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=ledger_balance mutating=false unverified=false
server.registerTool("ledger_balance", { description: "Balance of an account", inputSchema: { account: z.string() } },
  async ({ account }) => ({ content: [{ type: "text", text: String(await books.getBalance(account)) }] }));

// expect: name=ledger_lines mutating=false unverified=false
server.registerTool("ledger_lines", { description: "Lines of an account", inputSchema: { account: z.string() } },
  async ({ account }) => {
    const lines = await books.accounts(account).listLines();  // an accessor, then a call that says it reads
    return { content: [{ type: "text", text: i18next.t("lines", { count: lines.length }) }] };
  });

// expect: name=ledger_sum mutating=false unverified=false
server.registerTool("ledger_sum", { description: "Sum of amounts", inputSchema: { amounts: z.array(z.number()) } },
  async ({ amounts }) => ({ content: [{ type: "text", text: amounts.reduce((a, b) => a + b, 0).toFixed(2) }] }));

class Keypad {
  press(key: string) { return books.enter(key); }
}

// expect: name=keypad_entry mutating=false unverified=true
server.registerTool("keypad_entry", { description: "The keypad", inputSchema: { key: z.string() } },
  async ({ key }) => {
    const pad = new Keypad();  // a class of this file: its method is read, and calls a package parr cannot read
    pad.press(key);
    return { content: [{ type: "text", text: "ok" }] };
  });
