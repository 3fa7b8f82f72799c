"""Score the scanner against labelled text.

- recall: labelled values that a finding of the same entity overlaps;
- leak: labelled values with at least one letter or digit that no applied finding (of any
  entity) covers, so some of the value reaches the backend in clear;
- precision: findings that overlap a labelled value of their entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gateway.evaluation.corpus import Label, Message
from gateway.policy import Action, Policy
from gateway.redactor import Decision, Redactor


@dataclass
class EntityScore:
    labelled: int = 0
    recalled: int = 0
    leaked: int = 0
    evasive: int = 0
    evasive_leaked: int = 0
    findings: int = 0
    true_findings: int = 0

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else 1.0

    @property
    def leak_rate(self) -> float:
        return self.leaked / self.labelled if self.labelled else 0.0

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
    leaked_examples: list[tuple[str, str, str]] = field(default_factory=list)


def _decisions(redactor: Redactor, policy: Policy, text: str) -> list[Decision]:
    rules = policy.default.rules
    return redactor.decide(text, redactor.scanner.scan(text), rules, policy)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _leaks(text: str, label: Label, covered: set[int]) -> bool:
    return any(text[i].isalnum() and i not in covered for i in range(label.start, label.end))


def score_messages(messages: Iterable[Message], redactor: Redactor, policy: Policy) -> Report:
    report = Report()
    for message in messages:
        decisions = _decisions(redactor, policy, message.text)
        covered = {
            i
            for d in decisions
            if d.action is not Action.KEEP
            for i in range(d.finding.start, d.finding.end)
        }
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
                report.leaked_examples.append((label.entity, value, message.text))
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


def changed_texts(texts: list[str], redactor: Redactor, policy: Policy) -> list[str]:
    """Those of `texts` the default route would change."""
    rules = policy.default.rules
    return [text for text in texts if redactor.redact(text, rules, policy)[0] != text]


def changed_share(texts: list[str], redactor: Redactor, policy: Policy) -> tuple[int, int]:
    """How many of `texts` the default route would change, out of how many."""
    changed = 0
    for text in texts:
        redacted, _ = redactor.redact(text, policy.default.rules, policy)
        changed += redacted != text
    return changed, len(texts)


def name_scores(
    records: Iterable[dict[str, Any]], redactor: Redactor, policy: Policy
) -> tuple[float, float, int]:
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
            for d in _decisions(redactor, policy, text)
            if d.finding.entity_type == "PERSON"
        ]
        labelled += len(spans)
        recalled += sum(any(_overlaps(*s, *f) for f in found) for s in spans)
        findings += len(found)
        true_findings += sum(any(_overlaps(*f, *s) for s in spans) for f in found)
    recall = recalled / labelled if labelled else 1.0
    precision = true_findings / findings if findings else 1.0
    return recall, precision, labelled
