# shellcheck shell=bash disable=SC2034  # variables are read by the harness
# Common constants and helpers of the lab. Sourced by tests/lab/run.
#
# Address plan (documentation ranges only, inside namespaces the run makes itself):
#   veth         cli 198.51.100.2/24, 2001:db8:1::2/64  <->  edge 198.51.100.1/24, 2001:db8:1::1/64
#   resolver     198.51.100.53 (dnsmasq, on the edge side of the veth)
#   OpenAI names 203.0.113.10.. and 2001:db8:113::10.. (one address per host, on the edge's lo)
#   controls     192.0.2.10 / 2001:db8:2::10 = control.lab.test, 192.0.2.20 = IP-literal control
#   middleboxes  198.51.100.80 proxies, 198.51.100.66 / 2001:db8:1::66 forged answers (edge side of the veth);
#                192.0.2.53 DoH resolver behind a second link 192.0.2.252/30 (see lib/middleboxes.sh)
# The client's default routes (v4 and v6) point at the edge; the edge has no uplink and no forwarding.

CLI_V4=198.51.100.2
EDGE_V4=198.51.100.1
CLI_V6=2001:db8:1::2
EDGE_V6=2001:db8:1::1
RESOLVER_V4=198.51.100.53

CONTROL_NAME=control.lab.test
CONTROL_IP=192.0.2.20

# Middleboxes (lib/middleboxes.sh), only in the scenarios that start them:
PROXY_V4=198.51.100.80     # forward proxies, on the edge's veth: tinyproxy :8888, squid :3128
TINYPROXY_PORT=8888
SQUID_PORT=3128
DOH_V4=192.0.2.53          # DNS-over-HTTPS resolver (unbound), in an aux namespace linked to the client
FORGED_V4=198.51.100.66    # a forged DNS answer: on the edge's veth (dns_tampered gives it its own nginx server)
FORGED_V6=2001:db8:1::66

# Hosts the lab serves: name -> "v4 v6 kind cf"
#   kind = openai | control ; cf = 1 when the real host sits behind Cloudflare (server: cloudflare, cf-ray)
declare -gA LAB_HOSTS=(
  [chatgpt.com]="203.0.113.10 2001:db8:113::10 openai 1"
  [ios.chat.openai.com]="203.0.113.11 2001:db8:113::11 openai 1"
  [android.chat.openai.com]="203.0.113.12 2001:db8:113::12 openai 1"
  [api.openai.com]="203.0.113.13 2001:db8:113::13 openai 1"
  [auth.openai.com]="203.0.113.14 2001:db8:113::14 openai 1"
  [cdn.oaistatic.com]="203.0.113.15 2001:db8:113::15 openai 1"
  [status.openai.com]="203.0.113.16 2001:db8:113::16 openai 0"
  [control.lab.test]="192.0.2.10 2001:db8:2::10 control 0"
)
# Stable order for generated files.
LAB_HOST_ORDER=(chatgpt.com ios.chat.openai.com android.chat.openai.com api.openai.com auth.openai.com
                cdn.oaistatic.com status.openai.com control.lab.test)

host_v4()   { local f; read -r -a f <<<"${LAB_HOSTS[$1]}"; echo "${f[0]}"; }
host_v6()   { local f; read -r -a f <<<"${LAB_HOSTS[$1]}"; echo "${f[1]}"; }
host_kind() { local f; read -r -a f <<<"${LAB_HOSTS[$1]}"; echo "${f[2]}"; }
host_cf()   { local f; read -r -a f <<<"${LAB_HOSTS[$1]}"; echo "${f[3]}"; }
openai_hosts() { local h; for h in "${LAB_HOST_ORDER[@]}"; do [[ $(host_kind "$h") == openai ]] && echo "$h"; done; return 0; }
openai_v4()    { local h; for h in $(openai_hosts); do host_v4 "$h"; done; }
openai_v6()    { local h; for h in $(openai_hosts); do host_v6 "$h"; done; }

log()  { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { log "error: $*"; exit 1; }

# t SECS CMD... — every short command of the lab runs under a timeout.
t() { local s=$1; shift; timeout -k 2 "$s" "$@"; }

# Run a command inside a lab namespace, bounded.
in_cli()  { t "${T_CMD:-15}" ip netns exec "$CLI_NS" "$@"; }
in_edge() { t "${T_CMD:-15}" ip netns exec "$EDGE_NS" "$@"; }

# Firewall helpers for fault hooks (rules live in the edge namespace unless said otherwise).
edge_ipt()  { in_edge iptables -w 5 "$@"; }
edge_ip6t() { in_edge ip6tables -w 5 "$@"; }
cli_ipt()   { in_cli iptables -w 5 "$@"; }
cli_ip6t()  { in_cli ip6tables -w 5 "$@"; }

# openai_tcp_fault TARGET... — apply an INPUT rule for TCP to every OpenAI address (v4 and v6) in the edge.
#   e.g. openai_tcp_fault DROP ; openai_tcp_fault REJECT --reject-with tcp-reset
openai_tcp_fault() {
  local a
  for a in $(openai_v4); do edge_ipt  -A INPUT -d "$a" -p tcp -j "$@" || return 1; done
  for a in $(openai_v6); do edge_ip6t -A INPUT -d "$a" -p tcp -j "$@" || return 1; done
}
