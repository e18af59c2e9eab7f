#!/usr/bin/env bash
# Installs the Debian Chromium used by the browser tests (test/helpers/browser.ts) if it is missing.
# Idempotent: does nothing when /usr/bin/chromium exists. Used by .ci/run.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium present at /usr/bin/chromium"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-browser: /usr/bin/chromium is missing and this script needs root (or sudo) to apt-get install it" >&2
    exit 1
  fi
fi

echo "installing chromium with apt-get"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
echo "chromium installed at /usr/bin/chromium"
