# parr as a container: `docker run --rm -v "$PWD:/work" parr check .`
# Debian slim (glibc): every dependency has a wheel here, unlike Alpine (musllinux) for cedarpy and google-re2.
FROM python:3.12-slim-bookworm

# git for the rollout ledger's commits (read through parr/git_safe.py, which overrides every key that
# names a program), ssh-keygen for ledger signatures.
RUN apt-get update \
 && apt-get install --yes --no-install-recommends git openssh-client \
 && rm -rf /var/lib/apt/lists/* \
 # A mounted repository belongs to the host's user, not to the container's: without this, git refuses it.
 && git config --system --add safe.directory '*'

COPY pyproject.toml README.md LICENSE /tmp/parr-src/
COPY parr /tmp/parr-src/parr
RUN python -m pip install --no-cache-dir "/tmp/parr-src[policy,re2]" && rm -rf /tmp/parr-src

RUN useradd --create-home --uid 10001 parr
USER parr
ENV PARR_CACHE_DIR=/tmp/parr-cache
WORKDIR /work
ENTRYPOINT ["parr"]
CMD ["--help"]
