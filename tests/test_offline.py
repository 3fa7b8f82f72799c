"""The gateway starts and masks with the network unplugged: no model, suffix list or any
other download at run time. Runs in a network namespace that has only loopback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")
def test_gateway_works_without_network() -> None:
    script = f"ip link set lo up && exec {sys.executable} -m tests.support.offline_check"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": os.environ.get("HOME", "/root")}
    result = subprocess.run(
        ["unshare", "--net", "sh", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "138****8000" in result.stdout
