"""Recognizers added without touching phigate's code: declared in the policy's YAML, or
registered by an installed package through the `phigate.recognizers` entry point."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import recognizers
from gateway.errors import ConfigErrors
from gateway.masking import Hasher
from gateway.policy_loader import parse_policy
from gateway.redactor import Redactor
from gateway.scanner import Scanner

POLICY = r"""
recognizers:
  - name: hospital-mrn
    entity: HOSPITAL_MRN
    patterns:
      - name: zy-number
        regex: '(?<![0-9A-Z])ZY\d{10}(?![0-9])'
        score: 0.9
    context: [住院号]
default:
  actions:
    HOSPITAL_MRN: redact
"""


def test_declared_recognizer_finds_and_redacts() -> None:
    policy = parse_policy(POLICY, recognizers.supported_entities())
    assert [r.entity for r in policy.recognizers] == ["HOSPITAL_MRN"]
    redactor = Redactor(Scanner(declared=policy.recognizers), Hasher(b"k" * 32))
    text, decisions = redactor.redact("复查一下ZY2023000123的报告", policy.default.rules, policy)
    assert text == "复查一下<HOSPITAL_MRN>的报告"
    assert decisions[0].finding.entity_type == "HOSPITAL_MRN"


@pytest.mark.parametrize(
    ("snippet", "line", "words"),
    [
        ("      - regex: '(unclosed'\n", 6, "invalid regular expression"),
        ("      - regex: 'a*'\n", 6, "matches the empty string"),
        ("      - regex: 'x'\n        score: 3\n", 7, "from 0 to 1"),
    ],
)
def test_declared_recognizer_errors_name_line(snippet: str, line: int, words: str) -> None:
    text = "recognizers:\n  - name: mine\n    entity: MINE\n    patterns:\n" + snippet
    text = "version: 1\n" + text
    with pytest.raises(ConfigErrors) as info:
        parse_policy(text, recognizers.supported_entities())
    assert any(e.line == line and words in e.message for e in info.value.errors), str(info.value)


def test_entry_point_recognizer_is_discovered(tmp_path: Path) -> None:
    """A package installed beside phigate registers its module; discover() loads it."""
    package = tmp_path / "acme_recognizers"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "acme_card_recognizer.py").write_text(
        textwrap.dedent(
            '''
            from presidio_analyzer import Pattern
            from recognizers import Example
            from recognizers._base import ChinesePatternRecognizer

            class AcmeCardRecognizer(ChinesePatternRecognizer):
                """ACME loyalty cards: ACME- and eight digits."""

                ENTITY = "ACME_CARD"
                PATTERNS = [Pattern("acme", r"ACME-\\d{8}", 0.9)]

            EXAMPLES = [Example("卡号ACME-12345678", ("ACME-12345678",))]
            '''
        )
    )
    dist = tmp_path / "acme_recognizers-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-recognizers\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[phigate.recognizers]\nacme_card = acme_recognizers.acme_card_recognizer\n"
    )
    code = (
        "import recognizers; from gateway.scanner import Scanner; "
        "print([m.entity for m in recognizers.discover()][-1]); "
        "print([f.entity_type for f in Scanner().scan('卡号ACME-12345678')])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["ACME_CARD", "['ACME_CARD']"]
