"""langchainjs headless tools, hosted tools given to bindTools, Function() as code execution, and
export smoke tests under environment_tests/ skipped as test code."""

from ts_scan_helpers import scan


def test_headless_hosted_and_function_constructor():
    t = scan("langgraph_more")
    assert t.names() == {"memory_put", "memory_get", "computer_use_preview", "calculator"}
    assert t["memory_put"].line == 4 and t["memory_put"].typed and t["memory_put"].mutating
    assert not t["memory_get"].mutating
    assert t["computer_use_preview"].mutating and t["computer_use_preview"].line == 4
    calc = t["calculator"]
    assert calc.mutating and not calc.typed and "code_execution" in calc.capabilities
