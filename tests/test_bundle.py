"""The offline bundle (`make bundle`): it carries wheels for every supported target, the
ops files and an install script; it installs into a fresh virtualenv with the network
cut, and the installed gateway masks a message in front of a loopback backend.

The bundle is built once for the module (about two minutes with an empty pip cache)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
TOP = f"phigate-offline-{VERSION}"
TARGETS = [(py, arch) for py in ("3.11.2", "3.11.9", "3.12.0") for arch in ("x86_64", "aarch64")]

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_bundle.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / f"{TOP}.tar.gz"


@pytest.fixture(scope="module")
def unpacked(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(bundle) as tar:
        tar.extractall(out, filter="data")
    return out / TOP


def test_bundle_carries_policies_ops_files_and_installer(unpacked: Path) -> None:
    for name in (
        "install.sh",
        "Dockerfile",
        "config/default.yaml",
        "config/examples/staff-console.yaml",
        "config/prometheus/alerts.yml",
        "config/grafana/phigate.json",
        f"wheels/phigate-{VERSION}-py3-none-any.whl",
        "wheels/jieba-0.42.1-py3-none-any.whl",
        "requirements.txt",
    ):
        assert (unpacked / name).is_file(), name
    assert (unpacked / "config/default.yaml").read_bytes() == (
        ROOT / "config/default.yaml"
    ).read_bytes()
    assert "@VERSION@" not in (unpacked / "install.sh").read_text()


def test_bundle_checksums_cover_every_file(unpacked: Path) -> None:
    listed = {}
    for line in (unpacked / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {
        p.relative_to(unpacked).as_posix(): p
        for p in unpacked.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    }
    assert listed.keys() == files.keys()
    for name, path in files.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == listed[name], name


@pytest.mark.parametrize("python,arch", TARGETS, ids=[f"cp{p}-{a}" for p, a in TARGETS])
def test_bundle_resolves_offline_for_target(unpacked: Path, python: str, arch: str) -> None:
    """phigate resolves for this interpreter and machine from the bundle alone, with the
    target's own markers; only the native target can be installed for real. 3.11.2 is
    Debian bookworm's, where redis needs async-timeout."""
    command = [str(Path(sys.executable).parent / "uv"), "pip", "compile", "--offline"]
    command += ["--no-index", "--find-links", str(unpacked / "wheels"), "--only-binary", ":all:"]
    command += ["--constraints", str(unpacked / "requirements.txt"), "--python-version", python]
    command += ["--python-platform", f"{arch}-manylinux_2_28", "--no-header", "-"]
    result = subprocess.run(
        command, input=f"phigate=={VERSION}\n", capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    names = set(re.findall(r"^([A-Za-z0-9._-]+)==", result.stdout, re.M))
    assert {"phigate", "mitmproxy", "presidio-analyzer", "jieba", "regex"} <= names
    assert ("async-timeout" in names) == (python == "3.11.2")


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(SHARED_CORPUS.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines[::25] if line.strip()]
    return [t for t in texts if len(t) >= 12]


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")
def test_bundle_carries_no_shared_corpus(unpacked: Path) -> None:
    """The shared corpus is licensed for measuring only: none of it may ship. Checked in
    the project's own files (third-party wheels are PyPI's)."""
    texts = corpus_texts()
    assert len(texts) > 100
    corpus_names = {p.name for p in SHARED_CORPUS.iterdir()}
    contents: list[str] = []
    for path in unpacked.rglob("*"):
        assert path.name not in corpus_names, path
        if path.suffix != ".whl" and path.is_file():
            contents.append(path.read_text(encoding="utf-8", errors="replace"))
    with zipfile.ZipFile(unpacked / "wheels" / f"phigate-{VERSION}-py3-none-any.whl") as wheel:
        for name in wheel.namelist():
            assert Path(name).name not in corpus_names, name
            contents.append(wheel.read(name).decode("utf-8", errors="replace"))
    shipped = "\n".join(contents)
    assert [t for t in texts if t in shipped] == []


def runs(exe: str) -> bool:
    return subprocess.run([exe, "-c", "import venv"], capture_output=True).returncode == 0


def interpreters() -> dict[str, str]:
    """This interpreter, and a CPython of the other supported version if this machine has
    one (pyenv keeps them under its root; its shims refuse versions not selected)."""
    found = {f"{sys.version_info[0]}.{sys.version_info[1]}": sys.executable}
    for version in ("3.11", "3.12"):
        pyenv = Path.home() / ".pyenv" / "versions"
        candidates = [shutil.which(f"python{version}")]
        candidates += sorted(str(p) for p in pyenv.glob(f"{version}.*/bin/python{version}"))
        for exe in candidates:
            if version not in found and exe and runs(exe):
                found[version] = exe
    return dict(sorted(found.items()))


PYTHONS = interpreters()


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")
@pytest.mark.parametrize("python", list(PYTHONS.values()), ids=[f"cp{v}" for v in PYTHONS])
def test_bundle_installs_and_masks_without_network(
    bundle: Path, tmp_path: Path, python: str
) -> None:
    script = (
        "ip link set lo up && exec "
        f"{sys.executable} -m tests.support.offline_install {bundle} {tmp_path} {python}"
    )
    result = subprocess.run(
        ["unshare", "--net", "sh", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    [where] = [line for line in lines if line.startswith("gateway imported from ")]
    assert where.startswith(f"gateway imported from {tmp_path / 'venv'}/lib/python")
    [received] = [line for line in lines if line.startswith("received: ")]
    assert json.loads(received.removeprefix("received: ")) == {
        "message": "我叫张*，电话138****8000"
    }
