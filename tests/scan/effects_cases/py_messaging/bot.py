from agents import function_tool
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail
from slack_sdk import WebClient

slack = WebClient(token="x")


# expect: name=team_update mutating=true caps=-
@function_tool
def team_update(channel: str, text: str) -> str:
    """Tell the team."""
    slack.chat_postMessage(channel=channel, text=text)
    return "ok"


# expect: name=channel_history mutating=false caps=-
@function_tool
def channel_history(channel: str) -> list:
    """What was said in a channel."""
    return slack.conversations_history(channel=channel)["messages"]


# expect: name=customer_reply mutating=true caps=email
@function_tool
def customer_reply(to: str, body: str) -> str:
    """A reply to a customer."""
    sg = SendGridAPIClient("key")
    sg.send(Mail(from_email="support@example.com", to_emails=to, html_content=body))
    return "ok"
