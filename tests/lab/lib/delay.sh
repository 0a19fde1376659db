# shellcheck shell=bash
# Added latency for lab worlds: `tc … netem` is missing from this kernel, so an NFQUEUE rule in the edge sends
# every packet arriving from the client to a user-space delayer (bench/nfq-delay.c, raw nfnetlink_queue with the
# kernel's headers only), which releases it D ms later. One direction delayed by D = D ms more round-trip time, to
# everything behind the edge: the resolver, OpenAI's addresses, the controls. Not sourced by tests/lab/run itself:
# a scenario (slow_path) or a bench script sources it.
#
#   delay_can_build              gcc and the kernel's nfnetlink_queue header are present (for `requires` hooks)
#   delay_build OUT              compile the delayer to OUT
#   delay_start MS [QUEUE]       start the delayer in the edge (a child of the harness, killed at teardown, bounded
#                                by DAEMON_LIMIT) and queue the edge's INPUT from v-edge to it (v4, v6; IPv6
#                                neighbour discovery is not delayed: it is the link, not the path)
#   delay_start_marked MS MARK [QUEUE]
#                                the same delayer (QUEUE default 1), but only for the packets of connections whose
#                                conntrack mark is MARK, both ways (the edge's INPUT from v-edge and OUTPUT to it,
#                                v4 and v6); nothing is marked by this: the caller appends rules that set the mark
#                                (`-j CONNMARK --set-mark MARK`) AFTER calling it, so the packet that sets the mark
#                                passes undelayed and only the connection's later packets are held
#
# Needs (from the harness): LAB_ROOT, RUN_DIR, W, EDGE_NS; start_bg, edge_ipt, edge_ip6t, log.

DELAY_SRC=${DELAY_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/bench/nfq-delay.c}

delay_can_build() {
  command -v gcc >/dev/null && [[ -f /usr/include/linux/netfilter/nfnetlink_queue.h && -f $DELAY_SRC ]]
}

delay_build() {
  local out=$1
  [[ -x $out && $out -nt $DELAY_SRC ]] && return 0
  t 60 gcc -O2 -Wall -o "$out.tmp.$$" "$DELAY_SRC" && mv -f "$out.tmp.$$" "$out"
}

# delay_daemon MS QUEUE — start the delayer bound to QUEUE and wait until it listens (no rule sends it anything).
delay_daemon() {
  local ms=$1 q=$2 bin=$RUN_DIR/nfq-delay ready i
  ready=$W/nfq-delay.$q.ready
  delay_build "$bin" || { log "could not build the delayer from $DELAY_SRC"; return 1; }
  rm -f "$ready"
  start_bg "nfqdelay$q" "$bin" -d "$ms" -q "$q" -t "${DAEMON_LIMIT:-1800}" -r "$ready"
  for ((i = 0; i < 50; i++)); do
    [[ -s $ready ]] && break
    kill -0 "$(eval "echo \${PID_nfqdelay$q}")" 2>/dev/null || { log "delayer died:"; cat "$W/nfqdelay$q.out" >&2; return 1; }
    sleep 0.1
  done
  [[ -s $ready ]] || { log "delayer not ready after 5 s"; return 1; }
}

delay_start() {
  local ms=$1 q=${2:-0}
  delay_daemon "$ms" "$q" || return 1
  # Only once the queue has a listener: a queue without one drops what it is given.
  edge_ipt -A INPUT -i v-edge -j NFQUEUE --queue-num "$q"
  local type
  for type in router-solicitation router-advertisement neighbour-solicitation neighbour-advertisement redirect; do
    edge_ip6t -A INPUT -i v-edge -p ipv6-icmp --icmpv6-type "$type" -j ACCEPT
  done
  edge_ip6t -A INPUT -i v-edge -j NFQUEUE --queue-num "$q"
}

delay_start_marked() {
  local ms=$1 mark=$2 q=${3:-1} ipt
  delay_daemon "$ms" "$q" || return 1
  for ipt in edge_ipt edge_ip6t; do
    "$ipt" -A INPUT -i v-edge -m connmark --mark "$mark" -j NFQUEUE --queue-num "$q" || return 1
    "$ipt" -A OUTPUT -o v-edge -m connmark --mark "$mark" -j NFQUEUE --queue-num "$q" || return 1
  done
}
