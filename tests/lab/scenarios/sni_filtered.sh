# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# A national-firewall-style SNI filter in the edge: an iptables string match resets every TCP connection whose
# ClientHello names an OpenAI domain (chatgpt.com, openai.com, oaistatic.com). TCP still connects, and the same
# address completes a handshake naming the decoy example.com (nginx's default server answers any name).
DESCRIPTION="ClientHellos naming OpenAI's domains reset (iptables string match); decoy SNI answered"
EXPECT_LAYER=path EXPECT_CAUSE=sni_filtered EXPECT_EXIT=4

SNI_FILTERED=(chatgpt.com openai.com oaistatic.com)

faults() {
  local s
  for s in "${SNI_FILTERED[@]}"; do
    edge_ipt  -A INPUT -p tcp --dport 443 -m string --string "$s" --algo bm -j REJECT --reject-with tcp-reset
    edge_ip6t -A INPUT -p tcp --dport 443 -m string --string "$s" --algo bm -j REJECT --reject-with tcp-reset
  done
}

# Every OpenAI target whose TLS stage failed ran the SNI test, and the decoy was answered. Prints
# "<failed TLS stages>|<those without an answered decoy>".
decoy_check() {
  if [[ $JSON == jq ]]; then
    jq -r '[.targets[] | select(.control | not) | . as $t | .stages[] | select(.stage == "tls" and .status != "ok")
            | {n: "\($t.name) [\(.family)]", a: (.tls.decoy.answered == true)}]
           | "\(length)|\([.[] | select(.a | not) | .n] | join(", "))"' "$1"
  else
    python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
bad = [s for t in r["targets"] if not t.get("control") for s in t["stages"]
       if s["stage"] == "tls" and s["status"] != "ok"]
no = ["%s [%s]" % (t["name"], s["family"]) for t in r["targets"] if not t.get("control") for s in t["stages"]
      if s["stage"] == "tls" and s["status"] != "ok" and not ((s.get("tls") or {}).get("decoy") or {}).get("answered")]
print("%d|%s" % (len(bad), ", ".join(no)))' "$1"
  fi
}

verify() {
  local out failed bad
  out=$(decoy_check "$1") || { VERIFY_MSG="cannot read the report's stages"; return 1; }
  failed=${out%%|*} bad=${out#*|}
  [[ $failed -gt 0 ]] || { VERIFY_MSG="no OpenAI TLS stage failed"; return 1; }
  [[ -z $bad ]] || { VERIFY_MSG="failed TLS stages without an answered decoy: $bad"; return 1; }
}
