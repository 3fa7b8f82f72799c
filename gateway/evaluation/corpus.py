"""Build the labelled synthetic corpus: templates filled with fake values, some of them
spelled evasively, every value's span recorded."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from gateway.evaluation.templates import TEMPLATES
from gateway.evaluation.values import EVASIONS, EVASIVE_FOR, ValueFactory

_SLOT = re.compile(r"\{([A-Z_]+)\}")
EVASIVE_SHARE = 0.35
# Slots whose value is labelled as another entity: a surname given alone is a PERSON.
_SLOT_ENTITY = {"SURNAME": "PERSON"}


@dataclass(frozen=True)
class Label:
    entity: str
    start: int
    end: int
    evasion: str  # "" for a plain spelling


@dataclass(frozen=True)
class Message:
    dept: str
    text: str
    labels: tuple[Label, ...]


def _generators(values: ValueFactory) -> dict[str, Callable[[], str]]:
    return {
        "PERSON": values.person,
        "SURNAME": values.surname,
        "PHONE_NUMBER": values.phone,
        "CN_RESIDENT_ID": values.resident_id,
        "EMAIL_ADDRESS": values.email,
        "CN_BANK_CARD": values.bank_card,
        "CN_PASSPORT": values.passport,
        "CN_HK_MACAU_PERMIT": values.hk_macau_permit,
        "MEDICAL_RECORD_NUMBER": values.medical_record,
        "CN_SOCIAL_INSURANCE": values.social_insurance,
        "WECHAT_ID": values.wechat,
        "QQ_NUMBER": values.qq,
        "DATE_OF_BIRTH": values.date_of_birth,
        "LOCATION": values.address,
    }


def build(count: int, seed: int) -> list[Message]:
    rng = random.Random(seed)
    generators = _generators(ValueFactory(rng, seed))
    templates = [(dept, t) for dept, items in TEMPLATES.items() for t in items]
    messages = []
    for _ in range(count):
        dept, template = rng.choice(templates)
        text = ""
        labels = []
        pos = 0
        for slot in _SLOT.finditer(template):
            text += template[pos : slot.start()]
            entity = slot.group(1)
            value = generators[entity]()
            evasion = ""
            choices = EVASIVE_FOR.get(entity, [])
            if choices and "-" not in value and rng.random() < EVASIVE_SHARE:
                evasion = rng.choice(choices)
                if evasion == "plus86" and not (len(value) == 11 and value.startswith("1")):
                    evasion = "spaces"
                value = EVASIONS[evasion](value)
            labelled = _SLOT_ENTITY.get(entity, entity)
            labels.append(Label(labelled, len(text), len(text) + len(value), evasion))
            text += value
            pos = slot.end()
        text += template[pos:]
        messages.append(Message(dept, text, tuple(labels)))
    return messages


def load_labelled(path: str) -> list[Message]:
    """Messages from a JSONL file of {"dept", "text", "labels": [{"entity", "start", "end"}]}."""
    import json

    messages = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            labels = tuple(
                Label(str(x["entity"]), int(x["start"]), int(x["end"]), str(x.get("evasion", "")))
                for x in record.get("labels", [])
            )
            messages.append(Message(str(record.get("dept", "")), str(record["text"]), labels))
    return messages
