"""Read a policy from YAML and validate it, reporting every error with its line.

The format is documented in config/default.yaml. Unknown keys are errors (a typo must
not silently turn a rule off), and so are unknown entities and actions.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex
import yaml

from gateway.errors import ConfigError, ConfigErrors
from gateway.fold import fold
from gateway.policy import (
    Action,
    DeclaredPattern,
    DeclaredRecognizer,
    DetokenizeSettings,
    Direction,
    ExfiltrationSettings,
    Limits,
    Policy,
    Route,
    Rules,
    TlsSettings,
    canonical,
)

_TOP_KEYS = {
    "version",
    "limits",
    "allow_list",
    "unscanned_content_types",
    "recognizers",
    "exfiltration",
    "detokenization",
    "default",
    "routes",
    "tls",
}
_TLS_KEYS = {"cert_file", "key_file", "upstream_ca_file", "allow_plain_upstream"}
_RECOGNIZER_KEYS = {"name", "entity", "patterns", "context"}
_PATTERN_KEYS = {"name", "regex", "score"}
_ENTITY_NAME = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")
_RULE_KEYS = {"action", "score_threshold", "actions", "score_thresholds"}
_ROUTE_KEYS = _RULE_KEYS | {"name", "match", "max_subjects_per_response", "detokenize"}
_DETOKENIZE_KEYS = {"budget_patients", "budget_window_seconds"}
_EXFIL_KEYS = {
    "max_subjects_per_response",
    "budget_subjects",
    "budget_window_seconds",
    "trusted_proxies",
    "honeytokens",
}
_MATCH_KEYS = {"direction", "method", "path", "content_type"}
_LIMIT_KEYS = {"max_body_bytes", "scan_timeout_seconds"}
_SIZE = re.compile(r"^\s*(\d+)\s*(B|KiB|MiB|GiB)?\s*$")
_UNITS = {None: 1, "B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}
_ROUTE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def load_policy(path: str | Path, entities: Iterable[str], raw: bytes | None = None) -> Policy:
    """Load and validate the policy at `path` (or `raw`, that file's bytes already read);
    raise ConfigErrors listing every problem."""
    path = Path(path)
    try:
        text = (path.read_bytes() if raw is None else raw).decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigErrors(str(path), [ConfigError(f"cannot read the policy: {e}")]) from e
    return parse_policy(text, entities, source=str(path), base_dir=path.resolve().parent)


def parse_policy(
    text: str, entities: Iterable[str], source: str = "<policy>", base_dir: Path | None = None
) -> Policy:
    """The policy in `text`. Relative file paths in it (the `tls` section) are resolved
    against `base_dir`, the policy file's directory (default: the working directory)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        raise ConfigErrors(source, [ConfigError(f"invalid YAML: {problem}", line=line)]) from e
    lines: dict[str, int] = {}
    if node is not None:
        _record_lines(node, "", lines)
    checker = _Checker(lines, frozenset(entities), base_dir or Path.cwd())
    policy = checker.policy(data if data is not None else {})
    if checker.errors:
        raise ConfigErrors(source, checker.errors)
    return policy


def _record_lines(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            lines[child] = key.start_mark.line + 1
            _record_lines(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, f"{path}[{i}]", lines)


class _Checker:
    """Builds a Policy from plain data, collecting errors instead of stopping at the first."""

    def __init__(self, lines: dict[str, int], entities: frozenset[str], base_dir: Path) -> None:
        self.lines = lines
        self.entities = entities
        self.base_dir = base_dir
        self.errors: list[ConfigError] = []

    def error(self, path: str, message: str) -> None:
        probe = path
        while probe and probe not in self.lines:
            probe = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", probe)
        self.errors.append(ConfigError(message, line=self.lines.get(probe), path=path))

    def mapping(self, value: Any, path: str, allowed: set[str]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, "must be a mapping")
            return {}
        for key in value:
            if key not in allowed:
                self.error(f"{path}.{key}" if path else str(key), _unknown("key", key, allowed))
        return value

    def str_list(self, value: Any, path: str) -> list[str] | None:
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            self.error(path, "must be a string or a list of strings")
            return None
        return items

    def policy(self, data: Any) -> Policy:
        top = self.mapping(data, "", _TOP_KEYS)
        if top.get("version", 1) != 1:
            self.error("version", "only version 1 is supported")
        # Declared recognizers come first: their entities are valid in the rules below.
        declared = self.declared_recognizers(top.get("recognizers"))
        self.entities = self.entities | {r.entity for r in declared}
        default = Route(
            "default",
            self.rules(self.mapping(top.get("default"), "default", _RULE_KEYS), "default", Rules()),
        )
        routes = []
        names: set[str] = set()
        raw_routes = top.get("routes") or []
        if not isinstance(raw_routes, list):
            self.error("routes", "must be a list of routes")
            raw_routes = []
        for i, raw in enumerate(raw_routes):
            route = self.route(raw, f"routes[{i}]", default.rules)
            if route is not None:
                if route.name in names:
                    self.error(f"routes[{i}].name", f"duplicate route name {route.name!r}")
                names.add(route.name)
                routes.append(route)
        allow = self.str_list(top.get("allow_list"), "allow_list") or []
        return Policy(
            default=default,
            routes=tuple(routes),
            limits=self.limits(top.get("limits")),
            allow_list=frozenset(canonical(v) for v in allow),
            recognizers=declared,
            exfiltration=self.exfiltration(top.get("exfiltration")),
            detokenization=self.detokenization(top.get("detokenization")),
            unscanned_content_types=tuple(
                v.lower()
                for v in self.str_list(
                    top.get("unscanned_content_types"), "unscanned_content_types"
                )
                or []
            ),
            tls=self.tls(top.get("tls")),
        )

    def declared_recognizers(self, value: Any) -> tuple[DeclaredRecognizer, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error("recognizers", "must be a list of recognizers")
            return ()
        out = []
        for i, raw in enumerate(value):
            path = f"recognizers[{i}]"
            item = self.mapping(raw, path, _RECOGNIZER_KEYS)
            name, entity = item.get("name"), item.get("entity")
            if not isinstance(name, str) or not _ROUTE_NAME.match(name):
                self.error(f"{path}.name", "needs a name of lowercase letters, digits, - or _")
            if not isinstance(entity, str) or not _ENTITY_NAME.match(entity):
                self.error(
                    f"{path}.entity", "needs an entity name in upper case, like HOSPITAL_MRN"
                )
            patterns = [
                self.pattern(p, f"{path}.patterns[{j}]")
                for j, p in enumerate(item.get("patterns") or [])
            ]
            if not patterns:
                self.error(f"{path}.patterns", "needs at least one pattern")
            context = self.str_list(item.get("context"), f"{path}.context") or []
            if all(patterns) and isinstance(name, str) and isinstance(entity, str):
                out.append(
                    DeclaredRecognizer(
                        name, entity, tuple(p for p in patterns if p), tuple(context)
                    )
                )
        return tuple(out)

    def pattern(self, raw: Any, path: str) -> DeclaredPattern | None:
        item = self.mapping(raw, path, _PATTERN_KEYS)
        name, expression = item.get("name", "pattern"), item.get("regex")
        score = self.score(item.get("score", 0.85), f"{path}.score")
        if not isinstance(expression, str) or not expression:
            self.error(f"{path}.regex", "needs a regular expression")
            return None
        try:
            regex.compile(expression)
        except regex.error as e:
            self.error(f"{path}.regex", f"invalid regular expression: {e}")
            return None
        if regex.compile(expression).search(""):
            self.error(f"{path}.regex", "matches the empty string")
            return None
        return DeclaredPattern(str(name), expression, score if score is not None else 0.85)

    def exfiltration(self, value: Any) -> ExfiltrationSettings:
        raw = self.mapping(value, "exfiltration", _EXFIL_KEYS)
        base = ExfiltrationSettings()
        proxies = self.str_list(raw.get("trusted_proxies"), "exfiltration.trusted_proxies") or []
        for proxy in proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                self.error(
                    "exfiltration.trusted_proxies", f"{proxy!r} is not an address or network"
                )
        tokens = self.str_list(raw.get("honeytokens"), "exfiltration.honeytokens") or []
        window = raw.get("budget_window_seconds", base.budget_window_seconds)
        if isinstance(window, bool) or not isinstance(window, int | float) or window <= 0:
            self.error("exfiltration.budget_window_seconds", "must be a positive number of seconds")
            window = base.budget_window_seconds
        return ExfiltrationSettings(
            max_subjects_per_response=self.count(
                raw.get("max_subjects_per_response"),
                "exfiltration.max_subjects_per_response",
                base.max_subjects_per_response,
            ),
            budget_subjects=self.count(
                raw.get("budget_subjects"), "exfiltration.budget_subjects", base.budget_subjects
            ),
            budget_window_seconds=float(window),
            trusted_proxies=tuple(proxies),
            honeytokens=frozenset(canonical(fold(t).text) for t in tokens if t.strip()),
        )

    def detokenization(self, value: Any) -> DetokenizeSettings:
        raw = self.mapping(value, "detokenization", _DETOKENIZE_KEYS)
        base = DetokenizeSettings()
        window = raw.get("budget_window_seconds", base.budget_window_seconds)
        if isinstance(window, bool) or not isinstance(window, int | float) or window <= 0:
            self.error("detokenization.budget_window_seconds", "must be a positive number")
            window = base.budget_window_seconds
        return DetokenizeSettings(
            budget_patients=self.count(
                raw.get("budget_patients"), "detokenization.budget_patients", base.budget_patients
            ),
            budget_window_seconds=float(window),
        )

    def tls(self, value: Any) -> TlsSettings:
        raw = self.mapping(value, "tls", _TLS_KEYS)
        files = {
            key: self.file(raw.get(key), f"tls.{key}")
            for key in ("cert_file", "key_file", "upstream_ca_file")
        }
        if files["key_file"] and not raw.get("cert_file"):
            self.error("tls.key_file", "a key without tls.cert_file; give both")
        return TlsSettings(
            cert_file=files["cert_file"],
            key_file=files["key_file"],
            upstream_ca_file=files["upstream_ca_file"],
            allow_plain_upstream=self.flag(
                raw.get("allow_plain_upstream"), "tls.allow_plain_upstream"
            ),
        )

    def file(self, value: Any, path: str) -> str | None:
        """An existing, readable file, relative to the policy's directory; None if absent."""
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(path, "must be the path of a file")
            return None
        resolved = (self.base_dir / Path(value).expanduser()).resolve()
        if not resolved.is_file():
            self.error(path, f"no such file: {resolved}")
            return None
        try:
            resolved.open("rb").close()
        except OSError as e:
            self.error(path, f"cannot read {resolved}: {e.strerror}")
            return None
        return str(resolved)

    def flag(self, value: Any, path: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(path, "must be true or false")
            return False
        return value

    def count(self, value: Any, path: str, default: int) -> int:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.error(path, "must be a whole number of at least 1")
            return default
        return value

    def limits(self, value: Any) -> Limits:
        raw = self.mapping(value, "limits", _LIMIT_KEYS)
        limits = Limits()
        size = raw.get("max_body_bytes", limits.max_body_bytes)
        match = _SIZE.match(str(size)) if isinstance(size, int | str) else None
        if match is None or int(match.group(1)) <= 0:
            self.error("limits.max_body_bytes", "must be a positive size such as 8388608 or 8MiB")
            max_bytes = limits.max_body_bytes
        else:
            max_bytes = int(match.group(1)) * _UNITS[match.group(2)]
        timeout = raw.get("scan_timeout_seconds", limits.scan_timeout_seconds)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            self.error("limits.scan_timeout_seconds", "must be a positive number of seconds")
            timeout = limits.scan_timeout_seconds
        return Limits(max_body_bytes=max_bytes, scan_timeout_seconds=float(timeout))

    def route(self, raw: Any, path: str, base: Rules) -> Route | None:
        if not isinstance(raw, dict):
            self.error(path, "a route must be a mapping with a name")
            return None
        self.mapping(raw, path, _ROUTE_KEYS)
        name = raw.get("name")
        if not isinstance(name, str) or not _ROUTE_NAME.match(name):
            self.error(
                f"{path}.name",
                "needs a name of lowercase letters, digits, - or _ (it becomes a metric label)",
            )
            name = f"route-{path}"
        match = self.mapping(raw.get("match"), f"{path}.match", _MATCH_KEYS)
        directions = None
        raw_dirs = self.str_list(match.get("direction"), f"{path}.match.direction")
        if raw_dirs is not None:
            valid = {d.value for d in Direction}
            for d in raw_dirs:
                if d not in valid:
                    self.error(f"{path}.match.direction", _unknown("direction", d, valid))
            directions = frozenset(Direction(d) for d in raw_dirs if d in valid)
        methods = self.str_list(match.get("method"), f"{path}.match.method")
        paths = self.str_list(match.get("path"), f"{path}.match.path")
        for p in paths or []:
            if not p.startswith("/") and not p.startswith("*"):
                self.error(f"{path}.match.path", f"path pattern {p!r} must start with / or *")
        types = self.str_list(match.get("content_type"), f"{path}.match.content_type")
        return Route(
            name=name,
            rules=self.rules(raw, path, base),
            directions=directions,
            methods=frozenset(m.upper() for m in methods) if methods is not None else None,
            paths=tuple(paths) if paths is not None else None,
            content_types=tuple(t.lower() for t in types) if types is not None else None,
            detokenize=self.flag(raw.get("detokenize"), f"{path}.detokenize"),
            max_subjects=(
                self.count(raw["max_subjects_per_response"], f"{path}.max_subjects_per_response", 1)
                if "max_subjects_per_response" in raw
                else None
            ),
        )

    def rules(self, raw: dict[str, Any], path: str, base: Rules) -> Rules:
        prefix = f"{path}." if path else ""
        action = self.action(raw.get("action"), f"{prefix}action") or base.action
        threshold = self.score(raw.get("score_threshold"), f"{prefix}score_threshold")
        actions = dict(base.actions)
        raw_actions = raw.get("actions") or {}
        if not isinstance(raw_actions, dict):
            self.error(f"{prefix}actions", "must map entity names to actions")
            raw_actions = {}
        for entity, value in raw_actions.items():
            where = f"{prefix}actions.{entity}"
            if self.entity(entity, where):
                act = self.action(value, where)
                if act is not None:
                    actions[entity] = act
        thresholds = dict(base.score_thresholds)
        raw_thresholds = raw.get("score_thresholds") or {}
        if not isinstance(raw_thresholds, dict):
            self.error(f"{prefix}score_thresholds", "must map entity names to scores")
            raw_thresholds = {}
        for entity, value in raw_thresholds.items():
            where = f"{prefix}score_thresholds.{entity}"
            score = self.score(value, where)
            if self.entity(entity, where) and score is not None:
                thresholds[entity] = score
        return Rules(
            action=action,
            score_threshold=threshold if threshold is not None else base.score_threshold,
            actions=actions,
            score_thresholds=thresholds,
        )

    def action(self, value: Any, path: str) -> Action | None:
        if value is None:
            return None
        valid = {a.value for a in Action}
        if value not in valid:
            self.error(path, _unknown("action", value, valid))
        else:
            return Action(value)
        return None

    def score(self, value: Any, path: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.error(path, "a score threshold must be a number from 0 to 1")
            return None
        return float(value)

    def entity(self, name: Any, path: str) -> bool:
        if name in self.entities:
            return True
        self.error(path, _unknown("entity", name, self.entities))
        return False


def _unknown(kind: str, value: Any, valid: Iterable[str]) -> str:
    return f"unknown {kind} {value!r}; expected one of: {', '.join(sorted(valid))}"
