#!/usr/bin/env bash
# The one test command (README "Testing"): installs what the tests need, checks formatting and
# lints, runs the unit and fixture tests, builds the release binary, runs the property tests longer,
# checks the Prometheus rules and runs the network lab, then cross-builds the Windows binary and runs it
# under Wine in the lab's namespaces, checks that the macOS builds compile, and builds the .deb (installed
# and checked) and the static musl binary. Each step is named and timed; the first that fails ends the run.
set -euo pipefail
cd "$(dirname "$0")/.."

# step NAME CMD... — run one step, print its time; a failure ends the run with the step's name.
step() {
  local name=$1 t0=$SECONDS rc=0
  shift
  echo "==> $name" >&2
  "$@" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "==> $name: FAILED (exit $rc, $((SECONDS - t0)) s)" >&2
    exit "$rc"
  fi
  echo "==> $name: ok ($((SECONDS - t0)) s)" >&2
}

# as_root NAME NEED SKIP CMD... — a step that needs root: run as root; under CI without root it
# fails with NEED; elsewhere it is skipped saying SKIP.
as_root() {
  local name=$1 need=$2 skip=$3
  shift 3
  if [ "$(id -u)" -eq 0 ]; then
    step "$name" "$@"
  elif [ "${CI:-}" = "true" ]; then
    echo "$need" >&2
    exit 1
  else
    echo "$skip" >&2
  fi
}

# macOS: linking needs Apple's SDK, so the goal is a check (build scripts, C included, and every crate
# type-checked for the target), with warnings as errors for code under cfg(target_os = "macos").
# cargo-zigbuild gives the build scripts zig as the C compiler; pip puts it next to the interpreter,
# which is not always on PATH.
macos_check() {
  local bin
  bin=$(command -v cargo-zigbuild) \
    || bin=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/cargo-zigbuild
  RUSTFLAGS="-D warnings" timeout 1800 "$bin" check --locked \
    --target aarch64-apple-darwin --target x86_64-apple-darwin
}

step "install test dependencies" bash scripts/install-test-deps.sh
step "cargo fmt" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --locked --all-targets -- -D warnings
step "cargo test" cargo test --locked
step "release build" cargo build --locked --release
# The property tests of the parsers that meet untrusted bytes (src/proptests.rs and the `proptests`
# modules beside private parsers) run 256 cases in `cargo test`; here 3,000 each (PAC scripts an
# eighth of that) on the test build `cargo test` just made (a release test build would cost four
# minutes more), for a bounded time: about 45 s on the development machine.
step "property tests (PROPTEST_CASES=3000, at most 300 s)" \
  env PROPTEST_CASES=3000 timeout 300 cargo test --locked --lib proptests
# The fleet rules shipped in contrib/: valid, and right on a fleet of three sites for each case.
step "prometheus rules (promtool check and test)" bash -c \
  'promtool check rules contrib/prometheus/chatgpt-doctor.rules.yml \
   && promtool test rules contrib/prometheus/chatgpt-doctor.rules.test.yml'
as_root "network lab" \
  "the network lab needs root (network namespaces)" \
  "skipping the network lab: it needs root (run: sudo tests/lab/run)" \
  tests/lab/run

# Windows: the debug build (faster to build than the release one; the runs take the same time) with
# warnings as errors, since code under cfg(windows) is compiled nowhere else.
step "windows: cross-build (x86_64-pc-windows-gnu)" \
  env RUSTFLAGS="-D warnings" timeout 1800 cargo build --locked --target x86_64-pc-windows-gnu
as_root "windows: runs under Wine" \
  "the Windows runs need root (network namespaces)" \
  "skipping the Windows runs: they need root (run: sudo tests/windows/run)" \
  tests/windows/run
step "macos: check (aarch64-apple-darwin, x86_64-apple-darwin)" macos_check
# Packages: the .deb installed and checked where the shells, man and systemd look (root: dpkg), and
# the static musl build.
as_root "package: deb (install, man, completions, systemd unit)" \
  "the package check needs root (dpkg -i)" \
  "skipping the package check: it needs root (run: sudo scripts/package.sh deb)" \
  bash scripts/package.sh deb
step "package: static musl build" bash scripts/package.sh musl
