"""Page readers: one base, implementations chosen by which API keys are set."""
import os
from abc import ABC, abstractmethod

import httpx


class PageReader(ABC):
    @abstractmethod
    async def read(self, url: str) -> str:
        """Return the page's text."""


class DirectReader(PageReader):
    async def read(self, url: str) -> str:
        async with httpx.AsyncClient() as http:
            response = await http.get(url)
            return response.text


class ArchiveReader(PageReader):
    async def read(self, url: str) -> str:
        async with httpx.AsyncClient() as http:
            response = await http.get("https://archive.example.org/latest", params={"page": url})
            return response.text


def make_reader() -> PageReader:
    if os.environ.get("ARCHIVE_ONLY"):
        return ArchiveReader()
    return DirectReader()
