import httpx
import requests
from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("board")
ENDPOINT = "https://api.board.example/graphql"
client = Client(transport=RequestsHTTPTransport(url=ENDPOINT))

CLOSE_CARD = """
# closes a card for good
mutation CloseCard($id: ID!) {
  closeCard(id: $id) { id }
}
"""

LIST_CARDS = "query Cards($board: ID!) { board(id: $board) { cards { id title } } }"


def run_graphql(document: str, variables: dict) -> dict:
    """Sends a document to the board API."""
    return requests.post(ENDPOINT, json={"query": document, "variables": variables}, timeout=10).json()


# A POST that carries a query document reads.
# expect: name=card_overview mutating=false typed=true
@mcp.tool()
def card_overview(board_id: str) -> dict:
    """The cards of a board."""
    return httpx.post(ENDPOINT, json={"query": LIST_CARDS, "variables": {"board": board_id}}).json()


# expect: name=card_cleanup mutating=true typed=true
@mcp.tool()
def card_cleanup(card_id: str) -> dict:
    """Tidies a card."""
    return httpx.post(ENDPOINT, json={"query": CLOSE_CARD, "variables": {"id": card_id}}).json()


# expect: name=board_summary mutating=false typed=true
@mcp.tool()
def board_summary(board_id: str) -> dict:
    """A board's cards, through the gql client."""
    return client.execute(gql(LIST_CARDS), variable_values={"board": board_id})


# expect: name=board_sync mutating=true typed=true
@mcp.tool()
def board_sync(card_id: str) -> dict:
    """Syncs a card."""
    doc = gql("mutation Archive($id: ID!) { archiveCard(id: $id) { id } }")
    return client.execute(doc, variable_values={"id": card_id})


# The helper sends what its caller writes: a literal query reads.
# expect: name=card_titles mutating=false typed=true
@mcp.tool()
def card_titles(board_id: str) -> dict:
    """Titles of a board's cards."""
    return run_graphql("{ board(id: $board) { cards { title } } }", {"board": board_id})


# expect: name=card_review mutating=true typed=true
@mcp.tool()
def card_review(card_id: str) -> dict:
    """Reviews a card."""
    return run_graphql(CLOSE_CARD, {"id": card_id})


# A POST whose JSON has a "query" that is no GraphQL document (a search text) stays a POST.
# expect: name=search_notes mutating=false typed=true
@mcp.tool()
def search_notes(text: str) -> dict:
    """Searches notes."""
    return httpx.post("https://search.example/v1/notes", json={"query": text, "limit": 5}).json()


# expect: name=note_index mutating=true typed=true
@mcp.tool()
def note_index(text: str) -> dict:
    """Indexes notes."""
    return httpx.post("https://search.example/v1/notes", json={"query": text, "limit": 5}).json()


# A gql session's execute() runs a GraphQL document, not SQL: the query reads.
# expect: name=sync_cards mutating=false typed=true
@mcp.tool()
async def sync_cards(board_id: str) -> dict:
    """Cards of a board, over a session."""
    async with client as session:
        return await session.execute(gql(LIST_CARDS), variable_values={"board": board_id})


# A GraphQL client's execute() with a literal document: its operation decides (not SQL, not unknown).
# expect: name=card_reset mutating=true typed=true
@mcp.tool()
def card_reset(card_id: str) -> dict:
    """Resets a card."""
    return client.execute(query=CLOSE_CARD, variables={"id": card_id})


# SQL handed to a cursor's execute() is still SQL.
# expect: name=card_rows mutating=false typed=true
@mcp.tool()
def card_rows(board_id: str) -> list:
    """Rows of a board."""
    import sqlite3
    cur = sqlite3.connect("cards.db").cursor()
    return cur.execute("SELECT id FROM cards WHERE board = ?", (board_id,)).fetchall()
