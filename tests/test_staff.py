from __future__ import annotations

import pytest

from gateway.policy import ExfiltrationSettings
from gateway.staff import identify, staff_tokens

TOKENS = staff_tokens("dr_li:3f9a1c0e5b7d2468ace13579bdf02468, nurse_wang:short, bad")
TRUSTED = ExfiltrationSettings(trusted_proxies=("10.0.0.0/8",))


def test_staff_tokens_parsed_and_short_ones_refused() -> None:
    assert TOKENS == {"3f9a1c0e5b7d2468ace13579bdf02468": "dr_li"}


@pytest.mark.parametrize(
    ("authorization", "header", "peer", "expected"),
    [
        ("Bearer 3f9a1c0e5b7d2468ace13579bdf02468", None, "1.2.3.4", "dr_li"),
        ("Bearer wrong-token-wrong-token", None, "1.2.3.4", None),
        ("Basic 3f9a1c0e5b7d2468ace13579bdf02468", None, "1.2.3.4", None),
        (None, "dr.zhao@hospital", "10.1.2.3", "dr.zhao@hospital"),
        (None, "dr.zhao@hospital", "1.2.3.4", None),
        (None, "<script>", "10.1.2.3", None),
        (None, None, "10.1.2.3", None),
    ],
    ids=[
        "bearer",
        "wrong-bearer",
        "not-bearer",
        "sso-from-proxy",
        "sso-spoofed",
        "sso-junk",
        "none",
    ],
)
def test_staff_identified_by_bearer_or_trusted_sso_header(
    authorization: str | None, header: str | None, peer: str, expected: str | None
) -> None:
    assert identify(authorization, header, peer, TOKENS, TRUSTED) == expected
