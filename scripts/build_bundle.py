"""Build dist/phigate-offline-<version>.tar.gz: what an air-gapped hospital site needs to
install phigate with no package index in reach.

The bundle holds wheels of phigate and of every dependency for Linux x86_64 and aarch64
on CPython 3.11 and 3.12, the lock they were chosen by, the policies, the alert rules and
dashboard, the Dockerfile and an install script.

Versions come from one universal lock (uv), whose markers are evaluated here for each
target: pip's own `--python-version` leaves markers to the interpreter running it, and
would miss, for example, async-timeout that redis needs below Python 3.11.3 (Debian
bookworm has 3.11.2). Before packing, each target is resolved again from the bundle's
wheels alone, so a bundle that would need the network to install is never written.

    python scripts/build_bundle.py [--out dist]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Wheels built for glibc 2.28 or older: Debian 10, RHEL 8 and their rebuilds, and newer.
GLIBC_MINOR = 28
# Files of the repository that go into the bundle as they are.
SHIPPED = ("config", "Dockerfile", ".dockerignore")
NO_MATCH = re.compile(r"No matching distribution found for (\S+)")


@dataclass(frozen=True)
class Target:
    python: str
    arch: str

    def __str__(self) -> str:
        return f"CPython {self.python} on {self.arch}"

    def platform_tags(self) -> list[str]:
        """Every manylinux tag a glibc-2.28 system accepts. pip takes `--platform`
        literally, so the older tags have to be listed one by one."""
        oldest = 5 if self.arch == "x86_64" else 17
        minors = range(oldest, GLIBC_MINOR + 1)
        tags = [f"manylinux_2_{minor}_{self.arch}" for minor in minors]
        legacy = ["manylinux2014"] + (
            ["manylinux2010", "manylinux1"] if self.arch == "x86_64" else []
        )
        return tags + [f"{name}_{self.arch}" for name in legacy]

    def pip_args(self) -> list[str]:
        args = ["--only-binary=:all:", "--implementation", "cp", "--python-version", self.python]
        for tag in self.platform_tags():
            args += ["--platform", tag]
        return args

    def environments(self) -> list[dict[str, str]]:
        """Marker environments of the first and a late patch release, so that a dependency
        any 3.11.x needs (async-timeout below 3.11.3) is shipped."""
        base = {
            "implementation_name": "cpython",
            "platform_python_implementation": "CPython",
            "os_name": "posix",
            "sys_platform": "linux",
            "platform_system": "Linux",
            "platform_machine": self.arch,
            "python_version": self.python,
        }
        return [{**base, "python_full_version": f"{self.python}.{p}"} for p in (0, 99)]


TARGETS = [Target(py, arch) for py in ("3.11", "3.12") for arch in ("x86_64", "aarch64")]


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def run(*command: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, input=stdin, capture_output=True, text=True)


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, "-m", "pip", *args, "--disable-pip-version-check")


def check(result: subprocess.CompletedProcess[str], what: str) -> None:
    if result.returncode != 0:
        sys.exit(f"{what} failed:\n{result.stdout}{result.stderr}")


def lock(path: Path) -> list[Requirement]:
    """One resolution for every Python from 3.11 and every platform, with markers."""
    result = run(
        str(BIN / "uv"), "pip", "compile", "--universal", "--python-version", "3.11",
        "--no-header", "--no-annotate", "--quiet", str(ROOT / "pyproject.toml"), "-o", str(path),
    )  # fmt: skip
    check(result, "locking the dependencies")
    lines = path.read_text().splitlines()
    return [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]


def needed(pins: list[Requirement], target: Target) -> list[str]:
    chosen = []
    for pin in pins:
        if pin.marker is None or any(pin.marker.evaluate(e) for e in target.environments()):
            chosen.append(f"{pin.name}{pin.specifier}")
    return chosen


def build_pure_wheel(requirement: str, wheels: Path) -> None:
    """A dependency published only as source (jieba, and pyperclip for mitmproxy 11) is
    built here; it is only usable on every target if it is pure Python."""
    with tempfile.TemporaryDirectory() as tmp:
        check(pip("wheel", "--no-deps", "-q", "-w", tmp, requirement), f"building {requirement}")
        for built in Path(tmp).glob("*.whl"):
            if not built.name.endswith("-none-any.whl"):
                sys.exit(f"{requirement} is source-only and not pure Python: {built.name}")
            shutil.move(built, wheels / built.name)


def collect(requirements: list[str], wheels: Path, target: Target) -> None:
    """Download one target's wheels, building source-only dependencies as met."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
        listing.write("\n".join(requirements) + "\n")
        listing.flush()
        built: set[str] = set()
        while True:
            result = pip(
                "download", "-q", "--no-deps", *target.pip_args(),
                "--find-links", str(wheels), "-d", str(wheels), "-r", listing.name,
            )  # fmt: skip
            if result.returncode == 0:
                return
            missing = NO_MATCH.search(result.stderr)
            if missing is None or missing.group(1) in built:
                sys.exit(f"collecting wheels for {target} failed:\n{result.stderr}")
            built.add(missing.group(1))
            build_pure_wheel(missing.group(1), wheels)


def verify_offline(wheels: Path, locked: Path, target: Target, version: str) -> None:
    """Resolve phigate for one target from the bundle's wheels alone, markers included."""
    for environment in target.environments():
        result = run(
            str(BIN / "uv"), "pip", "compile", "--quiet", "--offline", "--no-index",
            "--find-links", str(wheels), "--only-binary", ":all:", "--constraints", str(locked),
            "--python-version", environment["python_full_version"],
            "--python-platform", f"{target.arch}-manylinux_2_{GLIBC_MINOR}",
            "-o", "/dev/null", "-",
            stdin=f"phigate=={version}\n",
        )  # fmt: skip
        check(result, f"resolving offline for {target}")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stage(out: Path, version: str) -> Path:
    top = out / f"phigate-offline-{version}"
    if top.exists():
        shutil.rmtree(top)
    wheels = top / "wheels"
    wheels.mkdir(parents=True)
    check(pip("wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)), "building phigate")
    locked = top / "requirements.txt"
    pins = lock(locked)
    for target in TARGETS:
        collect(needed(pins, target), wheels, target)
    for target in TARGETS:
        verify_offline(wheels, locked, target, version)
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, top / name)
        else:
            shutil.copy2(source, top / name)
    install = top / "install.sh"
    install.write_text((ROOT / "scripts" / "install.sh").read_text().replace("@VERSION@", version))
    install.chmod(0o755)
    files = sorted(p for p in top.rglob("*") if p.is_file())
    lines = [f"{sha256(p)}  {p.relative_to(top).as_posix()}\n" for p in files]
    (top / "SHA256SUMS").write_text("".join(lines))
    return top


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "dist"), help="directory to write into")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    v = version()
    top = stage(out, v)
    tarball = out / f"{top.name}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=1) as tar:  # wheels are zips already
        tar.add(top, arcname=top.name)
    wheels = len(list((top / "wheels").glob("*.whl")))
    print(f"{tarball}: {wheels} wheels, {tarball.stat().st_size / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
