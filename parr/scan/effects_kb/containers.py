"""Container engines: the Docker SDK for Python (`docker`, docker-py), its high-level DockerClient and the
low-level APIClient.

Read from docker-py's API reference and its docker/models and docker/api modules
(docker-py.readthedocs.io: client.containers, client.images, client.networks, client.volumes, client.services,
client.swarm, client.plugins, client.configs, client.secrets, and the low-level API). What changes the engine's
state: making, starting, stopping, killing, restarting, pausing, renaming, updating, committing or removing a
container, writing into its file system (put_archive), pruning; building, pulling (an image lands on the
host), pushing, loading, importing, tagging or removing an image; creating, connecting, disconnecting or
removing networks and volumes; services, secrets, configs, nodes, plugins and the swarm itself.
`exec_run` and `exec_start` run a command in a container. Listing, getting, inspecting, logs, stats, top,
diff, history, search, export and get_archive (a tar stream handed back), events and info read; `login` only
signs the client in (plumbing)."""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

DOCKER = Family(
    name="docker",
    what="changes Docker containers, images or other engine objects",
    py_modules=frozenset({"docker"}),
    # in a file importing docker: its collections and the objects they hand back (a `client` or `api` alone
    # may be any SDK's: one docker built is known by its origin, docker.from_env() / docker.APIClient())
    receivers=re.compile(r"docker|containers?\b|images?\b|networks?\b|volumes?\b|swarm|plugins?\b", re.I),
    identifying=re.compile(r"docker", re.I),
    # the high-level models' one-word methods (DockerClient.containers.run, Container.stop, images.pull ...)
    methods=frozenset({
        "run", "create", "start", "stop", "kill", "restart", "remove", "pause", "unpause", "rename", "update",
        "commit", "put_archive", "prune", "prune_builds", "build", "pull", "push", "load", "tag",
        "connect", "disconnect", "install", "enable", "disable", "configure", "upgrade", "scale",
        "force_update", "init", "join", "leave", "unlock",
        # the low-level APIClient's (create_container, remove_image ... are read by the verbs below)
        "import_image", "import_image_from_data", "import_image_from_file", "import_image_from_stream",
        "import_image_from_url", "import_image_from_image", "load_image", "update_container",
        "connect_container_to_network", "disconnect_container_from_network",
    }),
    verbs=frozenset({"create", "remove", "update", "prune", "init", "join", "leave", "unlock", "configure",
                     "enable", "disable", "pull", "push", "upgrade"}),
    min_words=2,
    shell_methods=frozenset({"exec_run", "exec_start"}),
    reads=frozenset({
        "list", "get", "logs", "stats", "top", "diff", "history", "search", "get_registry_data", "export",
        "get_archive", "wait", "reload", "tasks", "containers", "images", "networks", "volumes", "services",
        "inspect_container", "inspect_image", "inspect_network", "inspect_volume", "inspect_service",
        "df", "info", "ping", "version", "events",
    }),
    read_what="reads Docker engine state",
)

FAMILIES = (DOCKER,)
