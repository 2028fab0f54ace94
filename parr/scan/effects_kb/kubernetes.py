"""Kubernetes clients: the Python `kubernetes` package and `@kubernetes/client-node`.

Both are generated from the OpenAPI spec with one naming rule: <verb>_namespaced_<kind> /
<verb>_<kind> (Python) and <verb>Namespaced<Kind> (JavaScript), where read, list, watch and
get read, and create, patch, replace, delete and delete_collection change the cluster.
connect_*_exec runs a command in a container."""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

KUBERNETES = Family(
    name="kubernetes",
    what="changes Kubernetes objects",
    py_modules=frozenset({"kubernetes", "kubernetes_asyncio", "kr8s", "pykube"}),
    ts_modules=("@kubernetes/client-node",),
    receivers=re.compile(r"v1|api|k8s|kube|core|apps|batch|custom|rbac|networking|client", re.I),
    identifying=re.compile(r"k8s|kube|(?:^|\.)(?:core|apps|batch|custom|rbac|networking|policy|autoscaling)"
                           r"(?:_?v\d\w*)?(?:_?api|Api)?$|V\d\w*Api", re.I),
    verbs=frozenset({"create", "patch", "replace", "delete"}),
    min_words=2,
    shell_methods=frozenset({"connect_get_namespaced_pod_exec", "connect_post_namespaced_pod_exec", "exec"}),
)

FAMILIES = (KUBERNETES,)
