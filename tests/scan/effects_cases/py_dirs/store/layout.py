import os
from pathlib import Path


def ensure_folder(folder: str) -> str:
    """Makes the folder the caller names, where it is missing."""
    os.makedirs(folder, exist_ok=True)
    return folder


def cache_root(kind: str) -> Path:
    root = Path(os.environ.get("NOTES_CACHE", "/var/cache/notes")) / "index"
    root.mkdir(parents=True, exist_ok=True)
    return root
