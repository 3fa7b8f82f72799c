from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import recognizers
from gateway.errors import ConfigErrors
from gateway.policy import Action, Direction
from gateway.policy_loader import load_policy, parse_policy

ROOT = Path(__file__).resolve().parent.parent
ENTITIES = recognizers.supported_entities()
PHIGATE = str(Path(sys.executable).parent / "phigate")

GOOD = """\
version: 1
limits:
  max_body_bytes: 1MiB
  scan_timeout_seconds: 2
allow_list: ["400-800-1234"]
default:
  action: mask
routes:
  - name: staff-console
    match:
      direction: response
      path: /console/*
    action: redact
    actions:
      PERSON: keep
  - name: ids-blocked
    match:
      direction: [request]
      method: [POST]
      content_type: application/json
    actions:
      CN_RESIDENT_ID: block
    score_thresholds:
      PERSON: 0.7
"""


def test_policy_routes_match_in_order() -> None:
    policy = parse_policy(GOOD, ENTITIES)
    assert policy.limits.max_body_bytes == 1024 * 1024
    console = policy.route_for(Direction.RESPONSE, "GET", "/console/chats", "application/json")
    assert console.name == "staff-console"
    assert console.rules.action_for("PHONE_NUMBER") is Action.REDACT
    assert console.rules.action_for("PERSON") is Action.KEEP
    post = policy.route_for(Direction.REQUEST, "post", "/api/chat", "application/json")
    assert post.name == "ids-blocked"
    assert post.rules.action_for("CN_RESIDENT_ID") is Action.BLOCK
    assert post.rules.action_for("PHONE_NUMBER") is Action.MASK
    assert post.rules.threshold_for("PERSON") == 0.7
    other = policy.route_for(Direction.REQUEST, "GET", "/api/chat", "text/plain")
    assert other.name == "default"
    assert policy.is_allowed("4008001234")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("version: 1\ndefault:\n  action: scramble\n", 3, "unknown action 'scramble'"),
        ("default:\n  actions:\n    PHONE: mask\n", 3, "unknown entity 'PHONE'"),
        ("routes:\n  - name: a\n    match:\n      direction: inbound\n", 4, "unknown direction"),
        ("limits:\n  max_body_bytes: lots\n", 2, "positive size"),
        ("limits:\n  scan_timeout_seconds: -1\n", 2, "positive number"),
        ("default:\n  score_threshold: 1.5\n", 2, "from 0 to 1"),
        ("routes:\n  - name: Bad Name\n", 2, "lowercase"),
        ("routes:\n  - name: a\n  - name: a\n", 3, "duplicate route name"),
        ("defualt:\n  action: mask\n", 1, "unknown key 'defualt'"),
        ("routes:\n  - name: a\n    detokenize: yes please\n", 3, "true or false"),
        ("routes:\n  - name: a\n    match:\n      path: api/*\n", 4, "must start with /"),
        ("default: [\n", 2, "invalid YAML"),
    ],
)
def test_policy_error_names_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ConfigErrors) as info:
        parse_policy(text, ENTITIES, source="p.yaml")
    assert any(e.line == line and words in e.message for e in info.value.errors), str(info.value)


def test_policy_reports_every_error_at_once() -> None:
    text = "default:\n  action: scramble\n  score_threshold: 9\n"
    with pytest.raises(ConfigErrors) as info:
        parse_policy(text, ENTITIES)
    assert len(info.value.errors) == 2


def test_check_config_cli_ok_and_error(tmp_path: Path) -> None:
    ok = subprocess.run(
        [PHIGATE, "check-config", str(ROOT / "config/default.yaml")], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    assert "OK" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\ndefault:\n  action: scramble\n")
    result = subprocess.run([PHIGATE, "check-config", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{bad}: line 3, default.action: unknown action 'scramble'" in result.stderr


def test_check_config_cli_missing_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [PHIGATE, "check-config", str(tmp_path / "nope.yaml")], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "cannot read the policy" in result.stderr


def test_policy_tls_paths_resolve_against_the_policy_directory(tmp_path: Path) -> None:
    (tmp_path / "certs").mkdir()
    for name in ("gw.crt", "gw.key", "backend-ca.pem"):
        (tmp_path / "certs" / name).write_text("pem")
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(
        "tls:\n"
        "  cert_file: certs/gw.crt\n"
        "  key_file: certs/gw.key\n"
        "  upstream_ca_file: certs/backend-ca.pem\n"
        "  allow_plain_upstream: true\n"
    )
    tls = load_policy(policy_file, ENTITIES).tls
    assert tls.cert_file == str(tmp_path / "certs" / "gw.crt")
    assert tls.key_file == str(tmp_path / "certs" / "gw.key")
    assert tls.upstream_ca_file == str(tmp_path / "certs" / "backend-ca.pem")
    assert tls.allow_plain_upstream is True
    assert parse_policy("version: 1\n", ENTITIES).tls.cert_file is None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("tls:\n  cert_file: /nonexistent/gw.crt\n", 2, "no such file: /nonexistent/gw.crt"),
        ("tls:\n  cert: gw.crt\n", 2, "unknown key 'cert'"),
        ("tls:\n  upstream_ca_file: 3\n", 2, "path of a file"),
        ("version: 1\ntls:\n  allow_plain_upstream: sometimes\n", 3, "true or false"),
        ("tls: yes\n", 1, "must be a mapping"),
    ],
    ids=["missing-file", "unknown-key", "not-a-path", "not-a-flag", "not-a-mapping"],
)
def test_policy_tls_error_names_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ConfigErrors) as info:
        parse_policy(text, ENTITIES, source="p.yaml")
    assert any(e.line == line and words in e.message for e in info.value.errors), str(info.value)


def test_policy_tls_key_without_cert_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "gw.key").write_text("pem")
    with pytest.raises(ConfigErrors) as info:
        parse_policy("tls:\n  key_file: gw.key\n", ENTITIES, base_dir=tmp_path)
    assert "without tls.cert_file" in str(info.value)
