#!/usr/bin/env bash
# Installs what the tests need on Debian/Ubuntu: the real servers and tools the network lab
# (tests/lab/) runs; GNOME's and KDE's settings programs (src/system/proxy); mingw and Wine for the Windows build and its runs (tests/windows/); the Rust
# targets for Windows and macOS; zig and cargo-zigbuild (PyPI) for the macOS check. Quick and a
# no-op when everything is present. Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(nginx libnginx-mod-http-headers-more-filter dnsmasq unbound squid tinyproxy haproxy
  iptables nftables iproute2 dnsutils socat openssl curl jq ca-certificates python3 prometheus
  gcc libc6-dev linux-libc-dev time
  gcc-mingw-w64-x86-64 wine64
  gsettings-desktop-schemas dconf-gsettings-backend dconf-service libglib2.0-bin dbus libkf5config-bin
  prometheus-node-exporter man-db bash-completion zsh fish systemd file musl-tools)
# The desktops' own programs write and read the proxy settings the system-proxy tests read back:
# GNOME's gsettings (through dconf and a session bus) and KDE's kwriteconfig5.
# The Windows build is cross-built with mingw and run under Wine; the macOS builds are checked.
rust_targets=(x86_64-pc-windows-gnu aarch64-apple-darwin x86_64-apple-darwin x86_64-unknown-linux-musl)
# The packages (scripts/package.sh): cargo-deb builds the .deb, which is installed and checked with the
# programs a user has (man, bash, zsh, fish, systemd-analyze); musl-tools builds the static binary.
cargo_tools=(cargo-deb@3.8.0)
# zig compiles the C in the macOS builds' build scripts (QuickJS, ring) with macOS's libc headers.
pip_packages=(ziglang==0.17.1 cargo-zigbuild==0.24.1)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-deps: apt-get not found; install by hand: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-test-deps: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
  echo "install-test-deps: rustup not found; add the targets by hand: ${rust_targets[*]}" >&2
  exit 1
fi
installed_targets=$(rustup target list --installed)
for target in "${rust_targets[@]}"; do
  grep -qx "$target" <<<"$installed_targets" && continue
  echo "install-test-deps: rustup target add $target" >&2
  timeout 600 rustup target add "$target" >/dev/null
done

# Each pinned package at its version, or pip installs it.
pip_missing=()
for spec in "${pip_packages[@]}"; do
  have=$(python3 -c 'import importlib.metadata as m, sys
try: print(m.version(sys.argv[1]))
except m.PackageNotFoundError: pass' "${spec%%==*}")
  [ "$have" = "${spec##*==}" ] || pip_missing+=("$spec")
done
if [ ${#pip_missing[@]} -gt 0 ]; then
  echo "install-test-deps: pip install ${pip_missing[*]}" >&2
  timeout 600 python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore "${pip_missing[@]}"
fi

# Each cargo tool at its version, or cargo installs it (from crates.io, with its own lock file).
for spec in "${cargo_tools[@]}"; do
  name=${spec%@*} version=${spec#*@}
  if ! "$name" --version 2>/dev/null | grep -qF "$version"; then
    echo "install-test-deps: cargo install $name $version" >&2
    timeout 1800 cargo install --locked --quiet "$name" --version "$version"
  fi
done
