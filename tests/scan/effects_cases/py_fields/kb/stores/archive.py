import shutil


class Archive:
    """Copies documents into the archive folder and finds them again."""

    def file_away(self, paths: list[str]) -> int:
        for p in paths:
            shutil.copy(p, "/srv/archive/")
        return len(paths)

    def find(self, query: str) -> list[str]:
        return [query]


class Shelf:
    """Only looks documents up."""

    def file_away(self, paths: list[str]) -> int:
        return len(paths)

    def find(self, query: str) -> list[str]:
        return [query]
