"""llama-hub tool specs (the package LlamaIndex up to 0.9 took its tool specs from): the tools each
to_tool_list() hands out, as data (generated: do not edit).

Written by benchmarks/llamaindex_toolspecs.py from the wheels of:
  llama-hub 0.0.79.post1
  llama-hub 0.0.75
read with `ast` (names and flags only): each class's spec functions over those releases (a repository
pins one of them, which parr cannot tell). Its docstring says why these releases, and the rule that
decides which tools change state.
"""

from __future__ import annotations

# ToolSpec class -> ((name the model sees, mutating, typed, capabilities), ...), in spec_functions order;
# no tools: the spec makes its tools at run time (an API's action list).
LLAMAHUB_TOOLSPECS: dict[str, tuple[tuple[str, bool, bool, tuple[str, ...]], ...]] = {
    'ArxivToolSpec': (
        ('arxiv_query', False, True, ()),
    ),
    'AzureCVToolSpec': (
        ('process_image', True, True, ()),
    ),
    'AzureSpeechToolSpec': (
        ('speech_to_text', True, True, ()),
        ('text_to_speech', True, True, ()),
    ),
    'AzureTranslateToolSpec': (
        ('translate', False, True, ()),
    ),
    'BingSearchToolSpec': (
        ('bing_news_search', False, True, ()),
        ('bing_image_search', False, True, ()),
        ('bing_video_search', False, True, ()),
    ),
    'ChatGPTPluginToolSpec': (
        ('load_openapi_spec', False, True, ()),
        ('describe_plugin', False, True, ()),
    ),
    'CodeInterpreterToolSpec': (
        ('code_interpreter', True, False, ('shell',)),
    ),
    'CogniswitchToolSpec': (
        ('store_data', True, True, ('file_read',)),
        ('query_knowledge', False, True, ()),
        ('knowledge_status', False, True, ()),
    ),
    'DatabaseToolSpec': (
        ('load_data', True, False, ('sql',)),
        ('describe_tables', False, True, ()),
        ('list_tables', False, True, ()),
    ),
    'ExaToolSpec': (
        ('search', False, True, ()),
        ('retrieve_documents', False, True, ()),
        ('search_and_retrieve_documents', False, True, ()),
        ('search_and_retrieve_highlights', False, True, ()),
        ('find_similar', False, True, ()),
        ('current_date', False, True, ()),
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
        ('google_search', False, True, ()),
    ),
    'GraphQLToolSpec': (
        ('graphql_request', True, False, ('http_write',)),
    ),
    'IonicShoppingToolSpec': (
        ('query', False, True, ()),
    ),
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
        ('append_data', True, True, ()),
    ),
    'OpenAIImageGenerationToolSpec': (
        ('image_generation', True, True, ('file_write', 'file_read')),
    ),
    'OpenAPIToolSpec': (
        ('load_openapi_spec', False, True, ()),
    ),
    'OpenWeatherMapToolSpec': (
        ('weather_at_location', False, True, ()),
        ('forecast_tommorrow_at_location', False, True, ()),
    ),
    'PlaygroundsSubgraphConnectorToolSpec': (
        ('graphql_request', True, False, ()),
    ),
    'PlaygroundsSubgraphInspectorToolSpec': (
        ('introspect_and_summarize_subgraph', False, True, ()),
    ),
    'PythonFileToolSpec': (
        ('function_definitions', False, True, ()),
        ('get_function', False, True, ()),
        ('get_functions', False, True, ()),
    ),
    'RequestsToolSpec': (
        ('get_request', False, False, ('http',)),
        ('post_request', True, False, ('http_write',)),
        ('patch_request', True, False, ('http_write',)),
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
    'YelpToolSpec': (
        ('business_search', False, True, ()),
        ('business_reviews', False, True, ()),
    ),
    'ZapierToolSpec': (),
}
