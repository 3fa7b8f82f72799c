"""What ops deploy beside the gateway: the Grafana dashboard, the Prometheus scrape
config and the compose stack. Every PromQL expression must parse (promtool) and name only
metrics the gateway really exports."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.test_alert_rules import exported_names

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "config" / "grafana" / "phigate.json"
PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None and not os.environ.get("CI"), reason="promtool missing: run make test"
)


def dashboard_exprs() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    return [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]


def test_dashboard_names_only_exported_metrics() -> None:
    exported = exported_names()
    exprs = dashboard_exprs()
    assert len(exprs) >= 9
    named = {name for expr in exprs for name in re.findall(r"\bphigate_[a-z_]+", expr)}
    assert named <= exported, named - exported
    # Every metric the gateway exports for ops is on the dashboard.
    for family in (
        "requests",
        "findings",
        "exfiltration_blocked",
        "client_budget_exhausted",
        "honeytoken_hits",
        "subjects_served",
        "scan_duration_seconds",
        "blocked",
    ):
        assert any(f"phigate_{family}_" in expr for expr in exprs), family


@needs_promtool
def test_dashboard_promql_parses(tmp_path: Path) -> None:
    rules = {
        "groups": [
            {
                "name": "dashboard",
                "rules": [
                    {"record": f"dashboard:expr{i}", "expr": expr}
                    for i, expr in enumerate(dashboard_exprs())
                ],
            }
        ]
    }
    path = tmp_path / "dashboard_rules.yml"
    path.write_text(yaml.safe_dump(rules))
    result = subprocess.run(
        [str(PROMTOOL), "check", "rules", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_prometheus_config_valid_with_rules(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / "config" / "prometheus" / "prometheus.yml").read_text())
    assert config["scrape_configs"][0]["job_name"] == "phigate"  # the alert rules match on it
    config["rule_files"] = [str(ROOT / "config" / "prometheus" / "alerts.yml")]
    path = tmp_path / "prometheus.yml"
    path.write_text(yaml.safe_dump(config))
    result = subprocess.run(
        [str(PROMTOOL), "check", "config", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_stack_mounts_files_that_exist() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"phigate", "backend", "prometheus", "grafana", "redis"} <= set(services)
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), source
    scrape = yaml.safe_load((ROOT / "config" / "prometheus" / "prometheus.yml").read_text())
    target = scrape["scrape_configs"][0]["static_configs"][0]["targets"][0]
    assert target == "phigate:9090" and "9090:9090" in services["phigate"]["ports"]
