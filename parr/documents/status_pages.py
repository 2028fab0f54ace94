"""Where well-known providers publish their status, so a dependency-outage step can link it."""

from __future__ import annotations

import re

# provider → (status page, names a dependency may go by). Public pages the providers run themselves.
PROVIDERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "OpenAI": ("https://status.openai.com", ("openai", "chatgpt", "gpt")),
    "Anthropic": ("https://status.anthropic.com", ("anthropic", "claude")),
    "Google Cloud": ("https://status.cloud.google.com", ("gcp", "google-cloud", "vertex", "vertexai", "gemini")),
    "Microsoft Azure": ("https://azure.status.microsoft", ("azure", "azure-openai")),
    "AWS": ("https://health.aws.amazon.com/health/status", ("aws", "amazon", "bedrock", "s3", "dynamodb", "sqs", "lambda")),
    "Stripe": ("https://status.stripe.com", ("stripe",)),
    "GitHub": ("https://www.githubstatus.com", ("github",)),
    "Slack": ("https://slack-status.com", ("slack",)),
    "Twilio": ("https://status.twilio.com", ("twilio",)),
    "SendGrid": ("https://status.sendgrid.com", ("sendgrid",)),
    "Cloudflare": ("https://www.cloudflarestatus.com", ("cloudflare",)),
    "Supabase": ("https://status.supabase.com", ("supabase",)),
    "Vercel": ("https://www.vercel-status.com", ("vercel",)),
    "Datadog": ("https://status.datadoghq.com", ("datadog",)),
    "PagerDuty": ("https://status.pagerduty.com", ("pagerduty",)),
    "Atlassian (Jira)": ("https://jira-software.status.atlassian.com", ("jira", "atlassian")),
    "Salesforce": ("https://status.salesforce.com", ("salesforce",)),
    "Zendesk": ("https://status.zendesk.com", ("zendesk",)),
    "Linear": ("https://linearstatus.com", ("linear",)),
}

_WORD = re.compile(r"[a-z0-9]+")


def status_page(dependency: str, declared: dict[str, str]) -> tuple[str, str] | None:
    """(provider, URL) for a dependency: the manifest's `operations.status_pages` first, then a
    provider whose name is one of the dependency's words ("openai-api", "Stripe payments")."""
    if dependency in declared:
        return dependency, declared[dependency]
    lowered = dependency.lower().strip()
    for provider, (url, names) in PROVIDERS.items():
        if lowered in names:  # the whole name first: "azure-openai" is Azure's, not OpenAI's
            return provider, url
    words = set(_WORD.findall(lowered))
    for provider, (url, names) in PROVIDERS.items():
        if words & set(names):
            return provider, url
    return None
