#!/usr/bin/env bash
# Packages people install (README "Install"), built and checked the way a user meets them:
#   scripts/package.sh deb    cargo deb (the release build must exist), then dpkg -i on this machine and check
#                             that the binary, the man pages, the completions and the systemd unit are where
#                             the system looks for them (man -w; bash, zsh and fish load the completions;
#                             systemd-analyze verify); the package is removed again at the end.
#   scripts/package.sh musl   a static x86_64-unknown-linux-musl build; checks it is static and runs, prints
#                             its size (BENCHMARKS.md).
# Needs root for dpkg; cargo-deb, musl-tools, man-db, bash-completion, zsh, fish and the musl target come
# from scripts/install-test-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "package: $*" >&2; exit 1; }

deb() {
  command -v cargo-deb >/dev/null || fail "cargo-deb is missing (scripts/install-test-deps.sh installs it)"
  [ -x target/release/chatgpt-doctor ] || fail "build the release binary first (cargo build --release)"
  local deb
  deb=$(timeout 600 cargo deb --no-build --locked 2>/dev/null | tail -1)
  [ -f "$deb" ] || fail "cargo deb wrote no package"
  echo "package: $deb ($(stat -c %s "$deb") bytes)" >&2
  dpkg -i "$deb" >/dev/null
  trap 'dpkg -r chatgpt-doctor >/dev/null 2>&1 || true' EXIT
  local bin man
  bin=$(command -v chatgpt-doctor) || fail "chatgpt-doctor is not on PATH after dpkg -i"
  [ "$bin" = /usr/bin/chatgpt-doctor ] || fail "chatgpt-doctor resolves to $bin, not /usr/bin"
  "$bin" --version | grep -q '^chatgpt-doctor ' || fail "the installed binary does not run"
  man=$(man -w chatgpt-doctor) || fail "man -w chatgpt-doctor finds no page"
  echo "package: man page $man" >&2
  man -w chatgpt-doctor-serve >/dev/null || fail "man -w chatgpt-doctor-serve finds no page"
  # bash: bash-completion loads completions on demand from its directory (its loader returns 124,
  # "completion loaded, retry", so no &&).
  bash -c 'source /usr/share/bash-completion/bash_completion; _completion_loader chatgpt-doctor;
    complete -p chatgpt-doctor' 2>/dev/null | grep -q -- '-F _chatgpt__doctor chatgpt-doctor' \
    || fail "bash does not load the completion"
  # zsh: the vendor-completions directory is on Debian's default fpath; compinit registers the function.
  zsh -fc 'autoload -U compinit && compinit -u -D && print -r -- ${_comps[chatgpt-doctor]}' \
    | grep -qx _chatgpt-doctor || fail "zsh does not find _chatgpt-doctor"
  # fish: vendor_completions.d is on fish's default path; completing the subcommand names proves it.
  fish -c 'complete -C "chatgpt-doctor "' | grep -q '^check' || fail "fish does not complete chatgpt-doctor"
  systemd-analyze verify /lib/systemd/system/chatgpt-doctor.service \
    || fail "systemd-analyze verify rejects the unit"
  echo "package: deb installs and checks out (binary, man, bash/zsh/fish completions, systemd unit)" >&2
}

musl() {
  local target=x86_64-unknown-linux-musl bin
  CC_x86_64_unknown_linux_musl=musl-gcc timeout 1800 cargo build --locked --release --target "$target"
  bin=target/$target/release/chatgpt-doctor
  file "$bin" | grep -Eq 'static(-pie)? linked' || fail "$bin is not statically linked: $(file -b "$bin")"
  "$bin" --version >/dev/null || fail "$bin does not run"
  echo "package: static musl binary $bin: $(stat -c %s "$bin") bytes" >&2
}

case "${1:-}" in
  deb) deb ;;
  musl) musl ;;
  *) echo "usage: scripts/package.sh deb|musl" >&2; exit 2 ;;
esac
