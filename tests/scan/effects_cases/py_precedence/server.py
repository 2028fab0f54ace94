import asyncio

import requests
from mcp.server.fastmcp import FastMCP
from redis.exceptions import RedisError

from conn import get_connection, key_report, touch_audit
from vendorlib import magic

mcp = FastMCP("precedence")


# expect: name=type mutating=false
@mcp.tool()
def type(key: str) -> dict:
    """Returns the type of the value stored at key."""
    try:
        r = get_connection()
        return {"type": r.type(key), "ttl": r.ttl(key), **key_report(key)}
    except RedisError as e:
        return {"error": str(e)}


# expect: name=set_watch mutating=true
@mcp.tool()
def set_watch(key: str) -> str:
    """Reads a key and hands it to a helper parr cannot read: the name counts (fail closed)."""
    r = get_connection()
    value = r.get(key)
    magic.process(value)
    return value


# expect: name=sync_key mutating=true
@mcp.tool()
def sync_key(key: str) -> str:
    """A read, then a project helper whose library call parr cannot read: the name counts."""
    r = get_connection()
    return touch_audit(r.get(key))


# expect: name=submit_lookup mutating=false caps=-
@mcp.tool()
def submit_lookup(city: str) -> str:
    """Submit a city name and get its weather."""
    resp = requests.get("https://api.weather.example/v1/now", params={"q": city}, timeout=10)
    return resp.json()["summary"].strip()


# expect: name=cancel_booking mutating=true
@mcp.tool()
def cancel_booking(booking_id: str) -> str:
    """A stub reaches nothing: it stands for what its name says."""
    return f"Booking {booking_id} cancelled."


# expect: name=update_counter mutating=true
@mcp.tool()
def update_counter(key: str) -> int:
    """Reads and writes: the write decides."""
    r = get_connection()
    r.get(key)
    return r.incr(key)


# expect: name=notify_chat mutating=true
@mcp.tool()
def notify_chat(chat_id: str, text: str) -> str:
    """A GET whose path names an action (sendMessage) is no read the name must yield to."""
    url = f"https://api.chat.example/bot/sendMessage?chat_id={chat_id}&text={text}"
    return requests.get(url, timeout=10).text


# expect: name=set_flag mutating=true
@mcp.tool()
async def set_flag(key: str) -> str:
    """A library function handed to a runner is run here: parr cannot read it, so the name counts."""
    r = get_connection()
    value = r.get(key)
    await asyncio.to_thread(magic.flip, key)
    return value


def _fetch_price(sku):
    return requests.get(f"https://prices.example.com/v1/{sku}", timeout=10).json()


def _drop_price(sku):
    return requests.delete(f"https://prices.example.com/v1/{sku}", timeout=10).status_code


# expect: name=sync_prices mutating=false
@mcp.tool()
def sync_prices(skus: list[str]) -> list:
    """A pool runs the function it is given: the submit changes nothing, the worker only reads."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as executor:
        futures = [executor.submit(_fetch_price, s) for s in skus]
        return [f.result() for f in futures]


# expect: name=price_cleanup mutating=true
@mcp.tool()
def price_cleanup(skus: list[str]) -> list:
    """The worker a pool runs deletes: that is the tool's effect."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as executor:
        return list(executor.map(_drop_price, skus))


class _Api:
    def __init__(self):
        import httpx

        self.client = httpx.Client(base_url="https://music.example.com/v1")

    def call(self, path: str, method: str = "GET", body: dict | None = None):
        return self.client.request(method=method, url=path, json=body).json()


api = _Api()


# expect: name=create_playlist mutating=true
@mcp.tool()
def create_playlist(title: str) -> dict:
    """The method a helper sends is decided at run time: no read the name must yield to."""
    return api.call("/playlists", method="POST", body={"title": title})


# expect: name=add_to_watchlist mutating=true
@mcp.tool()
def add_to_watchlist(symbol: str, session_state: dict) -> str:
    """session_state.get("watchlist") is a mapping's key, not an HTTP GET."""
    watchlist = session_state.get("watchlist", [])
    watchlist.append(symbol)
    return f"Added {symbol}"
