import requests
from google_auth_oauthlib.flow import Flow

PENDING: dict[str, str] = {}


def start_auth_flow(email: str, redirect_uri: str) -> str:
    flow = Flow.from_client_secrets_file("client.json", scopes=["openid"], redirect_uri=redirect_uri)
    url, state = flow.authorization_url(access_type="offline", prompt="consent")
    PENDING[state] = email
    return url


def revoke_credentials(token: str) -> None:
    requests.post("https://oauth2.googleapis.com/revoke", params={"token": token})
