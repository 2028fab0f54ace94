import os

from pagerduty import RestApiV2Client

_CLIENT = None


def pd_client() -> RestApiV2Client:
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = RestApiV2Client(os.environ["PD_TOKEN"])
    return _CLIENT
