from mcp.server.fastmcp import FastMCP

from app.aws_client import get_iam_client

mcp = FastMCP("iam")


# expect: name=detach_user_policy mutating=true caps=-
@mcp.tool()
def detach_user_policy(user_name: str, policy_arn: str) -> str:
    """Detach a managed policy from a user."""
    iam = get_iam_client()
    iam.detach_user_policy(UserName=user_name, PolicyArn=policy_arn)
    return "detached"


# expect: name=user_report mutating=true caps=-
@mcp.tool()
def user_report(user_name: str) -> str:
    """A report on one user (drops their access keys on the way)."""
    iam = get_iam_client()
    for key in iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]:
        iam.delete_access_key(UserName=user_name, AccessKeyId=key["AccessKeyId"])
    return "ok"


# expect: name=list_user_policies mutating=false caps=-
@mcp.tool()
def list_user_policies(user_name: str) -> list[str]:
    """The managed policies attached to a user."""
    iam = get_iam_client()
    return [p["PolicyArn"] for p in iam.list_attached_user_policies(UserName=user_name)["AttachedPolicies"]]


# expect: name=summarize_with_bedrock mutating=false caps=-
@mcp.tool()
def summarize_with_bedrock(text: str) -> str:
    """Summarise a text with a hosted model (inference only)."""
    import boto3

    runtime = boto3.client("bedrock-runtime")
    return runtime.invoke_model(modelId="m", body=text)["body"].read()


# expect: name=archive_report mutating=true caps=-
@mcp.tool()
def archive_report(report_id: str, body: str) -> str:
    """Keep a copy of a report."""
    import boto3

    boto3.client("s3").put_object(Bucket="reports", Key=f"{report_id}.txt", Body=body)
    return "stored"


# expect: name=caller_identity mutating=false caps=-
@mcp.tool()
def caller_identity(profile: str) -> str:
    """Who the server runs as (sessions and clients are set up in-process)."""
    import boto3
    import botocore.session

    session = botocore.session.get_session()
    session.set_credentials("key", "secret")
    sts = boto3.Session(profile_name=profile).client("sts")
    return sts.get_caller_identity()["Arn"]


# expect: name=new_bucket_for_team mutating=true caps=-
@mcp.tool()
def new_bucket_for_team(team: str) -> str:
    """Storage for a team."""
    import boto3

    s3 = boto3.Session().client("s3")
    s3.create_bucket(Bucket=f"team-{team}")
    return "ok"
