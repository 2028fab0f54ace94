/**
 * What every tool handler shares: its dependencies, the trace wrapper and result helpers.
 *
 * `traced` turns a handler that returns a `ToolOutcome` into an MCP tool callback that writes one
 * trace event per call, whatever happens, and never lets a stack trace reach the model.
 */
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { CallToolResult, ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";

import type { ApprovalsClient, OpaClient, StripeGateway } from "../clients.js";
import type { Config } from "../config.js";
import type { PolicyRecord, TraceEvent, Tracer } from "../trace.js";

export type Deps = {
  config: Config;
  stripe: StripeGateway;
  opa: OpaClient;
  approvals: ApprovalsClient;
  tracer: Tracer;
};

export type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export type ToolOutcome = {
  status: TraceEvent["result"]["status"];
  policy: PolicyRecord;
  body: Record<string, unknown>;
};

export const NOT_EVALUATED: PolicyRecord = { decision: "not_evaluated", rule: null };

export class WritesDisabledError extends Error {
  constructor() {
    super("writes are disabled on this server (BILLING_MCP_WRITES_ENABLED=false)");
  }
}

function header(extra: Extra, name: string): string | undefined {
  const value = extra.requestInfo?.headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

export function jsonResult(body: Record<string, unknown>, isError = false): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(body, null, 2) }], isError };
}

export function traced<Args extends Record<string, unknown>>(
  name: string,
  deps: Deps,
  handler: (args: Args, extra: Extra) => Promise<ToolOutcome>,
): (args: Args, extra: Extra) => Promise<CallToolResult> {
  return async (args, extra) => {
    const started = performance.now();
    let outcome: ToolOutcome;
    try {
      outcome = await handler(args, extra);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outcome = { status: "error", policy: NOT_EVALUATED, body: { error: message } };
    }
    deps.tracer.emit({
      session_id: header(extra, "x-agent-session-id") ?? extra.sessionId ?? "unknown",
      model: header(extra, "x-agent-model") ?? null,
      tool_call: { name, args: deps.tracer.redactArgs(args) },
      policy: outcome.policy,
      result: outcome.status === "error" ? { status: "error", error: String(outcome.body.error) } : { status: outcome.status },
      latency_ms: Math.round(performance.now() - started),
    });
    return jsonResult(outcome.body, outcome.status === "error" || outcome.status === "denied");
  };
}
