"""AWS SDKs: boto3/aioboto3 clients and resources, and the modular JavaScript SDK's *Command classes.

botocore names every operation Verb + Noun (DetachRolePolicy, TerminateInstances, PutObject);
boto3 exposes it in snake_case (detach_role_policy). The operation's first word says whether it
reads (Describe, Get, List, Head, Query, Scan, Search, Select, Lookup, Simulate, Validate,
Estimate, Preview, Test, Download, Generate) or changes state (the verbs below). Batch* and
Transact* operations take the verb of their second word (BatchWriteItem, TransactGetItems)."""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

MUTATING_VERBS = frozenset(
    """
    abort accept activate add allocate apply archive assign associate attach authorize cancel
    change clear complete confirm copy create deactivate decline decrease delete deploy deprecate
    deprovision deregister detach disable disassociate disconnect enable execute export failover
    import increase initiate invoke merge modify move pause promote provision publish purchase
    purge put reboot receive register reject release remove rename replace replicate request reset
    resize restore resume revoke rotate run schedule send set start stop submit suspend swap tag
    terminate transfer unassign unlink unmonitor untag update upgrade upload write
    """.split()
)
# `receive_message` on SQS deletes nothing but hides the message from others: it counts.

# Service names as boto3 spells them (client('iam')) and the usual variable names for them.
_SERVICES = (
    r"iam|s3|s3control|ec2|sts|sns|sqs|lambda|lambda_client|dynamodb|rds|ecs|eks|ecr|efs|elb|elbv2|"
    r"cloudformation|cfn|ssm|secretsmanager|kms|logs|cloudwatch|route53|autoscaling|glue|athena|"
    r"kinesis|firehose|sagemaker|bedrock|bedrock_agent|ses|sesv2|organizations|events|eventbridge|"
    r"stepfunctions|sfn|apigateway|cognito|cognito_idp|backup|redshift|emr|elasticache|opensearch|"
    r"batch|codebuild|codepipeline|codecommit|acm|wafv2|guardduty|securityhub|support|ce|budgets"
)
# A service's name counts as a word of the receiver (`iam`, `self.sqs`, `cloudwatch_logs`), never inside another
# word: `ce` in `service` or `source`, `support` in `SUPPORTED_FORMATS`, `logs` in `changelogs`.
RECEIVERS = re.compile(r"client|resource|boto|aws|(?<![a-z])(?:" + _SERVICES + r")(?![a-z])", re.I)  # a Session is configuration
# A receiver named after a service (iam, s3_client, self.ec2) or built by a helper named so
# (get_iam_client()) is an AWS client whatever the file imports.
IDENTIFYING = re.compile(
    rf"(?:^|[.\s])(?:get_|create_|make_|new_)?(?:{_SERVICES})(?:_?client|_?resource)?(?:\(\))?(?:$|\s)|boto", re.I)

AWS = Family(
    name="aws",
    what="changes AWS resources",
    py_modules=frozenset({"boto3", "aioboto3", "botocore", "aiobotocore"}),
    ts_modules=("@aws-sdk/", "aws-sdk"),
    receivers=RECEIVERS,
    identifying=IDENTIFYING,
    # boto3.Session / botocore sessions and configs are set up in-process (set_credentials)
    not_clients=re.compile(r"session$|session\s|get_session|config$|config\s", re.I),
    verbs=MUTATING_VERBS,
    min_words=2,
    # boto3 helpers that are not Verb+Noun operations
    methods=frozenset({"upload_file", "upload_fileobj", "copy", "put_object", "delete_objects",
                       "batch_write_item", "transact_write_items"}),
    read_methods=frozenset({"generate_presigned_url", "generate_presigned_post", "get_paginator",
                            "get_waiter", "can_paginate", "batch_get_item", "transact_get_items",
                            "request_spot_price_history", "start_query", "stop_query",
                            # model inference and retrieval on Bedrock / SageMaker: no state change
                            "invoke_model", "invoke_model_with_response_stream", "invoke_endpoint",
                            "invoke_endpoint_async", "invoke_endpoint_with_response_stream", "retrieve_and_generate",
                            "invoke_inline_agent",
                            # Redshift / RDS Data API: the SQL sent decides, not the operation's verb
                            "execute_statement", "batch_execute_statement", "execute_sql",
                            "start_query_execution", "stop_query_execution"}),
    ts_command_classes=True,
)

FAMILIES = (AWS,)
