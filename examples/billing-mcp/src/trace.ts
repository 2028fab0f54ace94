/**
 * One JSON line per tool call on stdout, picked up by the platform's log shipper (Vector →
 * Loki, 30 days). Customer e-mail addresses and free-text notes are hashed, never logged raw.
 */
import { createHash } from "node:crypto";

import type { PolicyDecision } from "./clients.js";

export const AGENT_ID = "billing-mcp";

/** Argument names whose values never reach a log line. Mirrors observability.redacted_fields. */
const REDACTED_ARGS = new Set(["email", "note", "customer_email"]);

export type PolicyRecord = PolicyDecision | { decision: "not_evaluated"; rule: null };

export type TraceEvent = {
  ts: string;
  agent_id: string;
  session_id: string;
  model: string | null;
  tool_call: { name: string; args: Record<string, unknown> };
  policy: PolicyRecord;
  result: { status: "ok" | "denied" | "error" | "pending_approval"; error?: string };
  latency_ms: number;
};

export class Tracer {
  constructor(private readonly salt: string) {}

  hash(value: string): string {
    return "sha256:" + createHash("sha256").update(this.salt).update(value).digest("hex");
  }

  redactArgs(args: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(args).map(([key, value]) => [key, REDACTED_ARGS.has(key) ? this.hash(String(value)) : value]),
    );
  }

  emit(event: Omit<TraceEvent, "ts" | "agent_id">): void {
    const line: TraceEvent = { ts: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"), agent_id: AGENT_ID, ...event };
    process.stdout.write(JSON.stringify(line) + "\n");
  }
}
