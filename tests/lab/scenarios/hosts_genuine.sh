# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A hosts line that pins chatgpt.com to its true address (203.0.113.10, where the edge serves it), as some
# people pin names to dodge a poisoned resolver. Apps get that address alone (no IPv6), and the handshake there
# proves the name: the line is reported, not blamed. The binary runs without --dns-server.
DESCRIPTION="hosts file pins chatgpt.com to its true address: reported, healthy"
EXPECT_LAYER=none EXPECT_CAUSE=healthy EXPECT_EXIT=0

faults() {
  printf '%s chatgpt.com\n' "$(host_v4 chatgpt.com)" >>"/etc/netns/$CLI_NS/hosts"
}

verify() {
  local os from source
  if [[ $JSON == jq ]]; then
    os=$(jq -r '.dns_views[] | select(.name == "chatgpt.com") | .os.addresses | join(" ")' "$1")
    from=$(jq -r '.dns_views[] | select(.name == "chatgpt.com") | "\(.os.from_hosts_file) \(.os.hosts_entries[0].line)"' "$1")
    source=$(jq -r '.targets[] | select(.name == "chatgpt.com") | .stages[] | select(.stage == "dns") | .dns.source' "$1")
  else
    os=$(python3 -c 'import json, sys
v = [v for v in json.load(open(sys.argv[1]))["dns_views"] if v["name"] == "chatgpt.com"][0]
print(" ".join(v["os"]["addresses"]))' "$1")
    from=$(python3 -c 'import json, sys
v = [v for v in json.load(open(sys.argv[1]))["dns_views"] if v["name"] == "chatgpt.com"][0]
print("%s %s" % (str(v["os"]["from_hosts_file"]).lower(), v["os"]["hosts_entries"][0]["line"]))' "$1")
    source=$(python3 -c 'import json, sys
t = [t for t in json.load(open(sys.argv[1]))["targets"] if t["name"] == "chatgpt.com"][0]
print([s for s in t["stages"] if s["stage"] == "dns"][0]["dns"]["source"])' "$1")
  fi
  [[ $os == "$(host_v4 chatgpt.com)" ]] || { VERIFY_MSG="apps' addresses for chatgpt.com: '$os'"; return 1; }
  [[ $from == "true 3" ]] || { VERIFY_MSG="from_hosts_file and line: '$from' (want 'true 3')"; return 1; }
  [[ $source == os ]] || { VERIFY_MSG="chatgpt.com's dns stage came from '$source', not the OS resolver"; return 1; }
}
