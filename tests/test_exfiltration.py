"""The exfiltration guard on its own: subjects, honeytokens, budgets, client identity."""

from __future__ import annotations

import json

import pytest

import recognizers
from gateway.errors import ConfigErrors
from gateway.exfiltration import ExfiltrationBlocked, ExfiltrationGuard, MemoryWindows, client_key
from gateway.masking import Hasher
from gateway.metrics import Metrics
from gateway.policy import ExfiltrationSettings
from gateway.policy_loader import parse_policy


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def phones(n: int, start: int = 0) -> list[tuple[str, str]]:
    return [("PHONE_NUMBER", f"139{i:08d}") for i in range(start, start + n)]


def guard(settings: ExfiltrationSettings, clock: Clock | None = None) -> ExfiltrationGuard:
    windows = MemoryWindows(clock=clock or Clock())
    return ExfiltrationGuard(settings, windows, Hasher(b"k" * 32), Metrics())


def test_exfiltration_too_many_subjects_blocked_and_counted() -> None:
    g = guard(ExfiltrationSettings())
    g.check("history", None, "10.0.0.5", phones(3), [])
    with pytest.raises(ExfiltrationBlocked) as info:
        g.check("history", None, "10.0.0.5", phones(21, 100), [])
    assert info.value.reason == "too_many_subjects" and info.value.status == 403
    get = g.metrics.registry.get_sample_value
    assert (
        get(
            "phigate_exfiltration_blocked_total",
            {"route": "history", "reason": "too_many_subjects"},
        )
        == 1
    )
    assert get("phigate_subjects_served_total", {"route": "history"}) == 3


def test_exfiltration_same_patient_spelled_twice_is_one_subject() -> None:
    g = guard(ExfiltrationSettings(max_subjects_per_response=1))
    values = [
        ("PHONE_NUMBER", "13900000001"),
        ("PHONE_NUMBER", "139 0000 0001"),
        ("PHONE_NUMBER", "一三九零零零零零零零一"),
        ("PERSON", "张伟"),
    ]
    g.check("r", None, "c", values, [])  # one subject: names count through identifiers


def test_exfiltration_route_limit_overrides_default() -> None:
    g = guard(ExfiltrationSettings())
    g.check("export", 100, "c", phones(50), [])
    with pytest.raises(ExfiltrationBlocked):
        g.check("chat", 2, "c", phones(3, 500), [])


@pytest.mark.parametrize(
    "text",
    [
        "患者电话13900001234",
        "电话 139-0000-1234",
        "电话一三九零零零零一二三四",
        "１３９００００１２３４",
    ],
)
def test_exfiltration_honeytoken_in_any_spelling(text: str) -> None:
    g = guard(ExfiltrationSettings(honeytokens=frozenset({"13900001234"})))
    with pytest.raises(ExfiltrationBlocked) as info:
        g.check("r", None, "c", [], [text])
    assert info.value.reason == "honeytoken"
    assert "13900001234" not in info.value.to_json().decode()
    assert g.metrics.registry.get_sample_value("phigate_honeytoken_hits_total") == 1


def test_exfiltration_budget_stops_drip_until_window_moves() -> None:
    clock = Clock()
    g = guard(ExfiltrationSettings(budget_subjects=40, budget_window_seconds=3600), clock)
    g.check("r", None, "scraper", phones(15, 0), [])
    g.check("r", None, "scraper", phones(15, 15), [])
    g.check("r", None, "other", phones(15, 30), [])  # budgets are per client
    with pytest.raises(ExfiltrationBlocked) as info:
        g.check("r", None, "scraper", phones(15, 30), [])
    assert info.value.reason == "budget_exhausted"
    g.check("r", None, "scraper", phones(5, 0), [])  # already seen: no new subjects
    clock.now += 3601
    g.check("r", None, "scraper", phones(15, 30), [])
    assert g.metrics.registry.get_sample_value("phigate_client_budget_exhausted_total") == 1


def test_exfiltration_block_message_names_no_identifier() -> None:
    g = guard(ExfiltrationSettings())
    with pytest.raises(ExfiltrationBlocked) as info:
        g.check("r", None, "c", phones(30), [])
    body = json.loads(info.value.to_json())
    assert body["error"]["code"] == "exfiltration_blocked"
    assert "139" not in json.dumps(body)


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("10.0.0.9", "1.2.3.4", (), "10.0.0.9"),
        ("10.0.0.9", "1.2.3.4", ("10.0.0.0/8",), "1.2.3.4"),
        ("10.0.0.9", "6.6.6.6, 1.2.3.4, 10.0.0.7", ("10.0.0.0/8",), "1.2.3.4"),
        ("8.8.8.8", "1.2.3.4", ("10.0.0.0/8",), "8.8.8.8"),
    ],
    ids=["untrusted-peer", "trusted-proxy", "chain", "spoofed-header"],
)
def test_client_key_trusts_forwarded_for_only_from_proxies(
    peer: str, forwarded: str, trusted: tuple[str, ...], expected: str
) -> None:
    assert client_key(peer, forwarded, ExfiltrationSettings(trusted_proxies=trusted)) == expected


def test_exfiltration_policy_section_parsed_and_checked() -> None:
    policy = parse_policy(
        "exfiltration:\n  max_subjects_per_response: 5\n  budget_subjects: 50\n"
        "  trusted_proxies: [10.0.0.0/8]\n  honeytokens: ['139-0000-1234']\n"
        "routes:\n  - name: export\n    max_subjects_per_response: 500\n",
        recognizers.supported_entities(),
    )
    assert policy.exfiltration.max_subjects_per_response == 5
    assert policy.exfiltration.honeytokens == frozenset({"13900001234"})
    assert policy.routes[0].max_subjects == 500
    with pytest.raises(ConfigErrors) as info:
        parse_policy(
            "exfiltration:\n  budget_subjects: 0\n  trusted_proxies: [nowhere]\n",
            recognizers.supported_entities(),
        )
    assert [e.line for e in info.value.errors] == [3, 2]
