import shutil

from agent.tools.base import BaseTool


class _Archiver(BaseTool):
    async def execute(self, src: str, dest: str) -> str:
        return shutil.make_archive(dest, "zip", src)


# expect: name=archive_folder mutating=true typed=true caps=file_write
class ArchiveFolder(_Archiver):
    """super() into a base class of the same file."""

    name: str = "archive_folder"
    description: str = "Zips a folder."
    parameters: dict = {"type": "object", "properties": {"src": {"type": "string"}, "dest": {"type": "string"}}}

    async def execute(self, src: str, dest: str) -> str:
        return await super().execute(src, dest)
