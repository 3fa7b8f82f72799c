"""The phigate addon: every request and response body goes through the gateway pipeline."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path

from mitmproxy import ctx, exceptions, http
from mitmproxy.addonmanager import Loader

from addons.flows import (
    METADATA_REJECTED,
    METADATA_STREAMED,
    reject,
    set_body,
    to_message,
    to_websocket_message,
)
from gateway.drain import Drain
from gateway.errors import ConfigError, RejectedMessage, TlsRequired
from gateway.health_server import HealthServer
from gateway.policy import Direction
from gateway.policy_watch import PolicyWatcher
from gateway.service import Gateway, default_state_dir, read_policy
from gateway.sse import SseRewriter

log = logging.getLogger(__name__)


class PhigateAddon:
    def __init__(self) -> None:
        self.gateway: Gateway | None = None
        self.health: HealthServer | None = None
        self._loading: asyncio.Task[None] | None = None
        self.drain = Drain()
        self._watcher: PolicyWatcher | None = None
        self._stopping: asyncio.Task[None] | None = None
        self.failed = False  # could not load: the process must exit with an error
        self.shutdown_grace = 10.0
        self.policy_poll = 1.0

    def load(self, loader: Loader) -> None:
        loader.add_option(
            name="phigate_config",
            typespec=str,
            default="",
            help="Path of the policy YAML file. Empty means phigate's default policy.",
        )
        loader.add_option(
            name="phigate_state_dir",
            typespec=str,
            default="",
            help=(
                "Directory for the hash key and caches. "
                "Empty means $PHIGATE_STATE_DIR or ~/.phigate."
            ),
        )
        loader.add_option(
            name="phigate_workers",
            typespec=int,
            default=0,
            help=(
                "Worker processes that scan bodies, each with its own scanner. "
                "0 scans in one thread of the proxy process."
            ),
        )
        loader.add_option(
            name="phigate_redis_url",
            typespec=str,
            default="",
            help=(
                "Redis URL for exfiltration budgets shared by several gateways, such as "
                "redis://redis:6379/0. Empty keeps them in this process."
            ),
        )
        loader.add_option(
            name="phigate_metrics_host",
            typespec=str,
            default="127.0.0.1",
            help="Address that serves /metrics, /healthz and /readyz.",
        )
        loader.add_option(
            name="phigate_metrics_port",
            typespec=int,
            default=9090,
            help="Port that serves /metrics, /healthz and /readyz; 0 turns them off.",
        )
        loader.add_option(
            name="phigate_require_client_tls",
            typespec=bool,
            default=False,
            help="Refuse plain-HTTP requests; phigate run sets it when the listener has TLS.",
        )
        loader.add_option(
            name="phigate_shutdown_grace",
            typespec=str,  # mitmproxy's --set parses no floats
            default="10",
            help="Seconds that requests in flight get to finish after SIGTERM.",
        )
        loader.add_option(
            name="phigate_policy_poll",
            typespec=str,
            default="1",
            help="Seconds between checks of the policy file for changes; 0 reloads on SIGHUP only.",
        )

    def configure(self, updated: set[str]) -> None:
        try:
            self.shutdown_grace = _seconds(ctx.options.phigate_shutdown_grace)
            self.policy_poll = _seconds(ctx.options.phigate_policy_poll)
        except ValueError as e:
            raise exceptions.OptionsError(str(e)) from e
        if self.gateway is not None and "phigate_config" not in updated:
            return
        try:
            policy = read_policy(ctx.options.phigate_config or None)
        except ConfigError as e:
            raise exceptions.OptionsError(str(e)) from e
        if self.gateway is not None:
            self.gateway.set_policy(policy)
            return
        state_dir = Path(ctx.options.phigate_state_dir or default_state_dir())
        self.gateway = Gateway(
            policy,
            state_dir,
            redis_url=ctx.options.phigate_redis_url,
            workers=ctx.options.phigate_workers,
            policy_path=ctx.options.phigate_config or None,
        )
        if "body_size_limit" in ctx.options and ctx.options.body_size_limit is None:
            # mitmproxy's own cap stops a huge body before it is buffered; phigate's limit
            # answers 413 with a JSON error below it.
            ctx.options.update(body_size_limit=str(policy.limits.max_body_bytes * 2))

    async def running(self) -> None:
        assert self.gateway is not None
        gateway = self.gateway
        if ctx.options.phigate_metrics_port:
            self.health = HealthServer(
                ctx.options.phigate_metrics_host,
                ctx.options.phigate_metrics_port,
                gateway.metrics.registry,
                lambda: gateway.ready and not self.drain.draining,
            )
            self.health.start()
        self._loading = asyncio.create_task(self._load(gateway))
        loop = asyncio.get_running_loop()
        # SIGHUP, or a change of the file: reload the policy without dropping connections
        # (an invalid one is refused). Reloads run on the event loop, one at a time.
        path = ctx.options.phigate_config or None
        loop.add_signal_handler(
            signal.SIGHUP, lambda: gateway.reload(ctx.options.phigate_config or None)
        )
        if path and self.policy_poll > 0:
            self._watcher = PolicyWatcher(
                Path(path),
                lambda: loop.call_soon_threadsafe(gateway.reload, path),
                interval=self.policy_poll,
            )
            self._watcher.start()
        # SIGTERM: replaces mitmdump's handler, which stops at once.
        loop.add_signal_handler(signal.SIGTERM, self._sigterm)

    def _sigterm(self) -> None:
        if self._stopping is not None:
            log.warning("second SIGTERM: stopping now")
            ctx.master.shutdown()
            return
        self._stopping = asyncio.create_task(self._stop_gracefully())

    async def _stop_gracefully(self) -> None:
        """Stop listening, let requests in flight finish within the grace period, then
        shut down (`done` closes the workers and the vault)."""
        grace = self.shutdown_grace
        self.drain.draining = True
        log.info(
            "SIGTERM: refusing new connections; %d request(s) in flight get up to %g s",
            self.drain.in_flight,
            grace,
        )
        proxyserver = ctx.master.addons.get("proxyserver")
        await proxyserver.servers.update([])
        if await self.drain.wait(grace):
            log.info("requests in flight finished; stopping")
        else:
            log.warning(
                "%d request(s) still in flight after %g s; closing them",
                self.drain.in_flight,
                grace,
            )
        ctx.master.shutdown()

    async def _load(self, gateway: Gateway) -> None:
        try:
            await gateway.start()
        except Exception:
            # Without a scanner every message would be refused; stop where ops will see it.
            log.exception("phigate could not load its scanner; shutting down")
            self.failed = True
            ctx.master.shutdown()
            return
        log.info("phigate is ready")

    def requestheaders(self, flow: http.HTTPFlow) -> None:
        self.drain.begin(flow.id)
        if ctx.options.phigate_require_client_tls and not flow.client_conn.tls_established:
            # The body is read but neither scanned nor forwarded.
            reject(flow, TlsRequired("this gateway accepts HTTPS only; use https://"))

    def error(self, flow: http.HTTPFlow) -> None:
        self.drain.end(flow.id)

    async def request(self, flow: http.HTTPFlow) -> None:
        if flow.response or flow.error or not flow.live or self.gateway is None:
            return
        try:
            outcome = await self.gateway.process(to_message(flow, Direction.REQUEST))
        except RejectedMessage as e:
            reject(flow, e)
            return
        if outcome.query is not None:
            flow.request.path = flow.request.path.partition("?")[0] + "?" + outcome.query
        if outcome.body is not None:
            set_body(flow.request, outcome.body)

    def responseheaders(self, flow: http.HTTPFlow) -> None:
        """Server-sent events are rewritten as they stream instead of being buffered."""
        response = flow.response
        if self.gateway is None or response is None or METADATA_REJECTED in flow.metadata:
            return
        content_type = response.headers.get("content-type", "").lower()
        if content_type.startswith("text/event-stream") and not response.headers.get(
            "content-encoding"
        ):
            gateway = self.gateway
            template = to_message(flow, Direction.RESPONSE, gateway.policy.exfiltration)
            response.stream = SseRewriter(lambda data: gateway.scan_event(template, data))
            flow.metadata[METADATA_STREAMED] = True

    async def response(self, flow: http.HTTPFlow) -> None:
        try:
            await self._response(flow)
        finally:
            if (
                self.drain.draining
                and flow.response is not None
                and flow.websocket is None  # not on an upgrade to WebSocket
                and flow.request.http_version == "HTTP/1.1"
            ):
                flow.response.headers["connection"] = "close"  # stopping: no next request
            self.drain.end(flow.id)

    async def _response(self, flow: http.HTTPFlow) -> None:
        if not flow.response or flow.error or METADATA_REJECTED in flow.metadata:
            return
        if METADATA_STREAMED in flow.metadata:
            return  # already scanned event by event as it streamed
        if self.gateway is None:
            return
        try:
            peer = str(flow.client_conn.peername[0]) if flow.client_conn.peername else ""
            headers = {k.lower(): v for k, v in flow.request.headers.items()}
            staff = self.gateway.identify_staff(headers, peer)
            message = to_message(flow, Direction.RESPONSE, self.gateway.policy.exfiltration, staff)
            outcome = await self.gateway.process(message)
        except RejectedMessage as e:
            reject(flow, e)
            return
        if outcome.body is not None:
            set_body(flow.response, outcome.body)

    async def websocket_message(self, flow: http.HTTPFlow) -> None:
        if flow.websocket is None or self.gateway is None:
            return
        message = flow.websocket.messages[-1]
        try:
            outcome = await self.gateway.process(
                to_websocket_message(
                    flow,
                    message.content,
                    message.is_text,
                    message.from_client,
                    self.gateway.policy.exfiltration,
                )
            )
        except RejectedMessage:
            # The message is dropped, not forwarded; the gateway has counted why.
            message.drop()
            return
        if outcome.body is not None:
            message.content = outcome.body

    def done(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
        if self.health is not None:
            self.health.stop()
        if self.gateway is not None:
            self.gateway.close()
        if self.failed:
            # mitmdump exits 0 after a shutdown; a supervisor (Docker's on-failure restart,
            # systemd) must see that the gateway failed to start.
            logging.shutdown()
            os._exit(1)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise ValueError(f"{value!r} is not a number of seconds")
    return seconds
