"""`parr report`: one self-contained HTML page, opened in a real headless Chromium where one exists.

The browser tests drive the system's Chromium through Playwright (no browser download) and assert
what a person sees: the verdict, the rows, that sorting and filtering work, that a `<script>`
planted in a tool's name and description and in a waiver shows as text and never runs, and that
the page makes no network request. Without Chromium or Playwright they skip, saying which."""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PLANTED = "<script>window.__parr_pwned = 1</script>"
PLANTED_IMG = '<img src=x onerror="window.__parr_pwned = 2">'


def _chromium() -> str | None:
    for candidate in (os.environ.get("PARR_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


@pytest.fixture
def hostile_agent(tmp_path: Path) -> Path:
    agent = tmp_path / "agent"
    agent.mkdir()
    (agent / "server.py").write_text(textwrap.dedent(f'''\
        import requests
        from mcp.server.fastmcp import FastMCP

        mcp = FastMCP("shop")


        @mcp.tool(name={PLANTED!r}, description={PLANTED_IMG!r})
        def planted(order_id: str) -> str:
            return requests.delete(f"https://shop.example.com/o/{{order_id}}", timeout=5).text


        @mcp.tool()
        def get_order(order_id: str) -> str:
            """Read an order."""
            return requests.get(f"https://shop.example.com/o/{{order_id}}", timeout=5).text


        @mcp.tool()
        def archive_order(order_id: str) -> str:
            """Archive an order."""
            return requests.post(f"https://shop.example.com/o/{{order_id}}/archive", timeout=5).text
        '''))
    (agent / "parr.yaml").write_text(textwrap.dedent(f'''\
        apiVersion: parr/v1
        agent:
          id: shop-mcp
          dri: {{name: Ana Lima, handle: "@ana"}}
        permissions:
          role: svc-shop
          environments: [staging]
          tools:
            - {{name: get_order, access: read, environments: [staging], risk: low}}
            - {{name: archive_order, access: write, environments: [staging], risk: medium, gate: "approval:ops"}}
        waivers:
          - {{check: EVAL-001, reason: "{PLANTED_IMG.replace('"', "'")} evals next sprint", owner: "@ana", expires: 2026-12-20}}
        '''))
    return agent


def _report(path: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["report", str(path), "--output", str(out), "--today", "2026-11-24", *extra])
    assert result.exit_code == 0, result.output
    return out.read_text()


def test_page_is_self_contained_and_escapes_what_it_shows(hostile_agent: Path, tmp_path: Path):
    html = _report(hostile_agent, tmp_path / "r.html")
    assert PLANTED not in html and PLANTED_IMG not in html
    assert "&lt;script&gt;window.__parr_pwned = 1&lt;/script&gt;" in html
    # exactly one script element, parr's own, allowed by the page's policy by hash; no external resource
    assert len(re.findall(r"<script\b", html)) == 1
    assert "default-src 'none'" in html and "script-src 'sha256-" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_repeated_findings_are_grouped_as_in_the_table(hostile_agent: Path, tmp_path: Path):
    manifest = hostile_agent / "parr.yaml"
    manifest.write_text(manifest.read_text().replace("risk: low", "risk: TODO").replace("risk: medium", "risk: TODO"))
    html = _report(hostile_agent, tmp_path / "r.html")
    assert "is a placeholder" not in html  # one line per field, never one line per placeholder
    assert html.count("2 placeholders to fill: permissions.tools[*].risk ×2") >= 1


def test_bad_input_is_one_line_exit_2(tmp_path: Path):
    result = CliRunner().invoke(main, ["report", str(tmp_path), "--output", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    missing = CliRunner().invoke(main, ["report", str(EXAMPLES / "support-triage"), "--output", str(tmp_path / "r.html"),
                                        "--traces", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "no such trace file" in missing.output


def test_all_writes_a_fleet_overview(tmp_path: Path):
    html = _report(EXAMPLES, tmp_path / "fleet.html", "--all")
    assert 'id="fleet"' in html
    for agent in ("support-triage", "billing-mcp", "infra-oncall"):
        assert f'href="#agent-{agent}"' in html


# ---- in a real browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium; or set PARR_CHROMIUM)")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text))
    page.goto(path.as_uri())
    return page, requests, console


def _visible_names(page, table_id: str) -> list[str]:
    return page.eval_on_selector_all(f"#{table_id} tbody tr:not([hidden]) td:first-child code",
                                     "els => els.map(e => e.textContent)")


def test_in_a_browser_nothing_planted_runs_and_no_request_is_made(browser, hostile_agent: Path, tmp_path: Path):
    out = tmp_path / "r.html"
    _report(hostile_agent, out)
    page, requests, console = _open(browser, out)
    assert page.evaluate("window.__parr_pwned") is None
    text = page.inner_text("body")
    assert PLANTED in text  # shown as text
    assert requests == [out.as_uri()]
    assert not [c for c in console if "Content Security Policy" in c], console  # parr's own script and style ran
    assert page.inner_text("[data-testid=verdict]") in ("✓ GO", "✗ NO-GO", "GO", "NO-GO")
    page.close()


def test_in_a_browser_sorting_and_filtering_work(browser, hostile_agent: Path, tmp_path: Path):
    out = tmp_path / "r.html"
    _report(hostile_agent, out)
    page, _, _ = _open(browser, out)
    table = "agent-shop-mcp-tools"
    names = _visible_names(page, table)
    assert len(names) == 3
    page.click(f"#{table} thead th:first-child button")
    ascending = _visible_names(page, table)
    assert ascending == sorted(names, key=str.lower)
    page.click(f"#{table} thead th:first-child button")
    assert _visible_names(page, table) == list(reversed(ascending))
    page.check(".filters input[name=mutating]")
    mutating = _visible_names(page, table)
    assert set(mutating) == {PLANTED, "archive_order"}
    page.check(".filters input[name=ungated]")
    assert _visible_names(page, table) == [PLANTED]  # mutating, undeclared, no gate
    assert page.inner_text(".filters output") == "1 of 3 tools shown"
    page.uncheck(".filters input[name=ungated]")
    page.uncheck(".filters input[name=mutating]")
    page.fill(".filters input[type=search]", "get_")
    assert _visible_names(page, table) == ["get_order"]
    page.close()


def test_in_a_browser_the_example_reads_right(browser, tmp_path: Path):
    out = tmp_path / "billing.html"
    _report(EXAMPLES / "billing-mcp", out, "--stage", "staging-writes")
    page, requests, _ = _open(browser, out)
    assert page.inner_text("[data-testid=verdict]").endswith("NO-GO")
    rows = page.eval_on_selector_all("table.tools tbody tr", "els => els.length")
    assert rows >= 3
    assert page.locator("figure.chart svg").count() >= 1  # the trace sample's signals, drawn inline
    assert requests == [out.as_uri()]
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen but tables
    overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert overflow
    page.close()


def test_the_ledger_is_a_timeline_with_its_text_escaped(hostile_agent: Path, tmp_path: Path):
    from parr.ledger import append_entry

    ledger = hostile_agent / ".parr" / "ledger.jsonl"
    append_entry(ledger, lambda s: {"time": "2026-11-20T09:00:00+00:00", "action": "promote",
                                    "actor": {"name": "Sam Okafor"}, "approver": "@priya", "from_stage": "propose",
                                    "to_stage": "staging-writes", "reason": f"evals green {PLANTED}"})
    html = _report(hostile_agent, tmp_path / "r.html")
    timeline = html[html.index('<ol class="timeline">'):html.index("</ol>")]
    assert "promote</strong> propose → staging-writes" in timeline
    assert "by Sam Okafor, approved by @priya" in timeline
    assert "evals green &lt;script&gt;" in timeline
    assert "at <strong>staging-writes</strong>" in html  # the ledger's stage is the one judged
