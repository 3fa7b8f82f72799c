"""`phigate eval`: per-entity precision, recall, leak rate and values left readable by their
masks on a labelled synthetic corpus (fixed seed), the over-redaction rate on real patient
messages, and name recall on labelled Weibo sentences. Every message goes through the
gateway's pipeline the way the chat widget sends it (gateway.evaluation.widget)."""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from gateway import keys
from gateway.evaluation import corpus, scoring, widget
from gateway.evaluation.templates import CLINICAL_ONLY
from gateway.evaluation.widget import Widget
from gateway.masking import Hasher
from gateway.policy import Policy
from gateway.redactor import Redactor
from gateway.scanner import Scanner
from gateway.service import default_state_dir, read_policy

STRUCTURED_TARGET = 0.005
NAME_ADDRESS_TARGET = 0.03
CORPUS_TARGET = 0.01


def target_for(entity: str) -> float:
    return NAME_ADDRESS_TARGET if entity in ("PERSON", "LOCATION") else STRUCTURED_TARGET


def default_corpus_dir() -> Path:
    env = os.environ.get("PHIGATE_SHARED_CORPUS")
    return Path(env) if env else Path.cwd().parent / "shared" / "corpus"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _entity_table(report: scoring.Report) -> dict[str, Any]:
    return {
        entity: {
            "labelled": s.labelled,
            "precision": round(s.precision, 4),
            "recall": round(s.recall, 4),
            "leak_rate": round(s.leak_rate, 4),
            "evasive": s.evasive,
            "evasive_leak_rate": round(s.evasive_leak_rate, 4),
            "readable": s.readable,
            "readable_rate": round(s.readable_rate, 4),
            "target_leak_rate": target_for(entity),
        }
        for entity, s in sorted(report.entities.items())
    }


def run_eval(
    redactor: Redactor,
    policy: Policy,
    messages: int,
    seed: int,
    corpus_dir: Path | None,
    labelled: Path | None = None,
) -> dict[str, Any]:
    sender = Widget(redactor, policy)
    report = scoring.score_messages(corpus.build(messages, seed), sender)
    result: dict[str, Any] = {"seed": seed, "messages": messages}
    result["sent_as"] = {
        "request": f"{widget.METHOD} {widget.PATH} {widget.CONTENT_TYPE}",
        "route": widget.route(policy).name,
    }
    result["entities"] = _entity_table(report)
    if labelled is not None:
        hand_written = corpus.load_labelled(str(labelled))
        # Messages the author left without an identifier must come out as they went in.
        labelled_report = scoring.score_messages(hand_written, sender)
        plain = [m.text for m in hand_written if not m.labels]
        plain_changed = scoring.changed_texts(plain, sender)
        result["labelled_file"] = {
            "path": str(labelled),
            "messages": len(hand_written),
            "entities": _entity_table(labelled_report),
            "leaks": [
                {"entity": e, "value": v, "text": t, "start": at}
                for e, v, t, at in labelled_report.leaked_examples
            ],
            "readable": _readable(labelled_report),
            "unlabelled": len(plain),
            "unlabelled_changed": len(plain_changed),
            "changed": plain_changed,
        }
    changed, total = scoring.changed_share(CLINICAL_ONLY, sender)
    result["clinical_only_changed"] = changed
    if corpus_dir is not None and (corpus_dir / "patient_msgs.jsonl").exists():
        texts = [str(r["text"]) for r in _jsonl(corpus_dir / "patient_msgs.jsonl")]
        changed, total = scoring.changed_share(texts, sender)
        result["patient_msgs"] = {
            "changed": changed,
            "total": total,
            "rate": round(changed / total, 4),
        }
    if corpus_dir is not None and (corpus_dir / "ner_weibo.jsonl").exists():
        recall, precision, names = scoring.name_scores(
            _jsonl(corpus_dir / "ner_weibo.jsonl"), sender
        )
        result["weibo_names"] = {
            "labelled": names,
            "recall": round(recall, 4),
            "precision": round(precision, 4),
        }
    result["leaked_examples"] = report.leaked_examples[:20]
    result["readable_examples"] = _readable(report)[:20]
    return result


def _readable(report: scoring.Report) -> list[dict[str, str]]:
    return [
        {"entity": e, "value": v, "text": t, "forwarded": f}
        for e, v, t, f in report.readable_examples
    ]


def _rows(entities: dict[str, Any]) -> list[str]:
    lines = [
        f"{'entity':<22}{'n':>6}{'precision':>11}{'recall':>8}{'leak':>8}{'target':>8}"
        f"{'evasive':>9}{'ev.leak':>9}{'readable':>10}",
    ]
    for entity, e in entities.items():
        flag = "" if e["leak_rate"] <= e["target_leak_rate"] else "  ✗ over target"
        if e["readable"]:
            flag += "  ✗ readable"
        lines.append(
            f"{entity:<22}{e['labelled']:>6}{e['precision']:>11.1%}{e['recall']:>8.1%}"
            f"{e['leak_rate']:>8.2%}{e['target_leak_rate']:>8.1%}{e['evasive']:>9}"
            f"{e['evasive_leak_rate']:>9.2%}{e['readable']:>10}{flag}"
        )
    return lines


_READABLE_NOTE = (
    "readable: values detected, yet shown in the forwarded text more than their mask is meant"
    " to (counted apart from leak)"
)


def format_table(result: dict[str, Any]) -> str:
    sent = result["sent_as"]
    lines = [
        f"each message sent as the chat widget sends it ({sent['request']}),"
        f" under route {sent['route']!r}",
        f"synthetic corpus: {result['messages']} messages, seed {result['seed']}",
    ]
    lines += _rows(result["entities"])
    if "labelled_file" in result:
        f = result["labelled_file"]
        lines.append(f"\nlabelled file {f['path']}: {f['messages']} messages")
        lines += _rows(f["entities"])
        lines.append(
            f"messages of this file with no identifier changed: {f['unlabelled_changed']}"
            f" of {f['unlabelled']} (target 0)"
        )
    lines.append(f"clinical-only messages changed: {result['clinical_only_changed']} (target 0)")
    if "patient_msgs" in result:
        p = result["patient_msgs"]
        lines.append(
            f"real patient messages changed: {p['changed']} of {p['total']} = {p['rate']:.2%}"
            f" (target at most {CORPUS_TARGET:.0%})"
        )
    if "weibo_names" in result:
        w = result["weibo_names"]
        lines.append(
            f"Weibo person names (PER.NAM, {w['labelled']}): recall {w['recall']:.1%},"
            f" precision {w['precision']:.1%}"
        )
    lines.append(_READABLE_NOTE)
    return "\n".join(lines)


def format_leaks(labelled: dict[str, Any]) -> str:
    """Each leaked value in 【】 within its message, each value detected but still readable
    with the place it went marked 【】 in the forwarded text, then the messages changed that
    carry none: what a developer tuning a recognizer or a mask needs to see."""
    lines = [f"\nleaked in {labelled['path']}: {len(labelled['leaks'])}"]
    for leak in labelled["leaks"]:
        # Marked where the label is: the same value can stand earlier in the message, found.
        text, at, end = leak["text"], leak["start"], leak["start"] + len(leak["value"])
        marked = f"{text[:at]}【{text[at:end]}】{text[end:]}".replace("\n", " ⏎ ")
        lines.append(f"  {leak['entity']:<22}{marked}")
    lines += _readable_lines(labelled["path"], labelled["readable"])
    lines.append(f"changed without an identifier: {len(labelled['changed'])}")
    lines += [f"  {text}" for text in labelled["changed"]]
    return "\n".join(lines)


def format_synthetic_readable(result: dict[str, Any]) -> str:
    shown = result["readable_examples"]
    total = sum(e["readable"] for e in result["entities"].values())
    where = "synthetic corpus" + (f", the first {len(shown)} listed" if total > len(shown) else "")
    return "\n".join(["", *_readable_lines(where, shown, total)])


def _readable_lines(where: str, items: list[dict[str, str]], total: int | None = None) -> list[str]:
    count = len(items) if total is None else total
    lines = [f"detected, but readable in the output ({where}): {count}"]
    for item in items:
        lines.append(f"  {item['entity']:<22}{item['forwarded'].replace(chr(10), ' ⏎ ')}")
    return lines


def _unstored_token(entity: str, value: str) -> str:
    """A token of the vault's shape for a policy that tokenizes: the evaluation stores
    none of its invented values, and reveals none."""
    digest = hashlib.sha256(f"{entity}\x00{value}".encode()).digest()
    return f"tok_{entity}_{base64.b32encode(digest).decode().lower()[:24]}"


def eval_main(args: argparse.Namespace) -> int:
    policy = read_policy(args.config)
    state_dir = Path(args.state_dir or default_state_dir())
    redactor = Redactor(
        Scanner(str(state_dir / "cache"), policy.recognizers),
        Hasher(keys.hash_key(state_dir)),
        _unstored_token,
    )
    corpus_dir = Path(args.corpus_dir) if args.corpus_dir else default_corpus_dir()
    labelled = Path(args.labelled) if args.labelled else None
    result = run_eval(redactor, policy, args.messages, args.seed, corpus_dir, labelled)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_table(result))
        if args.leaks:
            print(format_synthetic_readable(result))
        if args.leaks and "labelled_file" in result:
            print(format_leaks(result["labelled_file"]))
    return 0
