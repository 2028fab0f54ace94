"""LangChain provider tools from a tools namespace imported under an alias."""

from ts_scan_helpers import scan


def test_provider_tools_through_an_aliased_namespace():
    t = scan("langchain_provider")
    assert t.names() == {"image_generation", "code_interpreter"}
    assert t["image_generation"].framework == "langchainjs" and not t["image_generation"].mutating
    assert t["code_interpreter"].mutating and not t["code_interpreter"].typed
