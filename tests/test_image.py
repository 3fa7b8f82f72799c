"""The container image, built from the Dockerfile with the offline bundle's wheels, saved
with `make image-tarball`, loaded back and run for real in front of a backend.

Runs under `make test-image`, which installs Debian's docker.io and debootstrap: the
engine is the tests' own dockerd in a network namespace with only loopback (see
tests/support/dockerd.py), so the build and the container have no network at all. No
registry can be reached, so the base image is Debian bookworm made here with debootstrap
and passed as BASE_IMAGE."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.support.dockerd import Dockerd, DockerdUnavailable, client, running

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
BASE = "phigate-base:bookworm"
BASE_CACHE = ROOT / "build" / "image" / "bookworm-python3.tar"
IMAGE = "phigate:image-test"
CONTAINER = f"phigate-image-test-{os.getpid()}"
VOLUME = f"phigate-image-test-state-{os.getpid()}"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        os.environ.get("PHIGATE_IMAGE_TEST") != "1",
        reason="builds and runs the image: `make test-image` (Docker engine, a few minutes)",
    ),
]


@pytest.fixture(scope="module")
def engine() -> Iterator[Dockerd]:
    with ExitStack() as stack:
        try:
            started = stack.enter_context(running())
        except DockerdUnavailable as e:
            pytest.skip(f"dockerd cannot start here: {e}")
        # Images of earlier runs, untagged by this run's build, would pile up.
        started.docker("image", "prune", "--force")
        yield started


def debian_mirror() -> str:
    """The bookworm mirror this machine's apt uses, deb822 or one-line sources."""
    sources = sorted(Path("/etc/apt/sources.list.d").glob("*.sources"))
    for path in sources:
        for block in path.read_text().split("\n\n"):
            fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", block, re.M))
            if "bookworm" in fields.get("Suites", "").split() and fields.get("URIs"):
                return str(fields["URIs"].split()[0])
    for path in [Path("/etc/apt/sources.list"), *Path("/etc/apt/sources.list.d").glob("*.list")]:
        if path.exists():
            for line in path.read_text().splitlines():
                m = re.match(r"deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+bookworm\s", line)
                if m:
                    return m.group(1)
    raise RuntimeError("no Debian bookworm mirror in /etc/apt sources")


def build_base_rootfs() -> None:
    """Debian bookworm with CPython 3.11 and its venv module, as a tar for docker import.
    Kept in build/image: debootstrap takes minutes."""
    BASE_CACHE.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BASE_CACHE.parent) as tmp:
        rootfs = Path(tmp) / "rootfs"
        packages = "--include=python3,python3-venv"
        command = ["debootstrap", "--variant=minbase", packages, "bookworm", str(rootfs)]
        result = subprocess.run(
            [*command, debian_mirror()], capture_output=True, text=True, timeout=1800
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        partial = BASE_CACHE.with_suffix(".partial")
        subprocess.run(["tar", "-C", str(rootfs), "-cf", str(partial), "."], check=True)
        partial.rename(BASE_CACHE)


@pytest.fixture(scope="module")
def base(engine: Dockerd) -> str:
    """Imported once into the engine's data root, which is kept between runs."""
    if engine.docker("image", "inspect", BASE).returncode == 0:
        return BASE
    if not BASE_CACHE.exists():
        build_base_rootfs()
    result = engine.docker("import", str(BASE_CACHE), BASE, timeout=600)
    assert result.returncode == 0, result.stderr
    return BASE


@pytest.fixture(scope="module")
def image(engine: Dockerd, base: str) -> str:
    """`make image-tarball` on the bookworm base; then the image is removed and loaded back
    from the tarball, so what runs below is what a site would carry in."""
    tarball = ROOT / "dist" / f"phigate-image-{VERSION}.tar.gz"
    result = subprocess.run(
        ["make", "image-tarball", f"DOCKER={client()}", f"BASE_IMAGE={base}", f"IMAGE={IMAGE}"],
        cwd=ROOT,
        env=engine.env(),
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    assert engine.docker("rmi", IMAGE).returncode == 0
    loaded = engine.docker("load", "--input", str(tarball), timeout=600)
    assert loaded.returncode == 0, loaded.stderr
    assert f"Loaded image: {IMAGE}" in loaded.stdout
    return IMAGE


@pytest.fixture(scope="module")
def container(engine: Dockerd, image: str) -> Iterator[str]:
    """The container started in front of a backend by tests.support.image_check, which
    prints what /healthz answered and what the backend received."""
    command = [sys.executable, "-m", "tests.support.image_check", image, CONTAINER, VOLUME]
    try:
        result = subprocess.run(
            engine.in_netns(*command),
            cwd=ROOT,
            env={**engine.env(), "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield result.stdout
    finally:
        engine.docker("rm", "--force", CONTAINER)
        engine.docker("volume", "rm", VOLUME)


def test_container_masks_message_end_to_end(container: str) -> None:
    lines = container.splitlines()
    assert "healthz: 200" in lines
    [received] = [line for line in lines if line.startswith("received: ")]
    assert json.loads(received.removeprefix("received: ")) == {
        "message": "我叫张*，电话138****8000"
    }


def test_container_reports_healthy(engine: Dockerd, container: str) -> None:
    """The image's own HEALTHCHECK (every 15 s) turns the status to healthy."""
    deadline = time.monotonic() + 90
    status = ""
    while time.monotonic() < deadline:
        health = engine.docker("inspect", "--format", "{{.State.Health.Status}}", CONTAINER)
        status = health.stdout.strip()
        if status != "starting":
            break
        time.sleep(1)
    assert status == "healthy"


def test_container_runs_unprivileged_on_read_only_root(engine: Dockerd, container: str) -> None:
    uid = engine.docker("exec", CONTAINER, "id", "-u")
    assert uid.stdout.strip() == "10001"
    write = engine.docker("exec", CONTAINER, "touch", "/opt/phigate/probe")
    assert write.returncode != 0 and "Read-only file system" in write.stderr
    # What the gateway writes (mitmproxy's certificates, its keys) is in the state volume.
    state = engine.docker("exec", CONTAINER, "ls", "/var/lib/phigate").stdout.split()
    assert "mitmproxy" in state


def test_image_keeps_no_wheels_and_declares_volume(engine: Dockerd, image: str) -> None:
    config = json.loads(engine.docker("inspect", "--format", "{{json .Config}}", image).stdout)
    assert config["User"] == "phigate"
    assert "/var/lib/phigate" in config["Volumes"]
    assert "/healthz" in " ".join(config["Healthcheck"]["Test"])
    # The wheels were mounted for the install step only: none of phigate's is left.
    # (/usr/share/python-wheels is Debian's own, for venv.)
    leftovers = engine.docker(
        "run", "--rm", "--network=none", "--entrypoint", "sh", image, "-c",
        "find / -xdev -name '*.whl' -not -path '/usr/share/python-wheels/*'; "
        "ls /opt/phigate/bin/phigate",
    )  # fmt: skip
    assert leftovers.stdout.split() == ["/opt/phigate/bin/phigate"]
