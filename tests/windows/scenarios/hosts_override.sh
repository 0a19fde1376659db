# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A blocklist wrote "0.0.0.0 chatgpt.com" into Windows' hosts file (%SystemRoot%\System32\drivers\etc\hosts):
# browsers and the app get 0.0.0.0, while the network, its resolver and the edge are fine.
DESCRIPTION="0.0.0.0 chatgpt.com in the prefix's Windows hosts file"
EXPECT_LAYER=machine EXPECT_CAUSE=hosts_override EXPECT_EXIT=3

windows() {
  # On Windows, getaddrinfo and the tool read the same file. Wine's getaddrinfo reads the Unix
  # hosts file instead (the client namespace's), so the line goes into both: the world a Windows
  # user with this blocklist line has.
  prefix_hosts "0.0.0.0 chatgpt.com"
  echo "0.0.0.0 chatgpt.com" >>"/etc/netns/$CLI_NS/hosts"
}
