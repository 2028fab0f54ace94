/**
 * Runtime configuration, validated once at start-up. A missing or malformed variable stops the
 * process before it accepts a single MCP request.
 */
import { z } from "zod";

const EnvSchema = z.object({
  BILLING_ENV: z.enum(["staging", "production"]),
  PORT: z.coerce.number().int().positive().default(8080),
  /** Stripe restricted key: invoices read/write, refunds write, customers write. Nothing else. */
  STRIPE_API_KEY: z.string().startsWith("rk_"),
  /** OPA sidecar; decisions come from policies/billing.rego bundled into the image. */
  OPA_URL: z.string().url().default("http://127.0.0.1:8181"),
  APPROVALS_API_URL: z.string().url(),
  APPROVALS_API_TOKEN: z.string().min(20),
  /** "false" makes every write tool refuse. Read at start-up. */
  BILLING_MCP_WRITES_ENABLED: z.enum(["true", "false"]).default("true"),
  TRACE_HASH_SALT: z.string().min(16),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Limits {
  toolCallTimeoutMs: number;
  stripeMaxNetworkRetries: number;
  stripeRequestsPerMinute: number;
  breakerErrorThresholdPercentage: number;
  breakerResetTimeoutMs: number;
  /** Refunds above this need the finance lead; not enforced by issue_refund yet (see README). */
  refundLimitCents: number;
}

export interface Config {
  env: Env["BILLING_ENV"];
  port: number;
  stripeApiKey: string;
  opaUrl: string;
  approvalsApiUrl: string;
  approvalsApiToken: string;
  writesEnabled: boolean;
  traceHashSalt: string;
  limits: Limits;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`billing-mcp: invalid environment: ${problems}`);
  }
  const env = parsed.data;
  return {
    env: env.BILLING_ENV,
    port: env.PORT,
    stripeApiKey: env.STRIPE_API_KEY,
    opaUrl: env.OPA_URL,
    approvalsApiUrl: env.APPROVALS_API_URL,
    approvalsApiToken: env.APPROVALS_API_TOKEN,
    writesEnabled: env.BILLING_MCP_WRITES_ENABLED === "true",
    traceHashSalt: env.TRACE_HASH_SALT,
    limits: {
      toolCallTimeoutMs: 10_000,
      stripeMaxNetworkRetries: 2,
      stripeRequestsPerMinute: 240,
      breakerErrorThresholdPercentage: 50,
      breakerResetTimeoutMs: 30_000,
      refundLimitCents: 50_000,
    },
  };
}
