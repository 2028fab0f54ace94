"""A thin CRM client (no tools here)."""

import httpx


class Crm:
    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=10)

    def case(self, case_id: str) -> dict:
        return self.http.get(f"/cases/{case_id}").json()

    def settle(self, case_id: str, resolution: str) -> None:
        self.http.post(f"/cases/{case_id}/close", json={"resolution": resolution}).raise_for_status()


crm = Crm("https://crm.internal")
