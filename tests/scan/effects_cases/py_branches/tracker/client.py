import requests


class TrackerClient:
    def __init__(self, token: str):
        self.session = requests.Session()
        self.token = token

    def _request(self, method: str, path: str, payload: dict | None = None) -> dict:
        resp = self.session.request(method, f"https://api.tracker.example/v2/{path}", json=payload)
        return resp.json()

    def board(self, board_id: str) -> dict:
        return self._request("GET", f"boards/{board_id}")

    def archive_board(self, board_id: str) -> dict:
        return self._request("DELETE", f"boards/{board_id}")
