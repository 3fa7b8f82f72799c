#!/bin/sh
# Install phigate @VERSION@ from this bundle, with no network: a virtualenv at PREFIX
# (default /opt/phigate) filled from the wheels beside this script, and the policies,
# alert rules and dashboard copied to PREFIX/share/phigate.
#   sh install.sh [PREFIX]          PYTHON=python3.12 sh install.sh /opt/phigate
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:-/opt/phigate}
python=${PYTHON:-python3}

case $(uname -m) in
x86_64 | aarch64) ;;
*) echo "this bundle has wheels for x86_64 and aarch64, not $(uname -m)" >&2; exit 1 ;;
esac
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] not in ((3, 11), (3, 12)))'; then
    echo "this bundle needs CPython 3.11 or 3.12; set PYTHON to one (PYTHON=python3.11 sh $0)" >&2
    exit 1
fi
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    echo "$python cannot create a virtualenv: install its venv module (Debian: python3-venv)" >&2
    exit 1
fi

# Only the bundle is a source of packages: no index, and no pip.conf of this machine
# (an index or constraints there would make pip reach for the network or refuse).
export PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_CONSTRAINT

"$python" -m venv "$prefix"
# requirements.txt is the lock the wheels were chosen by: the same versions everywhere.
"$prefix/bin/python" -m pip install --quiet --no-index --find-links "$here/wheels" \
    --constraint "$here/requirements.txt" "phigate==@VERSION@"
mkdir -p "$prefix/share/phigate"
cp -R "$here/config/." "$prefix/share/phigate/"

echo "phigate @VERSION@ installed in $prefix"
echo "  start it: $prefix/bin/phigate run --upstream http://BACKEND:PORT \\"
echo "      --config $prefix/share/phigate/default.yaml --state-dir /var/lib/phigate"
