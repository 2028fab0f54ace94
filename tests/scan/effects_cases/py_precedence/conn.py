import os

import redis
from vendorlib import audit


def get_connection():
    # builds the client: its own calls are set-up, not what a tool does
    return redis.Redis.from_url(os.getenv("REDIS_URL"), decode_responses=True)


def key_report(key):
    return {"key": key}


def touch_audit(key):
    audit.record_access(key)
    return key
