"""Entry point for mitmproxy: `mitmdump -s addons/phigate.py --mode reverse:URL`.

Options: phigate_config, phigate_state_dir, phigate_metrics_host, phigate_metrics_port,
phigate_workers, phigate_redis_url, phigate_require_client_tls, phigate_shutdown_grace,
phigate_policy_poll (set them with `--set name=value`). TLS: mitmproxy's own `--certs
'*=chain-and-key.pem'` and `--set ssl_verify_upstream_trusted_ca=FILE`.
"""

from addons.gateway_addon import PhigateAddon

addons = [PhigateAddon()]
