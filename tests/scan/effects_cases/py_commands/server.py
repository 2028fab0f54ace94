import json
import socket
import subprocess

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("studio")


class StudioConnection:
    def __init__(self):
        self.sock = socket.create_connection(("localhost", 9877))

    def send_command(self, name, params=None):
        self.sock.sendall(json.dumps({"type": name, "params": params or {}}).encode())
        return json.loads(self.sock.recv(65536))


class RpcConnection:
    def call(self, method, **params):
        return {"method": method, "params": params}


def connect():
    return StudioConnection()


rpc_conn = RpcConnection()


# expect: name=start_playback mutating=false
@mcp.tool()
def start_playback() -> str:
    """Start playing the session."""
    connect().send_command("start_playback")
    return "playing"


# expect: name=launch_clip mutating=false
@mcp.tool()
def launch_clip(track: int, slot: int) -> str:
    """Start playing a clip."""
    connect().send_command("fire_clip", {"track": track, "slot": slot})
    return "fired"


# expect: name=set_position mutating=false
@mcp.tool()
def set_position(beat: float) -> str:
    """Move the playhead."""
    connect().send_command("set_current_song_time", {"time": beat})
    return "moved"


# expect: name=start_take mutating=true
@mcp.tool()
def start_take() -> str:
    """Recording stores a take: no playback control."""
    connect().send_command("start_recording")
    return "recording"


# expect: name=start_server mutating=true
@mcp.tool()
def start_server(name: str) -> str:
    """Starting an instance is no playback: the command's verb counts."""
    connect().send_command("start_instance", {"name": name})
    return "started"


# expect: name=read_track mutating=true
@mcp.tool()
def read_track(track: int) -> str:
    """A read-named tool whose RPC call deletes: the method's name counts."""
    return str(rpc_conn.call("delete_track", track=track))


# expect: name=check_transfer mutating=true caps=-
@mcp.tool()
def check_transfer(raw_tx: str) -> str:
    """A JSON-RPC request body's method decides, not the POST that carries it."""
    body = {"jsonrpc": "2.0", "id": 1, "method": "eth_sendRawTransaction", "params": [raw_tx]}
    return httpx.post("https://rpc.example.org", json=body).text


# expect: name=get_balance mutating=false caps=-
@mcp.tool()
def get_balance(address: str) -> str:
    """A read method over a POST: the tool's name decides, as for any call parr cannot see into."""
    return httpx.post("https://rpc.example.org", json={"jsonrpc": "2.0", "id": 1, "method": "eth_getBalance",
                                                       "params": [address, "latest"]}).text


# expect: name=list_files mutating=true caps=shell
@mcp.tool()
def list_files(path: str) -> str:
    """subprocess.call is no RPC: it runs a process."""
    return str(subprocess.call(["ls", path]))
