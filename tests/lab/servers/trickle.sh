#!/usr/bin/env bash
# trickle.sh CA [MAX_SECS] — one HTTP/1.1 exchange for socat (EXEC, one process per connection: stdin and stdout
# are the client's decrypted stream). It reads the request's head, fetches the true answer for that name and path
# from the edge's nginx at the address the client dialled (socat's SOCAT_SOCKADDR: the DNAT kept it), sends the
# status line and headers at once (Content-Length of the whole body, Connection: close), then the body ONE BYTE
# A SECOND. Bounded: at most MAX_SECS (default 120) bytes are trickled, every read and the fetch have timeouts,
# and a client that goes away ends it (the next write fails). One line per request on stderr.
set -u
ca=$1 max=${2:-120}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/trickle.XXXXXX") || exit 1  # TMPDIR: the world's directory
trap 'rm -rf "$tmp"' EXIT

method="" path="" host="" line="" i=0
IFS=' ' read -r -t 10 method path _ || exit 0
for ((i = 0; i < 100; i++)); do  # the request's header lines, up to the empty one
  IFS= read -r -t 10 line || exit 0
  line=${line%$'\r'}
  [[ -z $line ]] && break
  if [[ ${line,,} == host:* ]]; then host=${line#*:}; host=${host# }; host=${host%:443}; fi
done
[[ $method == GET && $path =~ ^/[][A-Za-z0-9._~!\$\&\'\(\)*+,\;=:@%/?-]*$ && $host =~ ^[a-z0-9.-]+$ ]] || {
  printf 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
  exit 0
}

# The true answer, from nginx at the same address (inside the edge, so the nat rule does not apply).
timeout 10 curl -sS --http1.1 --cacert "$ca" --connect-to "::${SOCAT_SOCKADDR:-127.0.0.1}:443" \
  -D "$tmp/head" -o "$tmp/body" "https://$host$path" 2>"$tmp/err" || {
  echo "trickle: $host $path: fetch failed: $(head -c 200 "$tmp/err")" >&2
  printf 'HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
  exit 0
}
size=$(stat -c %s "$tmp/body")
{
  while IFS= read -r line; do
    line=${line%$'\r'}
    [[ -z $line ]] && continue
    case ${line,,} in connection:* | keep-alive:* | transfer-encoding:* | content-length:*) continue ;; esac
    printf '%s\r\n' "$line"
  done <"$tmp/head"
  printf 'Content-Length: %s\r\nConnection: close\r\n\r\n' "$size"
} || exit 0
echo "trickle: $host $path: $(head -n1 "$tmp/head" | tr -d '\r'), $size bytes, one a second" >&2

for ((i = 0; i < size && i < max; i++)); do
  dd if="$tmp/body" bs=1 skip="$i" count=1 status=none 2>/dev/null || exit 0
  sleep 1
done
