"""Upsonic's plain built-in tool classes as data: benchmarks/upsonic_builtins.py reads a made-up wheel with parr's
own Upsonic reader (every public bound method of an object handed to Task(tools=[...])) and writes names and flags;
the committed module has the shape the family reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.scan.python.frameworks import upsonic_builtins
from tests.scan.python.generator_helpers import generated_module, load_generator, write_wheel

# Made-up files in the layout of the upsonic wheel (no third-party code).
_UPSONIC = {
    "upsonic/tools/common_tools/__init__.py": "__all__ = ['QuoteTools', 'make_search']\n",
    "upsonic/tools/common_tools/quotes.py": '''
import requests


class QuoteTools:
    """Quotes."""

    def __init__(self, enable_orders: bool = True):
        self.enable_orders = enable_orders

    def get_quote(self, symbol: str) -> str:
        """The last price of a symbol."""
        return requests.get("https://quotes.example/" + symbol).text

    def place_order(self, symbol: str, qty: int) -> str:
        """Buy a symbol."""
        return requests.post("https://broker.example/orders", json={"s": symbol, "q": qty}).text

    def _session(self):
        return None

    @staticmethod
    def normalise(symbol: str) -> str:
        return symbol.upper()


class Helper:
    def get_x(self) -> str:
        return "x"
''',
    "upsonic/tools/common_tools/search.py": "def make_search(key: str):\n    return None\n",
}


def test_upsonic_generator_makes_every_public_bound_method_a_tool(tmp_path: Path) -> None:
    gen = load_generator("upsonic_builtins")
    text = gen.main(str(write_wheel(tmp_path / "upsonic-9.9.9-py3-none-any.whl", _UPSONIC)))
    ns = generated_module(text, "upsonic_builtins")
    assert "upsonic 9.9.9" in text
    # Helper is not exported; _session is private, normalise a staticmethod (no bound method)
    assert ns["OBJECT_TOOLS"] == {"QuoteTools": (("get_quote", False, True), ("place_order", True, True))}


def test_upsonic_generator_stops_when_it_reads_nothing(tmp_path: Path) -> None:
    gen = load_generator("upsonic_builtins")
    with pytest.raises(SystemExit):
        gen.main(str(write_wheel(tmp_path / "upsonic-9.9.9-py3-none-any.whl", {"upsonic/__init__.py": ""})))


def test_committed_upsonic_data_has_the_shape_the_family_reads() -> None:
    assert upsonic_builtins.OBJECT_TOOLS
    for cls, tools in upsonic_builtins.OBJECT_TOOLS.items():
        assert cls[:1].isupper() and tools
        for name, mutating, typed in tools:
            assert name and not name.startswith("_") and isinstance(mutating, bool) and isinstance(typed, bool)
