"""Give staff the real values back on the routes marked for it, and nobody else.

On a `detokenize` route, every token in a response is replaced: for an authenticated staff
member within their budget of distinct patients per window, by the real value (each reveal
written to the audit log); for anyone else, or past the budget, by the masked value.
"""

from __future__ import annotations

import json
import logging

from gateway.audit import AuditLog
from gateway.codecs import content_encoding
from gateway.codecs.dispatch import parse_content_type
from gateway.exfiltration import SubjectWindows
from gateway.masking import mask
from gateway.metrics import Metrics
from gateway.policy import DetokenizeSettings
from gateway.tokens import TOKEN, replace_tokens
from gateway.vault import Vault

log = logging.getLogger(__name__)


class Detokenizer:
    def __init__(
        self,
        vault: Vault,
        audit: AuditLog,
        windows: SubjectWindows,
        settings: DetokenizeSettings,
        metrics: Metrics,
    ) -> None:
        self.vault = vault
        self.audit = audit
        self.windows = windows
        self.settings = settings
        self.metrics = metrics

    def apply(self, body: bytes, headers: dict[str, str], route: str, staff: str | None) -> bytes:
        """The body with its tokens replaced, encoded as it came."""
        codings = content_encoding.parse(headers.get("content-encoding"))
        media_type, charset = parse_content_type(headers.get("content-type"))
        charset = charset or "utf-8"
        text = content_encoding.decode(body, codings, len(body) * 64 + 1024).decode(charset)
        tokens = {m.group(2) for m in TOKEN.finditer(text)}
        if not tokens:
            return body
        reveal = staff is not None and self.windows.charge(
            f"reveal:{staff}",
            tokens,
            self.settings.budget_patients,
            self.settings.budget_window_seconds,
        )
        if staff is not None and not reveal:
            self.metrics.staff_budget_exhausted.inc()
            log.warning("staff %s passed the reveal budget; values stay masked", staff)
        json_body = media_type == "application/json" or media_type.endswith("+json")

        def replace(entity: str, token: str) -> str:
            found = self.vault.get(token)
            if found is None:
                self.metrics.detokenizations.labels(route, "unknown_token").inc()
                return f"tok_{entity}_{token}"
            stored_entity, value = found
            if reveal:
                assert staff is not None
                self.audit.append(staff, route, stored_entity, token)
                self.metrics.detokenizations.labels(route, "revealed").inc()
                out = value
            else:
                self.metrics.detokenizations.labels(route, "masked").inc()
                out = mask(stored_entity, value)
            return json.dumps(out, ensure_ascii=False)[1:-1] if json_body else out

        new_text = replace_tokens(text, replace)
        return content_encoding.encode(new_text.encode(charset), codings)
