# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# The default world, untouched: every OpenAI surface answers as it does on a good day.
DESCRIPTION="default world: resolver, edge and controls all work"
EXPECT_LAYER=none EXPECT_CAUSE=healthy EXPECT_EXIT=0
