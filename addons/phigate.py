"""Entry point for mitmproxy: `mitmdump -s addons/phigate.py --mode reverse:URL`.

Options: phigate_config, phigate_state_dir, phigate_metrics_host, phigate_metrics_port
(set them with `--set name=value`).
"""

from addons.gateway_addon import PhigateAddon

addons = [PhigateAddon()]
