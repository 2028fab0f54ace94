import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { EventEmitter } from "node:events";
import { Socket } from "netkit";
import { z } from "zod";
import { rmSync } from "node:fs";
import { DeviceCli } from "./devicecli";
import { Recorder } from "./base";

const server = new McpServer({ name: "devices", version: "1.0.0" });
const cli = new DeviceCli();

// expect: name=device_reboot mutating=true
server.registerTool("device_reboot", { description: "Device control", inputSchema: { device: z.string() } },
  async ({ device }) => ({ content: [{ type: "text", text: cli.reboot(device) }] }));

// expect: name=device_version mutating=false unverified=false
server.registerTool("device_version", { description: "The CLI version", inputSchema: {} },
  async () => ({ content: [{ type: "text", text: cli.version() }] }));

class Journal extends Recorder {
  note(path: string, line: string) {
    this.persist(path, line);  // a method of the base class of another file
  }
}

// expect: name=journal_line mutating=true
server.registerTool("journal_line", { description: "A journal line", inputSchema: { path: z.string(), line: z.string() } },
  async ({ path, line }) => {
    new Journal().note(path, line);
    const j = new Journal();
    j.note(path, line);
    return { content: [{ type: "text", text: "ok" }] };
  });

class Pinger extends EventEmitter {
  private last = 0;
  ping(host: string) {
    this.emit("ping", host);  // EventEmitter's own event in this process
    return this.format(host);
  }
  private format = (host: string) => `pong ${host}`;
}

// expect: name=ping_host mutating=false unverified=false
server.registerTool("ping_host", { description: "A ping", inputSchema: { host: z.string() } },
  async ({ host }) => {
    const p = new Pinger();
    return { content: [{ type: "text", text: p.ping(host) }] };
  });

class Line extends Socket {
  open(host: string) {
    return this.dial(host);  // the package's base class: parr cannot read what dial does
  }
}

// expect: name=line_status mutating=false unverified=true
server.registerTool("line_status", { description: "A line", inputSchema: { host: z.string() } },
  async ({ host }) => {
    const l = new Line();
    l.open(host);
    return { content: [{ type: "text", text: "ok" }] };
  });

class Store {
  private rows: string[] = [];
  add(row: string) { this.rows.push(row); return this.rows.length; }
  wipe(dir: string) { return this.remove(dir); }
  private remove = (dir: string) => rmSync(dir, { recursive: true });
}

// expect: name=store_count mutating=false unverified=false
server.registerTool("store_count", { description: "Rows kept in memory", inputSchema: { row: z.string() } },
  async ({ row }) => ({ content: [{ type: "text", text: String(new Store().add(row)) }] }));

// expect: name=scratch_dir mutating=true
server.registerTool("scratch_dir", { description: "The scratch directory", inputSchema: { dir: z.string() } },
  async ({ dir }) => {
    const s = new Store();
    s.wipe(dir);
    return { content: [{ type: "text", text: "ok" }] };
  });
