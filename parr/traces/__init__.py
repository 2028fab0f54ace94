"""Trace files: one streaming reader (JSON Lines, OTLP JSON, gzip), lint for redaction and schema, signals."""
