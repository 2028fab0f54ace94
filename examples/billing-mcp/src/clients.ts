/**
 * Clients for the three systems behind the tools: Stripe, the OPA sidecar and the billing-ops
 * approvals service. Stripe calls go through a rate limiter and a circuit breaker so that a
 * Stripe incident turns into fast tool errors instead of a retry storm.
 */
import Bottleneck from "bottleneck";
import CircuitBreaker from "opossum";
import Stripe from "stripe";

import type { Config } from "./config.js";

export type PolicyInput = {
  action: string;
  resource: string;
  context: Record<string, unknown>;
};

export type PolicyDecision = { decision: "allow" | "deny"; rule: string };

export class StripeGateway {
  readonly stripe: Stripe;
  private readonly limiter: Bottleneck;
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;

  constructor(config: Config) {
    this.stripe = new Stripe(config.stripeApiKey, {
      apiVersion: "2024-06-20",
      maxNetworkRetries: config.limits.stripeMaxNetworkRetries,
      timeout: config.limits.toolCallTimeoutMs,
      appInfo: { name: "billing-mcp", version: "0.7.2" },
    });
    this.limiter = new Bottleneck({
      reservoir: config.limits.stripeRequestsPerMinute,
      reservoirRefreshAmount: config.limits.stripeRequestsPerMinute,
      reservoirRefreshInterval: 60_000,
      maxConcurrent: 8,
    });
    this.breaker = new CircuitBreaker((op: () => Promise<unknown>) => op(), {
      name: "stripe",
      timeout: config.limits.toolCallTimeoutMs,
      errorThresholdPercentage: config.limits.breakerErrorThresholdPercentage,
      resetTimeout: config.limits.breakerResetTimeoutMs,
      volumeThreshold: 10,
      // A card decline or a missing invoice is an answer, not an outage.
      errorFilter: (err: unknown) => err instanceof Stripe.errors.StripeInvalidRequestError,
    });
  }

  /** Run one Stripe call behind the limiter and the breaker. */
  call<T>(op: () => Promise<T>): Promise<T> {
    return this.limiter.schedule(() => this.breaker.fire(op)) as Promise<T>;
  }
}

export class OpaClient {
  constructor(private readonly baseUrl: string, private readonly timeoutMs: number) {}

  /**
   * Ask OPA for data.billing.decision. Any failure to get an answer is a deny: the gate fails
   * closed.
   */
  async decide(input: PolicyInput): Promise<PolicyDecision> {
    try {
      const response = await fetch(`${this.baseUrl}/v1/data/billing/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ input }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) return { decision: "deny", rule: "opa_unavailable" };
      const body = (await response.json()) as { result?: PolicyDecision };
      return body.result ?? { decision: "deny", rule: "default_deny" };
    } catch {
      return { decision: "deny", rule: "opa_unavailable" };
    }
  }
}

export type ChangeRequest = { id: string; status: "pending" | "approved" | "rejected"; queue: string };

export class ApprovalsClient {
  constructor(private readonly baseUrl: string, private readonly token: string, private readonly timeoutMs: number) {}

  /** File a change for a human in the billing-ops queue; the change is applied only once approved. */
  async propose(queue: string, change: { action: string; target: string; payload: Record<string, unknown>; summary: string }): Promise<ChangeRequest> {
    const response = await fetch(`${this.baseUrl}/v1/queues/${queue}/change-requests`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...change, requested_by: "agent:billing-mcp" }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`approvals service answered ${response.status}`);
    return (await response.json()) as ChangeRequest;
  }
}
