"""Chinese recognizers for Presidio, one module per entity.

Adding a recognizer is one new file here named `<something>_recognizer.py` that defines
one `EntityRecognizer` subclass (constructible without arguments) and an `EXAMPLES` list;
the registry finds it and the shared example test runs its table. A separate package
registers such a module under the `phigate.recognizers` entry point group instead.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from importlib.metadata import entry_points
from types import ModuleType

from presidio_analyzer import EntityRecognizer

from recognizers._base import Example

__all__ = ["Example", "RecognizerModule", "discover", "supported_entities"]


@dataclass(frozen=True)
class RecognizerModule:
    name: str
    recognizer_class: type[EntityRecognizer]
    examples: tuple[Example, ...]
    jieba_words: tuple[str, ...] = ()  # words jieba must keep whole (a module's JIEBA_WORDS)

    def create(self) -> EntityRecognizer:
        # Every recognizer module's class is constructible with its defaults (its contract).
        return self.recognizer_class()  # type: ignore[call-arg]

    @property
    def entity(self) -> str:
        return str(self.recognizer_class.ENTITY)  # type: ignore[attr-defined]


def _recognizer_class(module: ModuleType) -> type[EntityRecognizer]:
    classes = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, EntityRecognizer)
        and obj.__module__ == module.__name__
    ]
    if len(classes) != 1:
        raise ImportError(f"{module.__name__} must define exactly one recognizer class")
    return classes[0]


ENTRY_POINT_GROUP = "phigate.recognizers"


def _from_module(name: str, module: ModuleType) -> RecognizerModule:
    return RecognizerModule(
        name=name,
        recognizer_class=_recognizer_class(module),
        examples=tuple(getattr(module, "EXAMPLES", ())),
        jieba_words=tuple(getattr(module, "JIEBA_WORDS", ())),
    )


def discover() -> list[RecognizerModule]:
    """Every `*_recognizer` module in this package, in name order, then the modules that
    installed packages register under the `phigate.recognizers` entry point group."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.endswith("_recognizer"):
            found.append(
                _from_module(info.name, importlib.import_module(f"{__name__}.{info.name}"))
            )
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        module = ep.load()
        if not isinstance(module, ModuleType):
            raise ImportError(f"entry point {ep.name} must name a module, like pkg.my_recognizer")
        found.append(_from_module(ep.name, module))
    return found


def supported_entities() -> list[str]:
    return sorted({m.entity for m in discover()})
