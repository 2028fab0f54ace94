import httpx

API = "https://api.tracker.example/v2"


async def tracker_request(endpoint: str, method: str = "GET", data: dict | None = None) -> dict:
    """One REST call; the method picks the branch."""
    url = f"{API}/{endpoint.lstrip('/')}"
    async with httpx.AsyncClient() as client:
        if method.upper() == "GET":
            response = await client.get(url)
        elif method.upper() == "POST":
            response = await client.post(url, json=data)
        elif method.upper() in ("PUT", "PATCH"):
            response = await client.put(url, json=data)
        elif method.upper() == "DELETE":
            response = await client.delete(url)
        else:
            raise ValueError(method)
    return response.json()


def send(method: str, path: str, body: dict | None = None) -> dict:
    """A generic request: the method is the caller's."""
    return httpx.request(method, f"{API}/{path}", json=body).json()


def routed(kind: str, path: str) -> dict:
    match kind:
        case "read" | "peek":
            return httpx.get(f"{API}/{path}").json()
        case _:
            return httpx.delete(f"{API}/{path}").json()
