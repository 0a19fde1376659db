#!/usr/bin/env bash
# The one test command (README "Testing"): installs what the tests need, checks formatting and
# lints, runs the unit and fixture tests, builds the release binary and runs the network lab.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
cargo build --locked --release
if [ "$(id -u)" -eq 0 ]; then
  tests/lab/run
elif [ "${CI:-}" = "true" ]; then
  echo "the network lab needs root (network namespaces)" >&2
  exit 1
else
  echo "skipping the network lab: it needs root (run: sudo tests/lab/run)" >&2
fi
