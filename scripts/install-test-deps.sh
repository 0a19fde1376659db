#!/usr/bin/env bash
# Installs what the tests need on Debian/Ubuntu: the real servers and tools the network lab
# (tests/lab/) runs. A no-op when everything is present. Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(nginx libnginx-mod-http-headers-more-filter dnsmasq unbound squid tinyproxy
  iptables nftables iproute2 dnsutils socat openssl curl jq ca-certificates python3 prometheus
  gcc libc6-dev linux-libc-dev time)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: apt-get not found; install by hand: ${missing[*]}" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-test-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
