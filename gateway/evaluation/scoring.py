"""Score the scanner against labelled text, each message sent as the widget sends it
(gateway.evaluation.widget).

- recall: labelled values that a finding of the same entity overlaps;
- leak: labelled values with at least one letter or digit that no applied finding (of any
  entity) covers, so some of the value reaches the backend in clear;
- readable: labelled values that no leak left uncovered, yet that the forwarded text shows
  more of than the actions applied to them are meant to (gateway.evaluation.readable);
- precision: findings that overlap a labelled value of their entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gateway.evaluation import readable
from gateway.evaluation.corpus import Label, Message
from gateway.evaluation.widget import Widget
from gateway.policy import Action
from gateway.redactor import Decision


@dataclass
class EntityScore:
    labelled: int = 0
    recalled: int = 0
    leaked: int = 0
    evasive: int = 0
    evasive_leaked: int = 0
    readable: int = 0  # detected, but readable in the forwarded text
    findings: int = 0
    true_findings: int = 0

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else 1.0

    @property
    def leak_rate(self) -> float:
        return self.leaked / self.labelled if self.labelled else 0.0

    @property
    def readable_rate(self) -> float:
        return self.readable / self.labelled if self.labelled else 0.0

    @property
    def evasive_leak_rate(self) -> float:
        return self.evasive_leaked / self.evasive if self.evasive else 0.0

    @property
    def precision(self) -> float:
        return self.true_findings / self.findings if self.findings else 1.0


@dataclass
class Report:
    entities: dict[str, EntityScore] = field(default_factory=lambda: defaultdict(EntityScore))
    # (entity, the value as written, the whole message): hand-written or synthetic text only
    leaked_examples: list[tuple[str, str, str, int]] = field(default_factory=list)
    # (entity, the value as written, the whole message, the forwarded text with the place
    # the value went marked 【】): detected values the forwarded text still shows
    readable_examples: list[tuple[str, str, str, str]] = field(default_factory=list)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _leaks(text: str, label: Label, covered: set[int]) -> bool:
    return any(text[i].isalnum() and i not in covered for i in range(label.start, label.end))


def _allowed(text: str, label: Label, applied: list[Decision]) -> int:
    """What the actions applied over `label` are meant to leave readable of it, each
    reckoned on the part of the value its finding covers."""
    return sum(
        readable.allowance(
            d.finding.entity_type,
            d.action,
            text[max(label.start, d.finding.start) : min(label.end, d.finding.end)],
            label.entity in readable.WORDS,
        )
        for d in applied
        if _overlaps(d.finding.start, d.finding.end, label.start, label.end)
    )


def _marked(forwarded: readable.Forwarded, label: Label) -> str:
    lo, hi = forwarded.region(label.start, label.end)
    text = forwarded.text
    return f"{text[:lo]}【{text[lo:hi]}】{text[hi:]}"


def score_messages(messages: Iterable[Message], widget: Widget) -> Report:
    report = Report()
    for message in messages:
        sent = widget.send(message.text)
        decisions = sent.decisions
        applied = [d for d in decisions if d.action is not Action.KEEP]
        covered = {i for d in applied for i in range(d.finding.start, d.finding.end)}
        forwarded = (
            readable.Forwarded(message.text, sent.forwarded) if sent.forwarded is not None else None
        )
        spans = [(label.start, label.end) for label in message.labels]
        for label in message.labels:
            s = report.entities[label.entity]
            s.labelled += 1
            s.evasive += bool(label.evasion)
            if any(
                d.finding.entity_type == label.entity
                and _overlaps(d.finding.start, d.finding.end, label.start, label.end)
                for d in decisions
            ):
                s.recalled += 1
            if _leaks(message.text, label, covered):
                s.leaked += 1
                s.evasive_leaked += bool(label.evasion)
                value = message.text[label.start : label.end]
                report.leaked_examples.append((label.entity, value, message.text, label.start))
            elif forwarded is not None and readable.shows_more(
                forwarded,
                label.start,
                label.end,
                _allowed(message.text, label, applied),
                [span for span in spans if span != (label.start, label.end)],
                label.entity in readable.WORDS,
            ):
                s.readable += 1
                value = message.text[label.start : label.end]
                report.readable_examples.append(
                    (label.entity, value, message.text, _marked(forwarded, label))
                )
        for d in decisions:
            if d.action is Action.KEEP:
                continue  # counted, not applied: no identifier to score (HEALTH_CONDITION)
            s = report.entities[d.finding.entity_type]
            s.findings += 1
            s.true_findings += any(
                label.entity == d.finding.entity_type
                and _overlaps(d.finding.start, d.finding.end, label.start, label.end)
                for label in message.labels
            )
    return report


def changed_texts(texts: list[str], widget: Widget) -> list[str]:
    """Those of `texts` that would not reach the backend as they were typed."""
    return [text for text in texts if widget.send(text).forwarded != text]


def changed_share(texts: list[str], widget: Widget) -> tuple[int, int]:
    """How many of `texts` would not reach the backend as typed, out of how many."""
    return len(changed_texts(texts, widget)), len(texts)


def name_scores(records: Iterable[dict[str, Any]], widget: Widget) -> tuple[float, float, int]:
    """Recall and precision of PERSON on labelled person names (PER.NAM spans)."""
    labelled = recalled = findings = true_findings = 0
    for record in records:
        text = str(record["text"])
        spans = [
            (int(s["start"]), int(s["end"]))
            for s in record.get("spans", [])
            if s["label"] == "PER.NAM"
        ]
        found = [
            (d.finding.start, d.finding.end)
            for d in widget.send(text).decisions
            if d.finding.entity_type == "PERSON"
        ]
        labelled += len(spans)
        recalled += sum(any(_overlaps(*s, *f) for f in found) for s in spans)
        findings += len(found)
        true_findings += sum(any(_overlaps(*f, *s) for s in spans) for f in found)
    recall = recalled / labelled if labelled else 1.0
    precision = true_findings / findings if findings else 1.0
    return recall, precision, labelled
