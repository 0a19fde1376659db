# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The lab's default world, the Windows build under Wine in the client namespace.
DESCRIPTION="default world: resolver, edge and controls all work"
EXPECT_LAYER=none EXPECT_CAUSE=healthy EXPECT_EXIT=0

# It is the Windows build, its resolver is the namespace's (Wine's DNS client reads the Unix resolv.conf), and
# it read the status page.
verify() {
  local os servers
  os=$(json_get "$1" .environment.os)
  [[ $os == windows ]] || { VERIFY_MSG="environment.os is '$os', not windows"; return 1; }
  servers=$(jq -r '(.environment.nameservers // []) | join(" ")' "$1")
  [[ " $servers " == *" $RESOLVER_V4:53 "* ]] \
    || { VERIFY_MSG="nameservers '$servers' do not name the lab's resolver $RESOLVER_V4"; return 1; }
  [[ $(json_get "$1" .status_page.indicator) == none ]] || { VERIFY_MSG="status page not read as operational"; return 1; }
}
