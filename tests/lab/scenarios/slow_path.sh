# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# About 100 ms more round-trip time to everything (resolver, OpenAI, controls): every packet from the client is
# held in the edge for SLOW_PATH_DELAY_MS (default 100) by an NFQUEUE delayer (lib/delay.sh). Connection setup
# (tcp + tls, two round trips) stays far below the 800 ms "slow" threshold of src/diagnose/network.rs, so the
# verdict stays healthy. bench/run measures time to verdict and timing accuracy in this world.
# shellcheck source-path=SCRIPTDIR/.. source=lib/delay.sh
source "$LAB_ROOT/lib/delay.sh"
SLOW_PATH_DELAY_MS=${SLOW_PATH_DELAY_MS:-100}
DESCRIPTION="every packet from the client held ${SLOW_PATH_DELAY_MS} ms in the edge (NFQUEUE delayer): slower, healthy"
EXPECT_LAYER=none EXPECT_CAUSE=healthy EXPECT_EXIT=0

requires() {
  delay_can_build || { SKIP_MSG="needs gcc and linux-libc-dev's nfnetlink_queue.h to build the delayer"; return 1; }
}

faults() {
  delay_start "$SLOW_PATH_DELAY_MS"
}

# The delay took effect: every connect that succeeded took at least 90 % of the added round trip.
verify() {
  local fast
  fast=$(jq -r --argjson min "$((SLOW_PATH_DELAY_MS * 9 / 10))" '
    [.targets[] | .name as $n | (.stages // [])[] | select(.stage == "tcp" and .status == "ok")
     | select(.duration_ms < $min) | "\($n) \(.family // "") \(.duration_ms) ms"] | join(", ")' "$1" 2>/dev/null) \
    || { VERIFY_MSG="could not read the tcp stages"; return 1; }
  [[ -z $fast ]] || { VERIFY_MSG="the delay did not hold: tcp connects faster than the added RTT: $fast"; return 1; }
}
