"""The IAM client the tools share."""

import boto3


def get_iam_client(region: str | None = None):
    return boto3.client("iam", region_name=region)
