"""LangChain.js's built-in tool classes (`new TavilySearchResults()`): the name the model sees and what each can do.

Names were read from the classes' `name` fields with benchmarks/langchainjs_builtins.py over
langchain-ai/langchainjs (libs/langchain-community/src/tools at aeaa298, before the package moved;
libs/providers/langchain-tavily and langchain-exa; libs/langchain-classic/src/tools at 62fc484) and
langchain-ai/langchainjs-community (libs/community/src/tools at 886df57). Whether each changes state
was decided from its `_call`: sending a Discord or Gmail message, a Gmail draft, calendar events,
a Step Functions execution or task result, an IFTTT webhook, a Connery action, a file write, an
HTTP POST and model-written SQL do. A `None` name is set at run time from the constructor's
`name` (the tool is read only when it is a static string there).
"""

from __future__ import annotations

from parr.scan.typescript.frameworks.spec import Builtin

# Packages the classes are imported from (any sub-path: `@langchain/community/tools/tavily_search`).
PACKAGES = ("@langchain/community", "@langchain/tavily", "@langchain/exa", "@langchain/classic", "langchain")



def _b(name: str | None, mutating: bool = False, typed: bool = True, caps: tuple[str, ...] = ("http",)) -> Builtin:
    return Builtin(name or "", mutating, typed, caps)


BUILTIN_CLASSES: dict[str, Builtin] = {
    "AIPluginTool": _b(None),
    "BingSerpAPI": _b("bing-search"),
    "BraveSearch": _b("brave-search"),
    "Calculator": _b("calculator", caps=()),
    "ConneryAction": _b(None, True, True, ("http_write",)),
    "DadJokeAPI": _b("dadjoke"),
    "DataForSeoAPISearch": _b("dataforseo-api-wrapper"),
    "DescribeExecutionAWSSfnTool": _b("describe-execution-aws-sfn"),
    "DiscordChannelSearchTool": _b("discord_channel_search_tool"),
    "DiscordGetGuildsTool": _b("discord-get-guilds"),
    "DiscordGetMessagesTool": _b("discord-get-messages"),
    "DiscordGetTextChannelsTool": _b("discord-get-text-channels"),
    "DiscordSendMessagesTool": _b("discord-send-messages", True, True, ("http_write",)),
    "DuckDuckGoSearch": _b("duckduckgo-search"),
    "ExaFindSimilarResults": _b("exa_find_similar_results_json"),
    "ExaSearchResults": _b("exa_search_results_json"),
    "GmailCreateDraft": _b("create_gmail_draft", True, True, ("email",)),
    "GmailGetMessage": _b("gmail_get_message"),
    "GmailGetThread": _b("gmail_get_thread"),
    "GmailSearch": _b("search_gmail"),
    "GmailSendMessage": _b("gmail_send_message", True, True, ("email",)),
    "GoogleCalendarCreateTool": _b("google_calendar_create", True, True, ("http_write",)),
    "GoogleCalendarDeleteTool": _b("google_calendar_delete", True, True, ("http_write",)),
    "GoogleCalendarViewTool": _b("google_calendar_view"),
    "GoogleCustomSearch": _b("google-custom-search"),
    "GooglePlacesAPI": _b("google_places"),
    "GoogleRoutesAPI": _b("google_routes"),
    "IFTTTWebhook": _b(None, True, True, ("http_write",)),
    "InfoSqlTool": _b("info-sql", caps=()),
    "JsonGetValueTool": _b("json_get_value", caps=()),
    "JsonListKeysTool": _b("json_list_keys", caps=()),
    "ListTablesSqlTool": _b("list-tables-sql", caps=()),
    "QueryCheckerTool": _b("query-checker", False, False, ()),
    "QuerySqlTool": _b("query-sql", True, False, ("sql",)),
    "ReadFileTool": _b("read_file", caps=("file_read",)),
    "RequestsGetTool": _b("requests_get", False, False),
    "RequestsPostTool": _b("requests_post", True, False, ("http_write",)),
    "SERPGoogleScholarAPITool": _b("serp_google_scholar"),
    "SERPGoogleTrendsTool": _b("google_trends"),
    "SearchApi": _b("search"),
    "SearxngSearch": _b("searxng-search"),
    "SendTaskSuccessAWSSfnTool": _b("send-task-success-aws-sfn", True, True, ("http_write",)),
    "SerpAPI": _b("search"),
    "Serper": _b("search"),
    "StackExchangeAPI": _b("stackexchange"),
    "StartExecutionAWSSfnTool": _b(None, True, True, ("http_write",)),
    "TavilyCrawl": _b("tavily_crawl"),
    "TavilyExtract": _b("tavily_extract"),
    "TavilyGetResearch": _b("tavily_get_research"),
    "TavilyMap": _b("tavily_map"),
    "TavilyResearch": _b("tavily_research"),
    "TavilySearch": _b("tavily_search"),
    "TavilySearchResults": _b("tavily_search_results_json"),
    "VectorStoreQATool": _b(None, caps=()),
    "WebBrowser": _b("web-browser", False, False),
    "WikipediaQueryRun": _b("wikipedia-api"),
    "WolframAlphaTool": _b("wolfram_alpha"),
    "WriteFileTool": _b("write_file", True, True, ("file_write",)),
}


def owns(module: str | None) -> bool:
    """The module is one of the packages above or a sub-path of one."""
    return bool(module) and any(module == p or module.startswith(p + "/") for p in PACKAGES)
