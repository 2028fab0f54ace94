"""Note stores: the base does nothing by default; the file store writes."""
import json
from pathlib import Path


class NoteStore:
    def save(self, title: str, body: str) -> None:
        pass

    def outline(self, body: str) -> list[str]:
        lines = body.splitlines()
        lines.insert(0, "# outline")
        return lines


class FileNoteStore(NoteStore):
    def save(self, title: str, body: str) -> None:
        Path("notes").joinpath(f"{title}.json").write_text(json.dumps({"body": body}))


class Renderer:
    def render(self, text: str) -> str:
        raise NotImplementedError


def store_for(kind: str) -> NoteStore:
    return FileNoteStore() if kind == "file" else NoteStore()


def renderer() -> Renderer:
    return Renderer()
