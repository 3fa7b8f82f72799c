"""Decide what happens to each finding under a route's rules, and rewrite the text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from gateway import masking
from gateway.errors import PolicyBlock, ScanFailed
from gateway.policy import Action, Policy, Rules
from gateway.scanner import Finding, Scanner
from gateway.tokens import TOKEN


@dataclass(frozen=True, slots=True)
class Decision:
    """A finding the policy acts on, with the action it gets."""

    finding: Finding
    action: Action


class Redactor:
    """Scanner + policy: returns the rewritten text and what was done, or raises PolicyBlock."""

    def __init__(
        self,
        scanner: Scanner,
        hasher: masking.Hasher,
        tokenizer: Callable[[str, str], str] | None = None,
    ) -> None:
        self.scanner = scanner
        self._anonymizer = AnonymizerEngine()
        self._replacers: dict[Action, Callable[[str, str], str]] = {
            Action.MASK: masking.mask,
            Action.REDACT: masking.redact,
            Action.HASH: hasher,
        }
        if tokenizer is not None:
            self._replacers[Action.TOKENIZE] = tokenizer

    def decide(
        self, text: str, findings: Sequence[Finding], rules: Rules, policy: Policy
    ) -> list[Decision]:
        decisions = []
        # A token already in the text (tok_PHONE_NUMBER_…) is left whole for detokenisation.
        tokens = [m.span() for m in TOKEN.finditer(text)] if "tok_" in text else []
        for f in findings:
            if any(f.start < end and start < f.end for start, end in tokens):
                continue
            if f.score < rules.threshold_for(f.entity_type):
                continue
            if policy.allow_list and policy.is_allowed(text[f.start : f.end]):
                continue
            decisions.append(Decision(f, rules.action_for(f.entity_type)))
        return decisions

    def redact(
        self, text: str, rules: Rules, policy: Policy, context: Sequence[str] = ()
    ) -> tuple[str, list[Decision]]:
        decisions = self.decide(text, self.scanner.scan(text, context), rules, policy)
        if any(d.action not in self._replacers and d.action is Action.TOKENIZE for d in decisions):
            raise ScanFailed("the policy asks for tokens, but no token vault is configured")
        blocked = sorted({d.finding.entity_type for d in decisions if d.action is Action.BLOCK})
        if blocked:
            raise PolicyBlock(f"message refused by policy: it contains {', '.join(blocked)}")
        return self.apply(text, decisions), decisions

    def apply(self, text: str, decisions: Sequence[Decision]) -> str:
        changing = [d for d in decisions if d.action in self._replacers]
        if not changing:
            return text
        results = [
            RecognizerResult(d.finding.entity_type, d.finding.start, d.finding.end, d.finding.score)
            for d in changing
        ]
        operators = {
            d.finding.entity_type: self._operator(d.finding.entity_type, d.action) for d in changing
        }
        return str(self._anonymizer.anonymize(text, results, operators).text)

    def _operator(self, entity: str, action: Action) -> OperatorConfig:
        replace = self._replacers[action]
        return OperatorConfig("custom", {"lambda": lambda value: replace(entity, value)})
