"""Vector databases' Python clients: pymilvus (MilvusClient), qdrant-client (QdrantClient), chromadb (a
client and its Collection objects) and pinecone (Pinecone and its Index objects).

Read from each client's source (pymilvus/milvus_client/milvus_client.py, qdrant_client/qdrant_client.py,
chromadb/api/models/Collection.py and chromadb/api/__init__.py, pinecone/index and pinecone/client/indexes.py)
and their API references. What changes the store: inserting, upserting, adding, updating, modifying or
deleting records (and their vectors or payloads), creating, dropping, truncating, renaming or resetting
collections, indexes, partitions, namespaces, aliases, databases and snapshots, users and roles, and bulk
imports. Searching, querying, getting, fetching, scrolling, counting, peeking and describing read; so do
get_or_create_collection (a handle, made empty when missing), loading a collection into memory and
releasing it, and flushing what was written before."""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

VECTOR_STORES = Family(
    name="vector store",
    what="writes to a vector database",
    py_modules=frozenset({"pymilvus", "qdrant_client", "chromadb", "pinecone"}),
    # in a file importing one of them: the store's client by its product's name, its collections and
    # indexes (a bare `client` is the store's only when the store's module built it)
    receivers=re.compile(r"milvus|qdrant|chroma|pinecone|collection|\bindex\b|_index\b|vector_?(?:db|store)|vdb",
                         re.I),
    identifying=re.compile(r"milvus|qdrant|chroma|pinecone", re.I),
    methods=frozenset({
        "insert", "upsert", "add", "update", "modify", "delete", "reset",
        "upsert_records", "upsert_from_dataframe", "upload_points", "upload_collection", "batch_update_points",
        "set_payload", "overwrite_payload", "delete_payload", "clear_payload", "update_vectors", "delete_vectors",
        "recreate_collection", "truncate_collection", "rename_collection", "start_import",
    }),
    verbs=frozenset({"create", "drop", "delete", "update", "upsert", "insert", "upload", "recreate", "truncate",
                     "rename", "alter", "grant", "revoke", "overwrite", "clear", "recover", "configure", "restore"}),
    min_words=2,
    read_methods=frozenset({"get_or_create_collection"}),
    reads=frozenset({
        "search", "hybrid_search", "query", "query_points", "query_batch_points", "search_iterator", "query_iterator",
        "get", "fetch", "scroll", "retrieve", "count", "peek", "recommend", "discover", "facet",
        "has_collection", "collection_exists", "describe_collection", "list_collections", "get_collection",
        "get_collections", "get_collection_stats", "describe_index_stats", "list_indexes", "describe_index",
        "get_or_create_collection", "load_collection", "release_collection", "flush",
    }),
    read_what="reads a vector database",
)

FAMILIES = (VECTOR_STORES,)
