import boto3
from mcp.server.fastmcp import FastMCP

from app.crm import Crm

mcp = FastMCP("service")


class Support:
    def __init__(self) -> None:
        self.crm = Crm("https://crm.internal")
        self.iam = boto3.client("iam")

    # expect: name=case_wrap_up mutating=true caps=-
    @mcp.tool()
    def case_wrap_up(self, case_id: str) -> str:
        """The end of a case."""
        self.crm.settle(case_id, "done")
        return "ok"

    # expect: name=access_review mutating=true caps=-
    @mcp.tool()
    def access_review(self, user_name: str, arn: str) -> str:
        """An access review of one user."""
        self.iam.detach_user_policy(UserName=user_name, PolicyArn=arn)
        return "reviewed"

    # expect: name=case_summary mutating=false caps=-
    @mcp.tool()
    def case_summary(self, case_id: str) -> dict:
        """One case."""
        return self.crm.case(case_id)
