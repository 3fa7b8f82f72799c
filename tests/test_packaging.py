"""What gets shipped: the wheel carries the default policy and the demo widget, and the
Dockerfile keeps the promises the README makes about the image.

The image itself is built and run by tests/test_image.py (`make test-image`)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [path] = out.glob("phigate-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_carries_policy_widget_and_entry_point(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert "gateway/data/default.yaml" in names
    assert "demo/static/widget.html" in names
    assert "addons/phigate.py" in names
    policy = wheel.read("gateway/data/default.yaml").decode()
    assert policy == (ROOT / "config" / "default.yaml").read_text()
    [entry_points] = [n for n in names if n.endswith("entry_points.txt")]
    assert "phigate = gateway.cli:main" in wheel.read(entry_points).decode()


def test_dockerfile_runs_unprivileged_with_healthcheck() -> None:
    text = (ROOT / "Dockerfile").read_text()
    lines = [line.strip() for line in text.splitlines()]
    assert "ARG BASE_IMAGE=python:3.12-slim" in lines
    bases = [line for line in lines if line.startswith("FROM ")]
    assert bases == ["FROM ${BASE_IMAGE} AS builder", "FROM ${BASE_IMAGE} AS runtime"]
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert any(line.startswith("HEALTHCHECK") for line in lines) and "/healthz" in text
    assert "EXPOSE 8080 9090" in lines
    assert "/etc/phigate/policy.yaml" in text
