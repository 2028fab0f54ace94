"""Support-intake triage agent (OpenAI Agents SDK). See README.md and parr.yaml."""
