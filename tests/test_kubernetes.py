"""The Kubernetes manifests in deploy/kubernetes, checked offline.

Every object is validated against the Kubernetes JSON schemas that the kubernetes-validate
package ships (strict: an unknown field fails), for the oldest and a current Kubernetes it
covers. The ServiceMonitor is a CRD with no schema there, so its own test checks what
matters: that it selects the gateway's Service and port. The rest ties the manifests to the
code: the container's arguments go through phigate's real argument parser, the probes hit
the port those arguments give, the policy passes check-config, and the pod's command line
and environment start a real gateway in front of a real password-protected redis-server.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import os
import re
import shutil
import subprocess
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import redis
import yaml

from gateway import cli, keys, staff, vault
from gateway.errors import ConfigError
from tests.support.http import request
from tests.support.processes import BIN, free_port, start_gateway
from tests.support.recording_backend import RecordingBackend, Reply

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "kubernetes"
# The oldest Kubernetes whose schemas kubernetes-validate ships, and the one of the kubectl
# that renders the kustomization below.
KUBERNETES_VERSIONS = ("1.25", "1.32")
KUBECTL = shutil.which("kubectl")
REDIS_SERVER = shutil.which("redis-server")
needs_redis = pytest.mark.skipif(
    REDIS_SERVER is None and not os.environ.get("CI"),
    reason="redis-server missing: run make test, which installs Debian's redis-server",
)
Manifest = dict[str, Any]


def load_yaml_docs(path: Path) -> list[Manifest]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def kustomization() -> Manifest:
    docs = load_yaml_docs(K8S / "kustomization.yaml")
    return docs[0]


def manifests() -> list[Manifest]:
    """The objects kustomization.yaml lists, as written (before kustomize)."""
    return [doc for name in kustomization()["resources"] for doc in load_yaml_docs(K8S / name)]


def find(kind: str, name: str) -> Manifest:
    found = [m for m in manifests() if m["kind"] == kind and m["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}"
    return found[0]


def container(workload: Manifest) -> Manifest:
    containers = workload["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    result: Manifest = containers[0]
    return result


def port_number(c: Manifest, port: int | str) -> int:
    """A probe's or Service's port: a number, or the name of one of the container's ports."""
    if isinstance(port, int):
        return port
    numbers = [p["containerPort"] for p in c["ports"] if p["name"] == port]
    assert numbers, f"no container port named {port}"
    return int(numbers[0])


def dockerfile() -> dict[str, Any]:
    """What the image fixes: entrypoint, user id, exposed ports, state directory."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    entrypoint = re.search(r"^ENTRYPOINT (\[.*\])$", text, re.M)
    uid = re.search(r"useradd .*--uid (\d+) .*\b(\w+)$", text, re.M)
    user = re.search(r"^USER (\w+)$", text, re.M)
    expose = re.search(r"^EXPOSE ([\d ]+)$", text, re.M)
    state = re.search(r"PHIGATE_STATE_DIR=(\S+)", text)
    assert entrypoint and uid and user and expose and state
    assert uid.group(2) == user.group(1)
    return {
        "entrypoint": json.loads(entrypoint.group(1)),
        "uid": int(uid.group(1)),
        "ports": {int(p) for p in expose.group(1).split()},
        "state_dir": state.group(1),
    }


def secret_template() -> dict[str, str]:
    pairs = {}
    for line in (K8S / "secrets.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name] = value
    return pairs


def expand(value: str, env: dict[str, str]) -> str:
    """Kubernetes' $(VAR) expansion in args and env values: defined names are replaced,
    $$ stands for $, anything else is left as written."""
    return re.sub(
        r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)",
        lambda m: "$" if m.group(0) == "$$" else env.get(m.group(1), m.group(0)),
        value,
    )


def pod_environment(c: Manifest, secret: dict[str, str]) -> dict[str, str]:
    """The container's environment as the kubelet builds it: envFrom first, then env in
    order, each value expanded with what was defined before it."""
    env: dict[str, str] = {}
    for source in c.get("envFrom", []):
        assert source["secretRef"]["name"] == "phigate-keys"
        env.update(secret)
    for var in c.get("env", []):
        if "value" in var:
            env[var["name"]] = expand(var["value"], env)
        else:
            ref = var["valueFrom"]["secretKeyRef"]
            assert ref["name"] == "phigate-keys"
            env[var["name"]] = secret[ref["key"]]
    return env


def real_looking_secret() -> dict[str, str]:
    """What secrets.env.example tells IT to generate, generated."""
    key = lambda: base64.b64encode(os.urandom(32)).decode()  # noqa: E731
    return {
        "PHIGATE_VAULT_KEY": key(),
        "PHIGATE_VAULT_OLD_KEYS": "",
        "PHIGATE_TOKEN_KEY": key(),
        "PHIGATE_HASH_KEY": key(),
        "PHIGATE_REDIS_PASSWORD": os.urandom(32).hex(),
        "PHIGATE_STAFF_TOKENS": "",
    }


def parse_run_args(argv: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """Parse a `phigate run` command line with phigate's own parser (gateway/cli.py), in the
    pod's environment; returns the namespace `run_proxy` would have received."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    parsed: list[Any] = []

    def capture(args: Any) -> int:
        parsed.append(args)
        return 0

    monkeypatch.setattr(cli, "run_proxy", capture)
    assert cli.main(argv) == 0
    return parsed[0]


def gateway_command() -> list[str]:
    """The gateway container's command line: the image's entrypoint, then the pod's args."""
    return [*dockerfile()["entrypoint"], *container(find("Deployment", "phigate"))["args"]]


# --- schemas ---------------------------------------------------------------------------


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_manifests_validate_against_kubernetes_schema(version: str) -> None:
    objects = manifests()
    assert {m["kind"] for m in objects} >= {
        "Namespace",
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "StatefulSet",
    }
    for manifest in objects:
        kubernetes_validate.validate(manifest, version, strict=True)


def test_schema_check_fails_on_a_broken_manifest() -> None:
    """The validation above can fail: a misspelt field and a port given as text are caught."""
    deployment = copy.deepcopy(find("Deployment", "phigate"))
    misspelt = container(deployment)
    misspelt["readinesProbe"] = misspelt.pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSIONS[-1], strict=True)
    service = copy.deepcopy(find("Service", "phigate"))
    service["spec"]["ports"][0]["port"] = "8080"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(service, KUBERNETES_VERSIONS[-1], strict=True)


@pytest.mark.skipif(
    KUBECTL is None,
    reason="kubectl missing: the machine image ships it; no registry here offers it",
)
def test_kustomization_renders_and_every_object_validates(tmp_path: Path) -> None:
    """`kubectl kustomize` (what `kubectl apply -k` runs first, no cluster needed) renders the
    directory once secrets.env exists; the generated ConfigMap and Secret validate, and the
    workloads refer to them by their generated names."""
    assert KUBECTL is not None
    work = tmp_path / "kubernetes"
    shutil.copytree(K8S, work, ignore=shutil.ignore_patterns("secrets.env"))  # a real one
    missing = subprocess.run([KUBECTL, "kustomize", str(work)], capture_output=True, text=True)
    assert missing.returncode != 0 and "secrets.env" in missing.stderr  # no keys, no deploy
    (work / "secrets.env").write_text(
        "".join(f"{k}={v}\n" for k, v in real_looking_secret().items())
    )
    result = subprocess.run([KUBECTL, "kustomize", str(work)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rendered = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    for manifest in rendered:
        for version in KUBERNETES_VERSIONS:
            kubernetes_validate.validate(manifest, version, strict=True)
        if manifest["kind"] != "Namespace":
            assert manifest["metadata"]["namespace"] == "phigate"
    names = {(m["kind"], m["metadata"]["name"]) for m in rendered}
    policy = next(m for m in rendered if m["kind"] == "ConfigMap")
    secret = next(m for m in rendered if m["kind"] == "Secret")
    assert policy["data"]["policy.yaml"] == (K8S / "policy.yaml").read_text()
    assert set(secret["data"]) == set(secret_template())
    referenced = re.findall(r"name: (phigate-(?:keys|policy)\S*)", result.stdout)
    assert referenced and all(
        ("Secret", n) in names or ("ConfigMap", n) in names for n in referenced
    )
    image = container(next(m for m in rendered if m["kind"] == "Deployment"))["image"]
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert image == f"phigate:{version}"


# --- the gateway's pod -----------------------------------------------------------------


def test_container_args_parse_with_the_real_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    deployment = find("Deployment", "phigate")
    c = container(deployment)
    env = pod_environment(c, real_looking_secret())
    args = parse_run_args(
        [expand(a, env) for a in gateway_command()[1:]], env, monkeypatch
    )  # [0] is the `phigate` executable
    assert args.command == "run"
    assert args.listen_host == args.metrics_host == "0.0.0.0"  # reachable from the Service
    assert args.listen_port == port_number(c, "http")
    assert args.metrics_port == port_number(c, "metrics")
    mounts = {m["name"]: m["mountPath"] for m in c["volumeMounts"]}
    assert args.config == f"{mounts['policy']}/policy.yaml"  # the ConfigMap's key
    assert args.state_dir == mounts["state"] == dockerfile()["state_dir"]
    assert 1 <= args.workers <= int(c["resources"]["limits"]["cpu"])
    # Budgets and vault in the Redis Service, with the password from the Secret.
    redis_service = find("Service", "phigate-redis")
    url = urlsplit(args.redis_url)
    assert (url.scheme, url.hostname, url.port) == (
        "redis",
        redis_service["metadata"]["name"],
        redis_service["spec"]["ports"][0]["port"],
    )
    assert url.password == env["PHIGATE_REDIS_PASSWORD"]
    assert "$(" not in " ".join(cli.mitmdump_args(args))


def test_probes_hit_the_health_endpoints_on_the_metrics_port(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deployment = find("Deployment", "phigate")
    c = container(deployment)
    args = parse_run_args(gateway_command()[1:], {}, monkeypatch)
    readiness, liveness = c["readinessProbe"]["httpGet"], c["livenessProbe"]["httpGet"]
    assert readiness["path"] == "/readyz" and liveness["path"] == "/healthz"
    assert port_number(c, readiness["port"]) == port_number(c, liveness["port"])
    assert port_number(c, readiness["port"]) == args.metrics_port
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert int(annotations["prometheus.io/port"]) == args.metrics_port
    assert annotations["prometheus.io/path"] == "/metrics"


def test_image_user_and_ports_match_the_dockerfile() -> None:
    image = dockerfile()
    c = container(find("Deployment", "phigate"))
    assert c["image"] == "phigate"  # kustomization.yaml's `images` sets registry and tag
    assert image["entrypoint"][:2] == ["phigate", "run"]
    assert {p["containerPort"] for p in c["ports"]} == image["ports"]
    pod = find("Deployment", "phigate")["spec"]["template"]["spec"]["securityContext"]
    assert pod["runAsUser"] == image["uid"] and pod["runAsNonRoot"] is True
    service = find("Service", "phigate")
    assert {port_number(c, p["targetPort"]) for p in service["spec"]["ports"]} == image["ports"]


@pytest.mark.parametrize(
    ("kind", "name", "writes"),
    [
        ("Deployment", "phigate", {"/var/lib/phigate", "/tmp"}),
        ("StatefulSet", "phigate-redis", {"/data"}),
    ],
)
def test_containers_run_locked_down_with_resources(kind: str, name: str, writes: set[str]) -> None:
    workload = find(kind, name)
    c = container(workload)
    assert workload["spec"]["template"]["spec"]["automountServiceAccountToken"] is False
    security = c["securityContext"]
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    assert set(c["resources"]["requests"]) == set(c["resources"]["limits"]) == {"cpu", "memory"}
    # With the root file system read-only, what the process writes needs a volume.
    assert {m["mountPath"] for m in c["volumeMounts"] if not m.get("readOnly")} == writes


def test_selectors_match_the_pods_they_are_for() -> None:
    gateway = find("Deployment", "phigate")["spec"]["template"]["metadata"]["labels"]
    redis_pod = find("StatefulSet", "phigate-redis")["spec"]["template"]["metadata"]["labels"]

    def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
        return selector.items() <= labels.items()

    assert selects(find("Service", "phigate")["spec"]["selector"], gateway)
    assert not selects(find("Service", "phigate")["spec"]["selector"], redis_pod)
    assert selects(find("Service", "phigate-redis")["spec"]["selector"], redis_pod)
    assert selects(
        find("PodDisruptionBudget", "phigate")["spec"]["selector"]["matchLabels"], gateway
    )
    target = find("HorizontalPodAutoscaler", "phigate")["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", "phigate")
    assert "replicas" not in find("Deployment", "phigate")["spec"]  # the autoscaler owns it
    policies = {m["metadata"]["name"]: m for m in manifests() if m["kind"] == "NetworkPolicy"}
    gw_policy, redis_policy = policies["phigate-gateway"], policies["phigate-redis"]
    assert selects(gw_policy["spec"]["podSelector"]["matchLabels"], gateway)
    assert selects(redis_policy["spec"]["podSelector"]["matchLabels"], redis_pod)
    # Redis takes connections from gateways only, on its port; gateways may reach it.
    (rule,) = redis_policy["spec"]["ingress"]
    assert selects(rule["from"][0]["podSelector"]["matchLabels"], gateway)
    redis_port = port_number(container(find("StatefulSet", "phigate-redis")), "redis")
    assert [p["port"] for p in rule["ports"]] == [redis_port]
    egress_ports = {p["port"] for r in gw_policy["spec"]["egress"] for p in r["ports"]}
    assert redis_port in egress_ports and 53 in egress_ports
    c = container(find("Deployment", "phigate"))
    ingress_ports = {p["port"] for r in gw_policy["spec"]["ingress"] for p in r["ports"]}
    assert ingress_ports == {p["containerPort"] for p in c["ports"]}
    upstream = urlsplit(c["args"][c["args"].index("--upstream") + 1])
    assert upstream.port in egress_ports  # the backend stays reachable


def test_redis_keeps_the_vault_and_asks_for_the_password() -> None:
    c = container(find("StatefulSet", "phigate-redis"))
    args = c["args"]
    env = pod_environment(c, {"PHIGATE_REDIS_PASSWORD": "s3cret"})
    assert expand(args[args.index("--requirepass") + 1], env) == "s3cret"
    # Tokens must survive a restart and never be evicted to make room.
    assert args[args.index("--appendonly") + 1] == "yes"
    assert args[args.index("--maxmemory-policy") + 1] == "noeviction"
    assert {m["mountPath"] for m in c["volumeMounts"]} == {args[args.index("--dir") + 1]}


# --- policy and secrets ----------------------------------------------------------------


def test_policy_is_the_default_policy_and_passes_check_config(
    capsys: pytest.CaptureFixture[str],
) -> None:
    generator = kustomization()["configMapGenerator"][0]
    assert generator["files"] == ["policy.yaml"]
    assert (K8S / "policy.yaml").read_text() == (ROOT / "config" / "default.yaml").read_text()
    assert cli.check_config(str(K8S / "policy.yaml")) == 0
    assert "OK" in capsys.readouterr().out


def test_secret_template_names_every_key_and_holds_no_real_one(tmp_path: Path) -> None:
    template = secret_template()
    gateway_reads = {
        vault.KEY_ENV,
        vault.OLD_KEYS_ENV,
        vault.TOKEN_KEY_ENV,
        keys.ENV,
        staff.ENV,
        "PHIGATE_REDIS_PASSWORD",
    }
    assert set(template) == gateway_reads
    assert kustomization()["secretGenerator"][0]["envs"] == ["secrets.env"]
    for name, value in template.items():
        assert value == "" or value.startswith("REPLACE"), name
        try:
            decoded = base64.b64decode(value, validate=True)
        except binascii.Error:
            decoded = b""
        assert len(decoded) < 16, f"{name} looks like a real key"
        assert not re.fullmatch(r"[0-9a-f]{16,}", value), f"{name} looks like a real secret"
    # Used as they are, the placeholders stop the gateway instead of running with them.
    loaders = {
        vault.KEY_ENV: vault.vault_key,
        vault.TOKEN_KEY_ENV: vault.token_key,
        keys.ENV: keys.hash_key,
    }
    for name, load in loaders.items():
        with pytest.MonkeyPatch.context() as m:
            m.setenv(name, template[name])
            with pytest.raises(ConfigError, match=name):
                load(tmp_path)
    assert not any(tmp_path.iterdir())  # and no key file was made in their place
    # The file with real keys is never committed.
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(K8S / "secrets.env")], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0


# --- monitoring --------------------------------------------------------------------------


def test_servicemonitor_selects_the_gateway_metrics_port() -> None:
    """No schema for this CRD here: check what makes it work instead."""
    (monitor,) = load_yaml_docs(K8S / "servicemonitor.yaml")
    assert (monitor["apiVersion"], monitor["kind"]) == (
        "monitoring.coreos.com/v1",
        "ServiceMonitor",
    )
    assert monitor["metadata"]["namespace"] == kustomization()["namespace"]
    service = find("Service", "phigate")
    assert (
        monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    )
    assert not monitor["spec"]["selector"]["matchLabels"].items() <= (
        find("Service", "phigate-redis")["metadata"]["labels"].items()
    )
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["port"] in {p["name"] for p in service["spec"]["ports"]}
    assert endpoint["path"] == "/metrics"
    assert "jobLabel" not in monitor["spec"]  # job = the Service's name, as the alerts expect
    assert service["metadata"]["name"] == "phigate"
    assert set(monitor["spec"]) <= {"selector", "endpoints", "namespaceSelector", "jobLabel"}
    assert set(endpoint) <= {"port", "path", "interval", "scrapeTimeout", "scheme"}


@pytest.mark.skipif(
    shutil.which("promtool") is None and not os.environ.get("CI"),
    reason="promtool missing: run make test",
)
def test_scrape_job_passes_promtool_and_keeps_only_gateway_pods(tmp_path: Path) -> None:
    job_config = yaml.safe_load((K8S / "prometheus-scrape.yml").read_text())
    (job,) = job_config["scrape_configs"]
    assert job["job_name"] == "phigate"  # the alert rules match on it
    (sd,) = job["kubernetes_sd_configs"]
    assert sd["namespaces"]["names"] == [kustomization()["namespace"]]
    template = find("Deployment", "phigate")["spec"]["template"]
    meta = {
        "__meta_kubernetes_pod_label_app_kubernetes_io_component": (
            template["metadata"]["labels"]["app.kubernetes.io/component"]
        ),
        "__meta_kubernetes_pod_container_port_name": "metrics",
    }
    for rule in job["relabel_configs"]:
        if rule.get("action") == "keep":
            (label,) = rule["source_labels"]
            assert re.fullmatch(rule["regex"], meta[label]), rule
    # Debian's Prometheus is built without Kubernetes discovery, so promtool checks the job
    # with a static target in its place; the discovery block is checked above.
    assert set(sd) == {"role", "namespaces"} and sd["role"] == "pod"
    checked = {k: v for k, v in job.items() if k != "kubernetes_sd_configs"}
    checked["static_configs"] = [{"targets": ["10.0.0.1:9090"]}]
    config = {
        "rule_files": [str(ROOT / "config" / "prometheus" / "alerts.yml")],
        "scrape_configs": [checked],
    }
    path = tmp_path / "prometheus.yml"
    path.write_text(yaml.safe_dump(config))
    result = subprocess.run(
        ["promtool", "check", "config", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- the pod's command, run for real --------------------------------------------------


@pytest.fixture
def redis_with_password() -> Iterator[tuple[int, str]]:
    """A real redis-server on loopback that asks for a password, as redis.yaml's does."""
    assert REDIS_SERVER is not None, "redis-server missing: .ci/run installs it"
    port, password = free_port(), os.urandom(32).hex()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    process = subprocess.Popen(
        [*command, "--appendonly", "no", "--requirepass", password],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port, password=password)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield port, password
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)


def local_pod(
    tmp: Path, backend_url: str, redis_port: int, secret: dict[str, str]
) -> tuple[list[str], dict[str, str], int, int]:
    """The gateway container's command and environment, moved onto loopback: free ports,
    the test's backend and Redis, the policy and state directory on local paths. Nothing
    else is changed."""
    c = container(find("Deployment", "phigate"))
    env = pod_environment(c, secret)
    env["PHIGATE_REDIS_URL"] = env["PHIGATE_REDIS_URL"].replace(
        "@phigate-redis:6379/", f"@127.0.0.1:{redis_port}/"
    )
    port, metrics_port = free_port(), free_port()
    local = {
        "--listen-host": "127.0.0.1",
        "--metrics-host": "127.0.0.1",
        "--listen-port": str(port),
        "--metrics-port": str(metrics_port),
        "--upstream": backend_url,
        "--config": str(K8S / "policy.yaml"),
        "--state-dir": str(tmp / "state"),
    }
    command = gateway_command()
    argv = [str(BIN / command[0]), *command[1:]]
    for i, arg in enumerate(argv[:-1]):
        if arg in local:
            argv[i + 1] = local[arg]
    return argv, {**os.environ, **env}, port, metrics_port


@needs_redis
@pytest.mark.e2e
def test_pod_command_runs_a_gateway_on_a_password_protected_redis(
    redis_with_password: tuple[int, str], tmp_path: Path
) -> None:
    redis_port, password = redis_with_password
    backend = RecordingBackend()
    secret = {**real_looking_secret(), "PHIGATE_REDIS_PASSWORD": password}
    argv, env, port, metrics_port = local_pod(tmp_path, backend.url, redis_port, secret)
    gw = start_gateway(argv, tmp_path, port, metrics_port, env)  # waits for /readyz
    client = redis.Redis(host="127.0.0.1", port=redis_port, password=password)
    try:
        backend.reply = Reply(body=json.dumps({"reply": "请拨打13800138000"}).encode())
        message = json.dumps({"message": "我叫张伟，电话13912345678"}, ensure_ascii=False)
        status, _, body = request(
            gw, "POST", "/api/chat", message.encode(), {"content-type": "application/json"}
        )
        assert status == 200
        assert "13912345678" not in backend.received[-1].body.decode()
        assert "13800138000" not in body.decode()
        # The response's subject was charged to the client's budget in the shared Redis.
        assert next(client.scan_iter(match="phigate:window:*"), None) is not None
        assert password not in gw.log()
    finally:
        client.close()
        gw.stop()
        backend.close()


@needs_redis
@pytest.mark.e2e
def test_pod_with_the_wrong_redis_password_never_becomes_ready(
    redis_with_password: tuple[int, str], tmp_path: Path
) -> None:
    redis_port, _ = redis_with_password
    backend = RecordingBackend()
    secret = {**real_looking_secret(), "PHIGATE_REDIS_PASSWORD": "0" * 64}
    argv, env, port, metrics_port = local_pod(tmp_path, backend.url, redis_port, secret)
    try:
        # Exit status 1, so that Docker's on-failure restart and systemd see the failure.
        with pytest.raises(RuntimeError, match="gateway exited with 1:") as failed:
            start_gateway(argv, tmp_path, port, metrics_port, env)
        assert "AuthenticationError" in str(failed.value)  # the log says why
    finally:
        backend.close()
