"""LlamaIndex tool specs of llama-index-tools-* packages: the tools each to_tool_list() hands out, as data
(generated: do not edit).

Written by benchmarks/llamaindex_toolspecs.py from the wheels of:
  llama-index-tools-arxiv 0.6.0
  llama-index-tools-azure-code-interpreter 0.7.0
  llama-index-tools-bing-search 0.6.0
  llama-index-tools-brave-search 0.6.0
  llama-index-tools-cassandra 0.6.0
  llama-index-tools-code-interpreter 0.6.0
  llama-index-tools-database 0.6.0
  llama-index-tools-duckduckgo 0.6.0
  llama-index-tools-exa 0.6.0
  llama-index-tools-finance 0.6.0
  llama-index-tools-google 0.8.0
  llama-index-tools-graphql 0.6.0
  llama-index-tools-jira 0.4.0
  llama-index-tools-mcp 0.6.0
  llama-index-tools-metaphor 0.6.0
  llama-index-tools-multion 0.7.0
  llama-index-tools-neo4j 0.6.0
  llama-index-tools-notion 0.6.0
  llama-index-tools-openai-image-generation 0.7.0
  llama-index-tools-openapi 0.7.0
  llama-index-tools-playwright 0.5.0
  llama-index-tools-python-file 0.6.0
  llama-index-tools-requests 0.7.0
  llama-index-tools-salesforce 0.6.0
  llama-index-tools-shopify 0.6.0
  llama-index-tools-slack 0.6.0
  llama-index-tools-tavily-research 0.6.0
  llama-index-tools-text-to-image 0.6.0
  llama-index-tools-vector-db 0.6.0
  llama-index-tools-waii 0.6.0
  llama-index-tools-weather 0.6.0
  llama-index-tools-wikipedia 0.6.0
  llama-index-tools-wolfram-alpha 0.7.0
  llama-index-tools-yahoo-finance 0.6.0
  llama-index-tools-yelp 0.6.0
  llama-index-tools-zapier 0.6.0
read with `ast` (names and flags only). Its docstring says how the packages were chosen and
the rule that decides which tools change state.
"""

from __future__ import annotations

# ToolSpec class -> ((name the model sees, mutating, typed, capabilities), ...), in spec_functions order;
# no tools: the spec makes its tools at run time (an MCP server, an API's action list).
TOOLSPECS: dict[str, tuple[tuple[str, bool, bool, tuple[str, ...]], ...]] = {
    'ArxivToolSpec': (
        ('arxiv_query', False, True, ()),
    ),
    'AzureCodeInterpreterToolSpec': (
        ('code_interpreter', True, False, ('code_execution',)),
        ('list_files', False, True, ()),
    ),
    'BingSearchToolSpec': (
        ('bing_news_search', False, True, ()),
        ('bing_image_search', False, True, ()),
        ('bing_video_search', False, True, ()),
    ),
    'BraveSearchToolSpec': (
        ('brave_search', False, True, ()),
    ),
    'CassandraDatabaseToolSpec': (
        ('cassandra_db_query', True, False, ('sql',)),
        ('cassandra_db_schema', False, True, ()),
        ('cassandra_db_select_table_data', False, True, ()),
    ),
    'CodeInterpreterToolSpec': (
        ('code_interpreter', True, False, ('shell',)),
    ),
    'DatabaseToolSpec': (
        ('load_data', True, False, ('sql',)),
        ('describe_tables', False, True, ()),
        ('list_tables', False, True, ()),
    ),
    'DuckDuckGoSearchToolSpec': (
        ('duckduckgo_instant_search', False, True, ()),
        ('duckduckgo_full_search', False, True, ()),
    ),
    'ExaToolSpec': (
        ('search', False, True, ()),
        ('retrieve_documents', False, True, ()),
        ('search_and_retrieve_highlights', False, True, ()),
        ('search_and_retrieve_documents', False, True, ()),
        ('current_date', False, True, ()),
    ),
    'FinanceAgentToolSpec': (
        ('find_similar_companies', False, True, ()),
        ('get_earnings_history', False, True, ()),
        ('get_stocks_with_upcoming_earnings', False, True, ()),
        ('get_current_gainer_stocks', False, True, ()),
        ('get_current_loser_stocks', False, True, ()),
        ('get_current_undervalued_growth_stocks', False, True, ()),
        ('get_current_technology_growth_stocks', False, True, ()),
        ('get_current_most_traded_stocks', False, True, ()),
        ('get_current_undervalued_large_cap_stocks', False, True, ()),
        ('get_current_aggressive_small_cap_stocks', False, True, ()),
        ('get_trending_finance_news', False, True, ()),
        ('get_google_trending_searches', False, True, ()),
        ('get_google_trends_for_query', False, True, ()),
        ('get_latest_news_for_stock', False, True, ()),
        ('get_current_stock_price_info', False, True, ()),
    ),
    'GmailToolSpec': (
        ('load_data', False, True, ()),
        ('search_messages', False, True, ()),
        ('create_draft', True, True, ()),
        ('update_draft', True, True, ()),
        ('get_draft', False, True, ()),
        ('send_draft', True, True, ('email',)),
    ),
    'GoogleCalendarToolSpec': (
        ('load_data', False, True, ()),
        ('create_event', True, True, ()),
        ('get_date', False, True, ()),
    ),
    'GoogleSearchToolSpec': (
        ('google_search', False, True, ('http',)),
    ),
    'GraphQLToolSpec': (
        ('graphql_request', True, False, ('http_write',)),
    ),
    'JiraToolSpec': (
        ('jira_issues_query', False, True, ()),
        ('jira_issue_query', False, True, ('http',)),
        ('jira_comments_query', False, True, ()),
        ('jira_all_projects', False, True, ()),
    ),
    'McpToolSpec': (),
    'MetaphorToolSpec': (
        ('search', False, True, ()),
        ('retrieve_documents', False, True, ()),
        ('search_and_retrieve_documents', False, True, ()),
        ('find_similar', False, True, ()),
        ('current_date', False, True, ()),
    ),
    'MultionToolSpec': (
        ('browse', True, False, ('browser',)),
    ),
    'Neo4jQueryToolSpec': (
        ('run_request', True, False, ()),
    ),
    'NotionToolSpec': (
        ('load_data', False, True, ()),
        ('search_data', False, True, ()),
    ),
    'OpenAIImageGenerationToolSpec': (
        ('image_generation', True, True, ('file_write', 'file_read')),
    ),
    'OpenAPIToolSpec': (
        ('load_openapi_spec', False, True, ()),
    ),
    'OpenWeatherMapToolSpec': (
        ('weather_at_location', False, True, ()),
        ('forecast_tomorrow_at_location', False, True, ()),
    ),
    'PlaywrightToolSpec': (
        ('click', True, True, ('browser',)),
        ('fill', True, True, ('browser',)),
        ('get_current_page', False, True, ()),
        ('extract_hyperlinks', False, True, ('browser',)),
        ('extract_text', False, True, ('browser',)),
        ('get_elements', False, True, ('browser',)),
        ('navigate_to', False, True, ('browser',)),
        ('navigate_back', False, True, ()),
    ),
    'PythonFileToolSpec': (
        ('function_definitions', False, True, ()),
        ('get_function', False, True, ()),
        ('get_functions', False, True, ()),
    ),
    'RequestsToolSpec': (
        ('get_request', False, True, ('http',)),
        ('post_request', True, False, ('http_write',)),
        ('patch_request', True, False, ('http_write',)),
        ('put_request', True, False, ('http_write',)),
        ('delete_request', True, False, ('http_write',)),
    ),
    'SalesforceToolSpec': (
        ('execute_sosl', False, False, ('http',)),
        ('execute_soql', False, False, ('http',)),
    ),
    'ShopifyToolSpec': (
        ('run_graphql_query', True, False, ('http_write',)),
    ),
    'SlackToolSpec': (
        ('load_data', False, True, ()),
        ('send_message', True, True, ()),
        ('fetch_channels', False, True, ()),
    ),
    'TavilyToolSpec': (
        ('search', False, True, ()),
        ('extract', False, True, ()),
    ),
    'TextToImageToolSpec': (
        ('generate_images', False, True, ('http',)),
        ('show_images', False, True, ('file_read', 'http')),
        ('generate_image_variation', False, True, ('http',)),
    ),
    'VectorDBToolSpec': (
        ('auto_retrieve_fn', False, True, ()),
    ),
    'WaiiToolSpec': (
        ('get_answer', False, True, ()),
        ('describe_query', False, True, ()),
        ('performance_analyze', False, True, ()),
        ('diff_query', False, True, ()),
        ('describe_dataset', False, True, ()),
        ('transcode', False, True, ()),
        ('get_semantic_contexts', False, True, ()),
        ('generate_query_only', False, True, ()),
        ('run_query', True, False, ('sql',)),
    ),
    'WikipediaToolSpec': (
        ('load_data', False, True, ()),
        ('search_data', False, True, ()),
    ),
    'WolframAlphaToolSpec': (
        ('wolfram_alpha_query', False, True, ()),
    ),
    'YahooFinanceToolSpec': (
        ('balance_sheet', False, True, ()),
        ('income_statement', False, True, ()),
        ('cash_flow', False, True, ()),
        ('stock_basic_info', False, True, ()),
        ('stock_analyst_recommendations', False, True, ()),
        ('stock_news', False, True, ()),
    ),
    'YelpToolSpec': (
        ('business_search', False, True, ()),
        ('business_reviews', False, True, ()),
    ),
    'ZapierToolSpec': (),
}
