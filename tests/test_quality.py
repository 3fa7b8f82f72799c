"""Detection quality guarded on a fixed seed: the targets of the recognizer suite.

The synthetic corpus is built from this project's templates, so it measures that the
recognizers keep up with the ways of writing identifiers the templates cover; the real
patient messages bound over-redaction. `phigate eval` prints the same figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gateway.eval_command import CORPUS_TARGET, run_eval
from gateway.policy import Policy
from gateway.redactor import Redactor
from tests.conftest import SHARED

ENTITIES = {
    "CN_BANK_CARD",
    "CN_HK_MACAU_PERMIT",
    "CN_PASSPORT",
    "CN_RESIDENT_ID",
    "CN_SOCIAL_INSURANCE",
    "DATE_OF_BIRTH",
    "EMAIL_ADDRESS",
    "LOCATION",
    "MEDICAL_RECORD_NUMBER",
    "PERSON",
    "PHONE_NUMBER",
    "QQ_NUMBER",
    "WECHAT_ID",
}


LABELLED = Path(__file__).parent / "data" / "adversarial_messages.jsonl"
# The hand-written set (240 messages, written without reading the recognizers; the fixes of
# 2026-11-22 were then made against it). Where it is short of its target, the figure here is
# the measured one, so a regression fails; the issue note says what is left.
LABELLED_FLOORS: dict[str, float] = {}  # every entity within target since 2026-11-23


@pytest.fixture(scope="module")
def result(redactor: Redactor, default_policy: Policy) -> dict[str, Any]:
    return run_eval(redactor, default_policy, 3000, 20261122, SHARED / "corpus", LABELLED)


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_quality_leak_rate_within_target(result: dict[str, Any], entity: str) -> None:
    e = result["entities"][entity]
    assert e["labelled"] >= 50
    assert e["leak_rate"] <= e["target_leak_rate"], e
    assert e["precision"] >= 0.95, e


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_quality_hand_written_messages(result: dict[str, Any], entity: str) -> None:
    e = result["labelled_file"]["entities"][entity]
    assert e["labelled"] >= 9
    assert e["leak_rate"] <= max(e["target_leak_rate"], LABELLED_FLOORS.get(entity, 0.0)), e
    assert e["precision"] >= 0.95, e


def test_quality_clinical_numbers_untouched(result: dict[str, Any]) -> None:
    assert result["clinical_only_changed"] == 0


def test_quality_real_patient_messages_within_target(result: dict[str, Any]) -> None:
    assert result["patient_msgs"]["total"] > 3000
    assert result["patient_msgs"]["rate"] <= CORPUS_TARGET


def test_quality_weibo_names_no_regression(result: dict[str, Any]) -> None:
    # Informal Weibo names mostly come without a cue. No target is set for them; these
    # floors are the measured figures (recall 41.4%, precision 75.2% on 2026-11-22), to
    # catch a regression.
    names = result["weibo_names"]
    assert names["labelled"] > 700
    assert names["recall"] >= 0.41
    assert names["precision"] >= 0.75
