"""phigate's pipeline: decode a body, scan it for identifiers, apply the policy, encode it.

Nothing in this package imports mitmproxy; `addons/` adapts flows to it.
"""

from __future__ import annotations

__version__ = "0.1.0"
