# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The client's link is down: no resolver, no control, no route at all.
DESCRIPTION="client link down (veth down in the client namespace)"
EXPECT_LAYER=local_network EXPECT_CAUSE=offline EXPECT_EXIT=3
faults() {
  in_cli ip link set v-cli down
}
