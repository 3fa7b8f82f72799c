"""The addon in mitmproxy's own test harness: hooks called on real flow objects."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from mitmproxy import exceptions, websocket
from mitmproxy.test import taddons, tflow
from wsproto.frame_protocol import Opcode

from addons.gateway_addon import PhigateAddon

MESSAGE = "我叫张伟，电话13800138000"


def run(
    test: Callable[[PhigateAddon, taddons.context], Awaitable[None]], tmp: Path, **options: object
) -> None:
    async def main() -> None:
        addon = PhigateAddon()
        with taddons.context(addon) as tctx:
            tctx.configure(addon, phigate_state_dir=str(tmp), phigate_metrics_port=0, **options)
            assert addon.gateway is not None
            await addon.gateway.start()
            await test(addon, tctx)
            addon.done()

    asyncio.run(main())


def json_flow(body: dict[str, object]) -> tflow.HTTPFlow:
    flow = tflow.tflow()
    flow.request.method = "POST"
    flow.request.headers["content-type"] = "application/json"
    flow.request.content = json.dumps(body, ensure_ascii=False).encode()
    return flow


def test_addon_request_body_masked_with_right_length(tmp_path: Path) -> None:
    async def check(addon: PhigateAddon, tctx: taddons.context) -> None:
        flow = json_flow({"message": MESSAGE})
        await addon.request(flow)
        assert flow.response is None
        assert json.loads(flow.request.content or b"") == {"message": "我叫张*，电话138****8000"}
        assert flow.request.headers["content-length"] == str(len(flow.request.raw_content or b""))

    run(check, tmp_path)


def test_addon_response_masked(tmp_path: Path) -> None:
    async def check(addon: PhigateAddon, tctx: taddons.context) -> None:
        flow = tflow.tflow(resp=True)
        flow.response.headers["content-type"] = "text/plain; charset=utf-8"
        flow.response.content = MESSAGE.encode()
        await addon.response(flow)
        assert flow.response.text == "我叫张*，电话138****8000"

    run(check, tmp_path)


def test_addon_block_answers_client_and_stops_request(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("default:\n  actions:\n    PHONE_NUMBER: block\n")

    async def check(addon: PhigateAddon, tctx: taddons.context) -> None:
        flow = json_flow({"message": MESSAGE})
        await addon.request(flow)
        assert flow.response is not None and flow.response.status_code == 403
        assert json.loads(flow.response.content or b"")["error"]["code"] == "blocked_by_policy"
        assert "13800138000" not in (flow.response.text or "")
        # The response hook must not scan (or re-block) the gateway's own error.
        await addon.response(flow)
        assert flow.response.status_code == 403

    run(check, tmp_path, phigate_config=str(policy))


def test_addon_scan_timeout_fails_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("limits:\n  scan_timeout_seconds: 0.2\n")

    async def check(addon: PhigateAddon, tctx: taddons.context) -> None:
        assert addon.gateway is not None and addon.gateway.pipeline is not None
        original = addon.gateway.pipeline.try_scan

        def slow(msg):  # type: ignore[no-untyped-def]
            import time

            time.sleep(1)
            return original(msg)

        monkeypatch.setattr(addon.gateway.pipeline, "try_scan", slow)
        flow = json_flow({"message": MESSAGE})
        await addon.request(flow)
        assert flow.response is not None and flow.response.status_code == 503
        assert json.loads(flow.response.content or b"")["error"]["code"] == "scan_timeout"
        get = addon.gateway.metrics.registry.get_sample_value
        assert get("phigate_blocked_total", {"reason": "scan_timeout"}) == 1

    run(check, tmp_path, phigate_config=str(policy))


def test_addon_not_ready_refuses(tmp_path: Path) -> None:
    async def main() -> None:
        addon = PhigateAddon()
        with taddons.context(addon) as tctx:
            tctx.configure(addon, phigate_state_dir=str(tmp_path), phigate_metrics_port=0)
            flow = json_flow({"message": MESSAGE})
            await addon.request(flow)
            assert flow.response is not None and flow.response.status_code == 503
            assert json.loads(flow.response.content or b"")["error"]["code"] == "not_ready"

    asyncio.run(main())


def test_addon_bad_policy_is_options_error(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("default:\n  action: scramble\n")

    async def main() -> None:
        addon = PhigateAddon()
        with taddons.context(addon) as tctx:
            with pytest.raises(exceptions.OptionsError, match="line 2"):
                tctx.configure(addon, phigate_config=str(policy))

    asyncio.run(main())


def test_addon_new_policy_swapped_in(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("default:\n  action: redact\n")

    async def check(addon: PhigateAddon, tctx: taddons.context) -> None:
        tctx.configure(addon, phigate_config=str(policy))
        flow = json_flow({"message": MESSAGE})
        await addon.request(flow)
        assert json.loads(flow.request.content or b"") == {
            "message": "我叫<PERSON>，电话<PHONE_NUMBER>"
        }

    run(check, tmp_path)


def test_addon_websocket_text_masked_both_directions(tmp_path: Path) -> None:
    async def check(addon: PhigateAddon, tctx: taddons.context) -> None:
        for from_client in (True, False):
            flow = tflow.twebsocketflow()
            assert flow.websocket is not None
            flow.websocket.messages.append(
                websocket.WebSocketMessage(Opcode.TEXT, from_client, MESSAGE.encode())
            )
            await addon.websocket_message(flow)
            assert flow.websocket.messages[-1].text == "我叫张*，电话138****8000"

    run(check, tmp_path)


def test_addon_websocket_json_and_unreadable_binary(tmp_path: Path) -> None:
    async def check(addon: PhigateAddon, tctx: taddons.context) -> None:
        flow = tflow.twebsocketflow()
        assert flow.websocket is not None
        body = json.dumps({"type": "chat", "text": MESSAGE}, ensure_ascii=False).encode()
        flow.websocket.messages.append(websocket.WebSocketMessage(Opcode.TEXT, True, body))
        await addon.websocket_message(flow)
        assert json.loads(flow.websocket.messages[-1].content)["text"] == "我叫张*，电话138****8000"
        binary = websocket.WebSocketMessage(Opcode.BINARY, True, b"\x00\xff\xfe13800138000")
        flow.websocket.messages.append(binary)
        await addon.websocket_message(flow)
        assert binary.dropped
        assert addon.gateway is not None
        get = addon.gateway.metrics.registry.get_sample_value
        assert get("phigate_blocked_total", {"reason": "unreadable_body"}) == 1

    run(check, tmp_path)
