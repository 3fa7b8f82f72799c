"""The `phigate` command: run, scan, check-config, demo."""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from gateway.errors import ConfigError
from gateway.service import default_state_dir, read_policy
from gateway.tls import TlsPlan, plan, with_flags


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="phigate", description="Privacy gateway for Chinese hospital chat traffic."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the reverse proxy in front of a backend")
    run.add_argument("--upstream", required=True, help="backend URL, e.g. http://127.0.0.1:8081")
    run.add_argument("--listen-host", default="127.0.0.1")
    run.add_argument("--listen-port", type=int, default=8080)
    run.add_argument("--metrics-host", default="127.0.0.1")
    run.add_argument("--metrics-port", type=int, default=9090, help="0 turns /metrics off")
    run.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes that scan bodies (default: the number of cores; 0: a thread)",
    )
    run.add_argument(
        "--redis-url",
        default=os.environ.get("PHIGATE_REDIS_URL", ""),
        help="Redis for budgets shared by replicas (default: $PHIGATE_REDIS_URL, else in memory)",
    )
    tls = run.add_argument_group("TLS (flags override the policy's tls section)")
    tls.add_argument("--cert", help="certificate (chain) clients see, PEM; turns TLS on")
    tls.add_argument("--key", help="its private key, PEM (default: read from --cert)")
    tls.add_argument(
        "--upstream-ca", help="CA bundle the backend's certificate must chain to (PEM)"
    )
    tls.add_argument(
        "--allow-plain-upstream",
        action="store_true",
        help="allow an http:// upstream behind a TLS listener",
    )
    run.add_argument(
        "--shutdown-grace",
        type=float,
        default=10.0,
        help="seconds in-flight requests get to finish after SIGTERM (default: 10)",
    )
    run.add_argument(
        "--policy-poll",
        type=float,
        default=1.0,
        help="seconds between checks of the policy file for changes (0: only on SIGHUP)",
    )
    _common(run)

    scan = sub.add_parser("scan", help="scan text and print findings and the redacted text")
    scan.add_argument("text", nargs="?", help="text to scan; read from stdin when absent")
    scan.add_argument("--jsonl", action="store_true", help="read and write one JSON object a line")
    _common(scan)

    evaluate = sub.add_parser("eval", help="measure detection quality on labelled corpora")
    evaluate.add_argument("--messages", type=int, default=3000, help="synthetic messages")
    evaluate.add_argument("--seed", type=int, default=20261122)
    evaluate.add_argument("--corpus-dir", help="real corpora (default: ../shared/corpus)")
    evaluate.add_argument("--labelled", help="also score a JSONL file of labelled messages")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    evaluate.add_argument(
        "--leaks",
        action="store_true",
        help="after the table, list each value found but still readable in what the gateway"
        " forwards, each leaked value of the --labelled file and each of its messages without"
        " an identifier that changed (for invented and hand-written test values only)",
    )
    _common(evaluate)

    audit = sub.add_parser("audit", help="the audit log of reveals to staff")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain of audit.jsonl")
    verify.add_argument("--state-dir", help="state directory (default: $PHIGATE_STATE_DIR)")
    verify.add_argument("--file", help="an audit log elsewhere than the state directory")

    vault = sub.add_parser("vault", help="the token vault")
    vault_sub = vault.add_subparsers(dest="vault_command", required=True)
    rotate = vault_sub.add_parser(
        "rotate", help="re-seal rows under PHIGATE_VAULT_KEY (old keys in PHIGATE_VAULT_OLD_KEYS)"
    )
    rotate.add_argument("--state-dir", help="state directory (default: $PHIGATE_STATE_DIR)")
    rotate.add_argument("--redis-url", default=os.environ.get("PHIGATE_REDIS_URL", ""))

    check = sub.add_parser("check-config", help="validate a policy file")
    check.add_argument("file")

    demo = sub.add_parser("demo", help="run the gateway in front of the bundled demo backend")
    demo.add_argument("--gateway-port", type=int, default=8080)
    demo.add_argument("--backend-port", type=int, default=8081)
    demo.add_argument("--metrics-port", type=int, default=9090)
    _common(demo)

    args = parser.parse_args(argv)
    if args.command == "audit":
        from gateway.audit import verify as verify_chain

        path = Path(args.file) if args.file else Path(args.state_dir or default_state_dir())
        ok, summary = verify_chain(path if args.file else path / "audit.jsonl")
        print(summary, file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 1
    if args.command == "vault":
        from gateway.vault import open_vault

        try:
            count = open_vault(Path(args.state_dir or default_state_dir()), args.redis_url).rotate()
        except ConfigError as e:
            print(e, file=sys.stderr)
            return 1
        print(f"re-sealed {count} value(s) under the current vault key")
        return 0
    if args.command == "check-config":
        return check_config(args.file)
    if args.command == "scan":
        from gateway.scan_command import scan_main

        return scan_main(args)
    if args.command == "eval":
        from gateway.eval_command import eval_main

        return eval_main(args)
    if args.command == "demo":
        from demo.launcher import run_demo

        return run_demo(args)
    return run_proxy(args)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="policy YAML (default: phigate's default policy)")
    p.add_argument(
        "--state-dir", help="state directory (default: $PHIGATE_STATE_DIR or ~/.phigate)"
    )


def check_config(path: str) -> int:
    try:
        policy = read_policy(path)
    except ConfigError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"{path}: OK ({len(policy.routes)} route(s) and the default)")
    return 0


def mitmdump_args(args: argparse.Namespace, tls: TlsPlan | None = None) -> list[str]:
    """mitmdump's command line for `phigate run`: the same addon a user could load by hand."""
    spec = importlib.util.find_spec("addons.phigate")
    assert spec is not None and spec.origin is not None
    state_dir = Path(args.state_dir or default_state_dir()).resolve()
    settings = {
        "phigate_config": str(Path(args.config).resolve()) if args.config else "",
        "phigate_state_dir": str(state_dir),
        "phigate_metrics_host": args.metrics_host,
        "phigate_metrics_port": str(args.metrics_port),
        "phigate_redis_url": args.redis_url,
        "phigate_workers": str(getattr(args, "workers", 0)),
        "confdir": str(state_dir / "mitmproxy"),
        # flow_detail 0: mitmdump must not print URLs, which can carry identifiers.
        "flow_detail": "0",
        "connection_strategy": "lazy",
        "phigate_shutdown_grace": str(getattr(args, "shutdown_grace", 10.0)),
        "phigate_policy_poll": str(getattr(args, "policy_poll", 1.0)),
        # The backend's certificate is always verified: never ssl_insecure.
        "ssl_insecure": "false",
    }
    if tls is not None and tls.listener_pem is not None:
        settings["certs"] = f"*={tls.listener_pem}"
        settings["phigate_require_client_tls"] = "true"
    if tls is not None and tls.upstream_ca is not None:
        settings["ssl_verify_upstream_trusted_ca"] = tls.upstream_ca
    argv = [
        "--mode",
        f"reverse:{args.upstream}",
        "--listen-host",
        args.listen_host,
        "--listen-port",
        str(args.listen_port),
        "-s",
        spec.origin,
    ]
    for key, value in settings.items():
        argv += ["--set", f"{key}={value}"]
    return argv


def run_proxy(args: argparse.Namespace) -> int:
    # Check the policy before handing over, so the error reads the same as check-config's.
    try:
        policy = read_policy(args.config)
    except ConfigError as e:
        print(e, file=sys.stderr)
        return 1
    settings = with_flags(
        policy.tls, args.cert, args.key, args.upstream_ca, args.allow_plain_upstream
    )
    try:
        tls = plan(args.upstream, settings, Path(args.state_dir or default_state_dir()))
    except ConfigError as e:
        print(f"phigate: {e}", file=sys.stderr)
        return 1
    exe = Path(sys.executable).parent / "mitmdump"
    mitmdump = str(exe) if exe.exists() else shutil.which("mitmdump")
    if mitmdump is None:
        print("mitmdump not found: install phigate with its dependencies", file=sys.stderr)
        return 1
    os.execv(mitmdump, [mitmdump, *mitmdump_args(args, tls)])
    return 0  # not reached
