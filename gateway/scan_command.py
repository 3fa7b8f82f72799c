"""`phigate scan`: the pipeline on text or JSON from the command line.

Findings are printed as entity type, offsets, score and action, never the matched text,
so the output can be pasted into a ticket.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from gateway import keys
from gateway.codecs.json_body import JsonDocument
from gateway.errors import ConfigError, RejectedMessage
from gateway.masking import Hasher
from gateway.policy import Policy
from gateway.redactor import Decision, Redactor
from gateway.scanner import Scanner
from gateway.service import default_state_dir, read_policy
from gateway.tokens import Tokenizer
from gateway.vault import open_vault


class TextScanner:
    def __init__(self, policy: Policy, state_dir: Path) -> None:
        self.policy = policy
        vault = open_vault(state_dir)
        self.redactor = Redactor(
            Scanner(str(state_dir / "cache"), policy.recognizers),
            Hasher(keys.hash_key(state_dir)),
            Tokenizer(vault),
        )

    def text(self, text: str, context: tuple[str, ...] = ()) -> tuple[str, list[Decision]]:
        return self.redactor.redact(text, self.policy.default.rules, self.policy, context)

    def json(self, value: Any) -> tuple[Any, list[dict[str, Any]]]:
        doc = JsonDocument(value)
        replacements: dict[int, str] = {}
        findings: list[dict[str, Any]] = []
        for i, field in enumerate(doc.fields):
            new_text, decisions = self.text(field.text, field.context)
            if new_text != field.text:
                replacements[i] = new_text
            findings += [_finding(d, field.path) for d in decisions]
        return doc.rebuilt(replacements), findings


def _finding(d: Decision, path: str | None = None) -> dict[str, Any]:
    f = d.finding
    out: dict[str, Any] = {
        "entity_type": f.entity_type,
        "start": f.start,
        "end": f.end,
        "score": f.score,
        "action": d.action.value,
    }
    if path is not None:
        out["path"] = path
    return out


def scan_main(args: argparse.Namespace) -> int:
    try:
        policy = read_policy(args.config)
    except ConfigError as e:
        print(e, file=sys.stderr)
        return 1
    scanner = TextScanner(policy, Path(args.state_dir or default_state_dir()))
    if args.jsonl:
        return scan_jsonl(scanner, sys.stdin, sys.stdout)
    text = args.text if args.text is not None else sys.stdin.read()
    try:
        redacted, decisions = scanner.text(text)
    except RejectedMessage as e:
        print(f"blocked: {e.code}: {e.detail}")
        return 3
    for d in decisions:
        f = d.finding
        print(f"{f.entity_type:<16} {f.start:>5}-{f.end:<5} score {f.score:.2f}  {d.action.value}")
    print(redacted)
    return 0


def scan_jsonl(scanner: TextScanner, source: TextIO, sink: TextIO) -> int:
    """One result line per input line; a bad line gets an error line and the rest go on."""
    failures = 0
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        out: dict[str, Any]
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or ("text" in record) == ("json" in record):
                raise ValueError('each line must be an object with "text" or "json"')
            out = {"id": record.get("id")}
            if "text" in record:
                if not isinstance(record["text"], str):
                    raise ValueError('"text" must be a string')
                redacted, decisions = scanner.text(record["text"])
                out |= {"text": redacted, "findings": [_finding(d) for d in decisions]}
            else:
                value, findings = scanner.json(record["json"])
                out |= {"json": value, "findings": findings}
        except RejectedMessage as e:
            out = {"id": _id(line), "blocked": True, "error": {"code": e.code, "message": e.detail}}
        except ValueError as e:
            failures += 1
            message = str(e) if not isinstance(e, json.JSONDecodeError) else "not valid JSON"
            out = {
                "id": _id(line),
                "error": {"code": "bad_input", "line": number, "message": message},
            }
        sink.write(json.dumps(out, ensure_ascii=False) + "\n")
    sink.flush()
    return 1 if failures else 0


def _id(line: str) -> Any:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record.get("id") if isinstance(record, dict) else None
