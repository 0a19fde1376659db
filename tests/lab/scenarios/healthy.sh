# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The default world, untouched: every OpenAI surface answers as it does on a good day.
DESCRIPTION="default world: resolver, edge and controls all work"
EXPECT_LAYER=none EXPECT_CAUSE=healthy EXPECT_EXIT=0

# The status page's documents (status.json, summary.json, ...) are read and say all is well.
verify() {
  local reachable indicator
  reachable=$(json_get "$1" .status_page.reachable)
  indicator=$(json_get "$1" .status_page.indicator)
  [[ $reachable == true && $indicator == none ]] \
    || { VERIFY_MSG="status page: reachable=$reachable indicator=$indicator (expected true, none)"; return 1; }
}
