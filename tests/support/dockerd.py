"""A Docker engine of the tests' own: Debian's dockerd, started in a network namespace that
has only loopback, so that images are built and containers run with no network at all,
and their ports (8080, 9090) cannot meet anything else on the machine.

It keeps its images under build/image/docker (kept between runs as a layer cache), its
sockets under /tmp, and touches no system Docker. `python -m tests.support.dockerd check`
says whether it can start here and run a container, and why not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATA_ROOT = ROOT / "build" / "image" / "docker"
# Tried in order: overlay2 where the kernel and filesystem allow it, then the slower ones.
DRIVERS = ("overlay2", "fuse-overlayfs", "vfs")


class DockerdUnavailable(Exception):
    """dockerd cannot start, or cannot run a container, on this machine."""


def client() -> str:
    """Debian's docker client, which uses the engine's own BuildKit; a newer client found
    first on PATH may want a buildx plugin that is not there."""
    for candidate in ("/usr/bin/docker", shutil.which("docker")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise DockerdUnavailable("no docker client: install Debian's docker.io (make image-tools)")


@dataclass
class Dockerd:
    process: subprocess.Popen[bytes]
    netns: str
    host: str
    driver: str
    log_path: Path

    def env(self) -> dict[str, str]:
        return {**os.environ, "DOCKER_HOST": self.host, "DOCKER_BUILDKIT": "1"}

    def docker(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [client(), *args], capture_output=True, text=True, env=self.env(), timeout=timeout
        )

    def in_netns(self, *command: str) -> list[str]:
        """A command line that runs `command` in the engine's network namespace."""
        return ["nsenter", f"--net=/run/netns/{self.netns}", *command]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _why(log_path: Path) -> str:
    lines = [line for line in log_path.read_text(errors="replace").splitlines() if line]
    fatal = [line for line in lines if "failed to start daemon" in line or "level=fatal" in line]
    return (fatal or lines or ["no output"])[-1]


def _start(driver: str, netns: str, run_dir: Path, data_root: Path) -> Dockerd:
    socket = run_dir / "docker.sock"
    log_path = run_dir / f"dockerd-{driver}.log"
    command = [
        "dockerd",
        f"--data-root={data_root / driver}",
        f"--exec-root={run_dir / 'exec'}",
        f"--pidfile={run_dir / 'dockerd.pid'}",
        f"--host=unix://{socket}",
        f"--storage-driver={driver}",
        # The namespace has nothing to bridge or to NAT to: containers use its loopback.
        "--bridge=none",
        "--iptables=false",
        "--ip6tables=false",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            ["nsenter", f"--net=/run/netns/{netns}", *command],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    engine = Dockerd(process, netns, f"unix://{socket}", driver, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DockerdUnavailable(f"dockerd --storage-driver={driver}: {_why(log_path)}")
        if socket.exists() and engine.docker("version", timeout=10).returncode == 0:
            return engine
        time.sleep(0.5)
    engine.stop()
    raise DockerdUnavailable(f"dockerd --storage-driver={driver} not answering after 60 s")


def _tiny_image(engine: Dockerd, tag: str) -> None:
    """An image of this machine's /bin/true and the libraries it loads: enough to prove
    that containers run, before any base image exists."""
    libs = subprocess.run(["ldd", "/bin/true"], capture_output=True, text=True).stdout
    paths = ["/bin/true"] + [w for w in libs.split() if w.startswith("/")]
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "true.tar"
        with tarfile.open(archive, "w") as tar:
            for path in paths:
                tar.add(os.path.realpath(path), arcname=path.lstrip("/"))
        result = engine.docker("import", str(archive), tag)
    if result.returncode != 0:
        raise DockerdUnavailable(f"docker import: {result.stderr.strip()}")


def _check_runs_containers(engine: Dockerd) -> None:
    _tiny_image(engine, "phigate-probe:true")
    result = engine.docker("run", "--rm", "--network=host", "phigate-probe:true", "/bin/true")
    engine.docker("rmi", "phigate-probe:true")
    if result.returncode != 0:
        raise DockerdUnavailable(f"dockerd starts but cannot run a container: {result.stderr}")


def _unmount_under(path: Path) -> None:
    """dockerd leaves its namespace handle (exec-root/netns/default) mounted at exit."""
    with open("/proc/self/mounts") as f:
        points = [line.split()[1] for line in f]
    for point in sorted((p for p in points if p.startswith(f"{path}/")), reverse=True):
        subprocess.run(["umount", point], capture_output=True)


@contextmanager
def _netns(name: str) -> Iterator[str]:
    made = subprocess.run(["ip", "netns", "add", name], capture_output=True, text=True)
    if made.returncode != 0:
        raise DockerdUnavailable(f"ip netns add: {made.stderr.strip()}")
    try:
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
        yield name
    finally:
        subprocess.run(["ip", "netns", "delete", name], capture_output=True)


@contextmanager
def running(data_root: Path = DATA_ROOT) -> Iterator[Dockerd]:
    """Start dockerd with the first storage driver that works; DockerdUnavailable says
    what failed with each."""
    if os.geteuid() != 0:
        raise DockerdUnavailable("dockerd needs root")
    for tool in ("dockerd", "nsenter", "ip"):
        if shutil.which(tool) is None:
            raise DockerdUnavailable(f"{tool} not installed (make image-tools installs it)")
    name = f"phigate-docker-{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="phigate-dockerd-") as tmp, _netns(name):
        reasons = []
        for driver in DRIVERS:
            try:
                engine = _start(driver, name, Path(tmp), data_root)
            except DockerdUnavailable as e:
                reasons.append(str(e))
                _unmount_under(Path(tmp))
                continue
            try:
                _check_runs_containers(engine)
            except DockerdUnavailable as e:
                reasons.append(f"{driver}: {e}")
                engine.stop()
                _unmount_under(Path(tmp))
                continue
            try:
                yield engine
            finally:
                engine.stop()
                _unmount_under(Path(tmp))
            return
        raise DockerdUnavailable("; ".join(reasons))


def main() -> int:
    if sys.argv[1:] != ["check"]:
        print("usage: python -m tests.support.dockerd check", file=sys.stderr)
        return 2
    try:
        with running() as engine:
            version = engine.docker("version", "--format", "{{.Server.Version}}").stdout.strip()
            print(f"dockerd {version} starts here and runs containers (storage: {engine.driver})")
    except DockerdUnavailable as e:
        print(f"dockerd cannot start here: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
