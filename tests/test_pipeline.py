from __future__ import annotations

import gzip
import json
import platform

import pytest

from gateway import __version__
from gateway.errors import BodyTooLarge, PolicyBlock, ScanFailed, UnreadableBody
from gateway.metrics import Metrics
from gateway.pipeline import HttpMessage, Pipeline
from gateway.policy import Direction
from gateway.policy_loader import parse_policy
from gateway.redactor import Redactor
from recognizers import supported_entities

MESSAGE = "我叫张伟，电话13800138000，身份证110101199003074258"
RAW = ("张伟", "13800138000", "110101199003074258")


def post(body: bytes, content_type: str = "application/json", **headers: str) -> HttpMessage:
    return HttpMessage(
        Direction.REQUEST, "POST", "/api/chat", {"content-type": content_type, **headers}, body
    )


def test_json_body_masked_structure_kept(pipeline: Pipeline) -> None:
    body = json.dumps({"session": "s1", "message": MESSAGE, "n": [1, True]}, ensure_ascii=False)
    out = pipeline.process(post(body.encode()))
    assert out.body is not None
    result = json.loads(out.body)
    assert result == {
        "session": "s1",
        "message": "我叫张*，电话138****8000，身份证110101********4258",
        "n": [1, True],
    }
    assert sorted(d.decision.finding.entity_type for d in out.decisions) == [
        "CN_RESIDENT_ID",
        "PERSON",
        "PHONE_NUMBER",
    ]


def test_clean_body_passes_unchanged(pipeline: Pipeline) -> None:
    out = pipeline.process(post('{"message": "血压150/95，每天两次每次500mg"}'.encode()))
    assert out.body is None and out.decisions == []


def test_form_and_text_bodies_masked(pipeline: Pipeline) -> None:
    form = pipeline.process(post(b"phone=13800138000&q=hi", "application/x-www-form-urlencoded"))
    assert form.body == b"phone=138%2A%2A%2A%2A8000&q=hi"
    text = pipeline.process(post(MESSAGE.encode(), "text/plain; charset=utf-8"))
    assert text.body == "我叫张*，电话138****8000，身份证110101********4258".encode()


def test_unknown_content_type_scanned_as_text(pipeline: Pipeline) -> None:
    out = pipeline.process(post("电话13800138000".encode(), "application/x-custom"))
    assert out.body == "电话138****8000".encode()


def test_gzip_body_decoded_scanned_reencoded(pipeline: Pipeline) -> None:
    body = gzip.compress(json.dumps({"m": MESSAGE}, ensure_ascii=False).encode())
    out = pipeline.process(post(body, **{"content-encoding": "gzip"}))
    assert out.body is not None
    assert "138****8000" in gzip.decompress(out.body).decode()


def test_query_string_masked(pipeline: Pipeline) -> None:
    msg = HttpMessage(
        Direction.REQUEST, "GET", "/api/lookup", {}, b"", query="mobile=13800138000&page=2"
    )
    out = pipeline.process(msg)
    assert out.query == "mobile=138%2A%2A%2A%2A8000&page=2"


def test_oversized_body_refused(redactor: Redactor, metrics: Metrics) -> None:
    policy = parse_policy("limits:\n  max_body_bytes: 100\n", supported_entities())
    with pytest.raises(BodyTooLarge) as info:
        Pipeline(policy, redactor, metrics).process(post(b"x" * 101, "text/plain"))
    assert info.value.status == 413
    assert (
        metrics.registry.get_sample_value("phigate_blocked_total", {"reason": "body_too_large"})
        == 1
    )


def test_block_action_refuses_and_names_only_entity(redactor: Redactor, metrics: Metrics) -> None:
    policy = parse_policy("default:\n  actions:\n    CN_RESIDENT_ID: block\n", supported_entities())
    with pytest.raises(PolicyBlock) as info:
        Pipeline(policy, redactor, metrics).process(post(MESSAGE.encode(), "text/plain"))
    body = info.value.to_json().decode()
    assert json.loads(body)["error"]["code"] == "blocked_by_policy"
    assert "CN_RESIDENT_ID" in body
    assert not any(raw in body for raw in RAW)


def test_scanner_crash_fails_closed_without_leaking(
    pipeline: Pipeline, metrics: Metrics, redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(text: str, *args: object) -> None:
        raise RuntimeError(f"cannot handle {text}")

    monkeypatch.setattr(redactor.scanner, "scan", explode)
    with pytest.raises(ScanFailed) as info:
        pipeline.process(post(MESSAGE.encode(), "text/plain"))
    assert info.value.status == 500
    assert not any(raw in info.value.to_json().decode() for raw in RAW)
    assert (
        metrics.registry.get_sample_value("phigate_blocked_total", {"reason": "scan_failed"}) == 1
    )


def test_undecodable_body_refused(pipeline: Pipeline) -> None:
    with pytest.raises(UnreadableBody):
        pipeline.process(
            post(b"\x1f\x8b garbage", "application/json", **{"content-encoding": "gzip"})
        )


def test_allow_list_passes_hospital_number(redactor: Redactor, metrics: Metrics) -> None:
    policy = parse_policy('allow_list: ["400-810-0000", "020-87654321"]\n', supported_entities())
    out = Pipeline(policy, redactor, metrics).process(
        post("总机电话020-87654321，我的电话13800138000".encode(), "text/plain")
    )
    assert out.body == "总机电话020-87654321，我的电话138****8000".encode()


def test_unscanned_content_type_passes(redactor: Redactor, metrics: Metrics) -> None:
    policy = parse_policy('unscanned_content_types: ["image/*"]\n', supported_entities())
    out = Pipeline(policy, redactor, metrics).process(post(b"\x89PNG\r\n\x1a\n\xff", "image/png"))
    assert out.body is None


def test_metrics_count_findings_and_requests(pipeline: Pipeline, metrics: Metrics) -> None:
    pipeline.process(post(MESSAGE.encode(), "text/plain"))
    get = metrics.registry.get_sample_value
    assert get("phigate_requests_total", {"direction": "request"}) == 1
    labels = {"entity_type": "PHONE_NUMBER", "action": "mask", "direction": "request"}
    assert get("phigate_findings_total", labels) == 1
    assert get("phigate_scan_duration_seconds_count", {"direction": "request"}) == 1
    build = {"version": __version__, "python": platform.python_version()}
    assert get("phigate_build_info", build) == 1


def test_json_name_fields_masked_by_their_key(pipeline: Pipeline) -> None:
    # The key is the only cue: a child's name, a guardian's, and a drug that stays.
    body = json.dumps(
        {"child_name": "钟离子瑜", "监护人": "冉建华", "drug_name": "莫米松"}, ensure_ascii=False
    )
    out = pipeline.process(post(body.encode()))
    assert out.body is not None
    result = json.loads(out.body)
    assert result["drug_name"] == "莫米松"
    assert "子瑜" not in result["child_name"] and "建华" not in result["监护人"]
