"""Oncall documents (runbook, DRI record, postmortem) rendered from the manifest, the scan and traces."""
