import requests
from google.adk.agents import Agent


# expect: name=balance_of mutating=false
def balance_of(account: str) -> str:
    """Reads the balance of an account."""
    return requests.get(f"https://ledger.example.com/v1/balance/{account}", timeout=10).text


lookup_agent = Agent(name="lookup_agent", model="gemini-2.0-flash", tools=[balance_of])
