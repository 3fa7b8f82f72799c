"""Detection quality guarded on a fixed seed: the targets of the recognizer suite.

The synthetic corpus is built from this project's templates, so it measures that the
recognizers keep up with the ways of writing identifiers the templates cover; the real
patient messages bound over-redaction. `phigate eval` prints the same figures."""

from __future__ import annotations

import json
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


DATA = Path(__file__).parent / "data"
LABELLED = DATA / "adversarial_messages.jsonl"
# Hand-written sets, each written blind to the recognizers and first measured before any fix
# (docs/quality.md keeps those first runs); the recognizers were then fixed against them, so
# here they guard against regressions.
HAND_WRITTEN = [
    "adversarial_messages.jsonl",
    "holdout_messages.jsonl",
    "blind3_messages.jsonl",
    "blind4_messages.jsonl",
    "blind5_messages.jsonl",
    "blind6_messages.jsonl",
    "blind7_messages.jsonl",
]


@pytest.fixture(scope="module")
def result(redactor: Redactor, default_policy: Policy) -> dict[str, Any]:
    return run_eval(redactor, default_policy, 3000, 20261122, SHARED / "corpus", LABELLED)


@pytest.fixture(scope="module", params=HAND_WRITTEN)
def hand_written(
    request: pytest.FixtureRequest, redactor: Redactor, default_policy: Policy
) -> dict[str, Any]:
    # No corpus and a token synthetic run: only the labelled file's figures are read.
    labelled = DATA / request.param
    figures: dict[str, Any] = run_eval(redactor, default_policy, 1, 1, None, labelled)
    labelled_file: dict[str, Any] = figures["labelled_file"]
    return labelled_file


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_quality_leak_rate_within_target(result: dict[str, Any], entity: str) -> None:
    e = result["entities"][entity]
    assert e["labelled"] >= 50
    assert e["leak_rate"] <= e["target_leak_rate"], e
    assert e["precision"] >= 0.95, e


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_quality_hand_written_messages(hand_written: dict[str, Any], entity: str) -> None:
    e = hand_written["entities"].get(entity)
    if e is None:
        pytest.skip(f"{hand_written['path']} has no {entity} value")
    assert e["leak_rate"] <= e["target_leak_rate"], (e, hand_written["leaks"])
    assert e["precision"] >= 0.95, e


def test_quality_no_detected_value_readable(result: dict[str, Any]) -> None:
    # Each value the default policy finds must leave the gateway hidden as its mask intends.
    readable = {entity: e["readable"] for entity, e in result["entities"].items() if e["readable"]}
    assert readable == {}, result["readable_examples"]


def test_quality_hand_written_no_detected_value_readable(hand_written: dict[str, Any]) -> None:
    assert hand_written["readable"] == []


def test_quality_hand_written_plain_messages_untouched(hand_written: dict[str, Any]) -> None:
    assert hand_written["unlabelled"] >= 40
    assert hand_written["changed"] == []


def test_quality_hand_written_sets_cover_every_entity() -> None:
    entities = {
        label["entity"]
        for name in HAND_WRITTEN
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        for label in json.loads(line)["labels"]
    }
    assert entities == ENTITIES


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


def test_quality_eighth_set_short_of_target_on_names_only(
    redactor: Redactor, default_policy: Policy
) -> None:
    # blind8's names are still over target after the fixes made against it (docs/quality.md,
    # "Eighth blind set"): its six leaked names (我关宇, 6床柏林, 景天的家长, a name after a
    # card number, 我弟弟高远, Lily Chen) are pinned here so that no more join them, and
    # every other entity is held to its target. Its two changed messages name doctors on
    # the schedule, which the set leaves unlabelled and a hospital lists in `allow_list`.
    figures = run_eval(redactor, default_policy, 1, 1, None, DATA / "blind8_messages.jsonl")
    blind8 = figures["labelled_file"]
    for entity, e in blind8["entities"].items():
        if entity != "PERSON":
            assert e["leak_rate"] <= e["target_leak_rate"], (entity, e, blind8["leaks"])
    leaked_names = [leak for leak in blind8["leaks"] if leak["entity"] == "PERSON"]
    assert len(leaked_names) <= 6, leaked_names
    assert blind8["readable"] == []
    assert len(blind8["changed"]) <= 2, blind8["changed"]
    assert all("医" in text for text in blind8["changed"]), blind8["changed"]
