"""The JSON Schema of parr.yaml, generated from the pydantic models so it can never drift."""

from __future__ import annotations

from typing import Any

from parr.manifest.models import Manifest

SCHEMA_ID = "https://parr.dev/schema/parr-v1.json"


def manifest_json_schema() -> dict[str, Any]:
    schema = Manifest.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "parr manifest (parr.yaml, apiVersion parr/v1)",
    }
