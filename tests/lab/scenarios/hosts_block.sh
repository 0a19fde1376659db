# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# An ad blocker's lines in the client's hosts file (the one `ip netns exec` binds over /etc/hosts):
# `0.0.0.0 chatgpt.com` and `::1 api.openai.com`. DNS (dnsmasq) still has the true answers, IPv6 included, and
# the edge serves them; but apps resolve through the OS, which answers from the hosts file alone: chatgpt.com
# has only 0.0.0.0 (no IPv6 either), api.openai.com only ::1, and both connections land on this computer.
# The binary runs without --dns-server, as a person runs it.
DESCRIPTION="hosts file: 0.0.0.0 chatgpt.com and ::1 api.openai.com (DNS still true)"
EXPECT_LAYER=machine EXPECT_CAUSE=hosts_override EXPECT_EXIT=3

faults() {
  # Lines 3 and 4, after the world's two localhost lines.
  printf '0.0.0.0 chatgpt.com\n::1\tapi.openai.com  # blocked\n' >>"/etc/netns/$CLI_NS/hosts"
}

# One name's OS view and configured view, as "os addresses|from_hosts_file|hosts lines|configured addresses".
view_of() {
  if [[ $JSON == jq ]]; then
    jq -r --arg n "$2" '.dns_views[] | select(.name == $n)
      | "\(.os.addresses | join(" "))|\(.os.from_hosts_file)|\([.os.hosts_entries[].line | tostring] | join(" "))|\(.configured.addresses | join(" "))"' "$1"
  else
    python3 -c 'import json, sys
v = [v for v in json.load(open(sys.argv[1]))["dns_views"] if v["name"] == sys.argv[2]][0]
print("%s|%s|%s|%s" % (" ".join(v["os"]["addresses"]), str(v["os"]["from_hosts_file"]).lower(),
      " ".join(str(e["line"]) for e in v["os"]["hosts_entries"]), " ".join(v["configured"]["addresses"])))' "$1" "$2"
  fi
}

verify() {
  local chat api
  chat=$(view_of "$1" chatgpt.com) || { VERIFY_MSG="no dns_views entry for chatgpt.com"; return 1; }
  api=$(view_of "$1" api.openai.com) || { VERIFY_MSG="no dns_views entry for api.openai.com"; return 1; }
  [[ $chat == "0.0.0.0|true|3|$(host_v4 chatgpt.com) $(host_v6 chatgpt.com)" ]] \
    || { VERIFY_MSG="chatgpt.com views: '$chat' (want apps 0.0.0.0 from line 3, DNS the true v4 and v6)"; return 1; }
  [[ $api == "::1|true|4|$(host_v4 api.openai.com) $(host_v6 api.openai.com)" ]] \
    || { VERIFY_MSG="api.openai.com views: '$api' (want apps ::1 from line 4, DNS the true v4 and v6)"; return 1; }
  grep -q "/etc/hosts line 3 gives apps 0.0.0.0 for chatgpt.com" "$1" \
    || { VERIFY_MSG="the evidence does not cite /etc/hosts line 3"; return 1; }
}
