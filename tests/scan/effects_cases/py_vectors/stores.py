import chromadb
from mcp.server.fastmcp import FastMCP
from pinecone import Pinecone
from pymilvus import MilvusClient
from qdrant_client import QdrantClient

mcp = FastMCP("stores")
chroma = chromadb.PersistentClient(path="./db")
milvus = MilvusClient("milvus.db")
qdrant = QdrantClient(url="http://localhost:6333")
pc = Pinecone(api_key="k")
index = pc.Index("docs")


# expect: name=remember mutating=true typed=true caps=-
@mcp.tool()
def remember(text: str, doc_id: str) -> str:
    """Keeps a text for later questions."""
    notes = chroma.get_or_create_collection("notes")
    notes.add(documents=[text], ids=[doc_id])
    return doc_id


# expect: name=recall mutating=false typed=true caps=-
@mcp.tool()
def recall(question: str) -> list:
    """Trap: get_or_create_collection is a handle; the query reads."""
    notes = chroma.get_or_create_collection("notes")
    return notes.query(query_texts=[question], n_results=3)["documents"]


# expect: name=ingest mutating=true typed=true caps=-
@mcp.tool()
def ingest(vectors: list[list[float]]) -> int:
    return milvus.insert("docs", [{"vector": v} for v in vectors])["insert_count"]


# expect: name=nearest mutating=false typed=true caps=-
@mcp.tool()
def nearest(vector: list[float]) -> list:
    return [p.id for p in qdrant.query_points("docs", query=vector, limit=5).points]


# expect: name=forget mutating=true typed=true caps=-
@mcp.tool()
def forget(doc_id: str) -> str:
    qdrant.delete(collection_name="docs", points_selector=[doc_id])
    return doc_id


# expect: name=embed_batch mutating=true caps=-
@mcp.tool()
def embed_batch(items: list[dict]) -> int:
    index.upsert(vectors=items, namespace="docs")
    return len(items)


# expect: name=wipe mutating=true typed=true caps=-
@mcp.tool()
def wipe(name: str) -> str:
    milvus.drop_collection(name)
    return name
