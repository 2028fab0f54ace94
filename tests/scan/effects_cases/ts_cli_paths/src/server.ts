import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { phoneModel, phoneTouch, phoneShell, phonePackages, listPhones, adbOn, iosInfo, iosInstall, grab, configured } from "./phone.js";

const server = new McpServer({ name: "phones", version: "1.0.0" });

// expect: name=list_phones mutating=false caps=file_read
server.registerTool("list_phones", { description: "Phones attached", inputSchema: {} },
  async () => ({ content: [{ type: "text", text: listPhones() }] }));

// expect: name=phone_model mutating=false caps=file_read
server.registerTool("phone_model", { description: "Model of a phone", inputSchema: { serial: z.string() } },
  async ({ serial }) => ({ content: [{ type: "text", text: phoneModel(serial) }] }));

// expect: name=iphone_info mutating=false caps=-
server.registerTool("iphone_info", { description: "About an iPhone", inputSchema: { udid: z.string() } },
  async ({ udid }) => ({ content: [{ type: "text", text: iosInfo(udid) }] }));

// trap: the rest parameter's words are a write
// expect: name=phone_touch mutating=true caps=file_read,shell
server.registerTool("phone_touch", { description: "A point on a phone", inputSchema: { serial: z.string(), x: z.string(), y: z.string() } },
  async ({ serial, x, y }) => ({ content: [{ type: "text", text: phoneTouch(serial, x, y) }] }));

// trap: the model's words after `adb shell`
// expect: name=phone_shell mutating=true caps=file_read,shell
server.registerTool("phone_shell", { description: "On a phone", inputSchema: { serial: z.string(), command: z.string() } },
  async ({ serial, command }) => ({ content: [{ type: "text", text: phoneShell(serial, command) }] }));

// trap: a spread of the caller's own list is words parr does not follow
// expect: name=phone_packages mutating=true caps=file_read,shell
server.registerTool("phone_packages", { description: "Packages of a phone", inputSchema: { serial: z.string(), extra: z.array(z.string()) } },
  async ({ serial, extra }) => ({ content: [{ type: "text", text: phonePackages(serial, extra) }] }));

// trap: go-ios install
// expect: name=iphone_app mutating=true caps=shell
server.registerTool("iphone_app", { description: "An app for an iPhone", inputSchema: { udid: z.string(), app: z.string() } },
  async ({ udid, app }) => ({ content: [{ type: "text", text: iosInstall(udid, app) }] }));

// trap: a path function that may name two programs
// expect: name=grab_screen mutating=true caps=shell
server.registerTool("grab_screen", { description: "The screen", inputSchema: {} },
  async () => ({ content: [{ type: "text", text: grab() }] }));

// trap: a path function returning its argument
// expect: name=configured_tool mutating=true caps=shell
server.registerTool("configured_tool", { description: "The configured tool", inputSchema: { tool: z.string() } },
  async ({ tool }) => ({ content: [{ type: "text", text: configured({ tool }) }] }));

// the rest helper called from another file: its words after the fixed ones
// expect: name=phone_battery mutating=false caps=file_read
server.registerTool("phone_battery", { description: "Battery of a phone", inputSchema: { serial: z.string() } },
  async ({ serial }) => ({ content: [{ type: "text", text: adbOn(serial, "dumpsys", "battery") }] }));

// trap: the same helper from another file, with a word that acts
// expect: name=phone_reboot_app mutating=true caps=file_read,shell
server.registerTool("phone_reboot_app", { description: "Restart an app", inputSchema: { serial: z.string(), app: z.string() } },
  async ({ serial, app }) => ({ content: [{ type: "text", text: adbOn(serial, "am", "force-stop", app) }] }));
