# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The resolver answers NXDOMAIN for OpenAI's names only; the control name still resolves.
DESCRIPTION="resolver answers NXDOMAIN for OpenAI names only"
EXPECT_LAYER=path EXPECT_CAUSE=dns_blocked EXPECT_EXIT=4
configure() {
  openai_dns NXDOMAIN
}
