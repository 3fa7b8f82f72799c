"""Thin mitmproxy addons: flows in, pipeline calls, flows out. No detection or policy here."""
