# chatgpt-doctor — English. The per-stage commands, watch, report.
#
# Every id starts with cmd-. Codes, flags, host names and addresses arrive as arguments and are
# never translated. Durations arrive already formatted ("12 ms", "1.5 s").

## Shared

cmd-failed = failed
cmd-no-address = no address
cmd-none = none
cmd-quiet-line = { $subject }: { $result }
# A failure string in words, with its code.
cmd-failure = { $failure } ({ $code })
cmd-failure-detail = { $failure } ({ $code }): { $detail }
cmd-failed-after = { $failure } after { $duration }
cmd-no-address-in-family = no address in the allowed address family (-4/-6)
# Joins the items of a list where no "and" is wanted (redactions that contain commas).
cmd-separator-strong = {"; "}

## Spans of time (watch)

cmd-span-ms = { $ms } ms
cmd-span-seconds = { $s } s
cmd-span-minutes = { $m }m { $s }s
cmd-span-hours = { $h }h { $m }m

## dns

cmd-dns-source-pinned = pinned by --resolve
cmd-dns-source-system = system
cmd-dns-source-system-at = system { $servers }
cmd-dns-source-server = server
cmd-dns-source-server-at = server { $servers }
cmd-dns-head = { $query } via { $source } in { $duration }
cmd-dns-ttl = ttl { $ttl }
cmd-dns-line-source = ({ $source })
cmd-dns-detail-pinned = pinned by --resolve: { $addresses }
cmd-dns-detail-literal = --connect-to names { $addresses }

## tcp

cmd-tcp-connected = connected to { $address } in { $duration }
cmd-tcp-quiet-connected = connected
cmd-tcp-tried-first = tried { $address } first: { $failure }
cmd-tcp-detail-connected = connected to { $address }

## tls

cmd-tls-head-sni = { $target } (SNI { $sni })
cmd-tls-head-no-sni = { $target } (no SNI: an address)
cmd-tls-ok = { $version }, ALPN { $alpn }, { $cipher } in { $duration }
cmd-tls-failed-completed = { $failure } (the handshake completed: { $version }, ALPN { $alpn }) in { $duration }
cmd-tls-alpn-none = none
cmd-tls-label-chain = chain
cmd-tls-label-system-store = system store
cmd-tls-label-public-store = public store
cmd-tls-label-sni-test = sni test
cmd-tls-label-browser = browser hello
cmd-tls-browser-ok = a browser-shaped hello ({ $bytes } bytes, X25519MLKEM768 offered) answered in { $duration }: the server chose { $group } (the small hello: { $small })
cmd-tls-browser-failed = a browser-shaped hello (X25519MLKEM768 offered, over 1.5 KB) died: { $failure } after { $duration } — browsers cannot connect where this one could
cmd-tls-cert-issuer = issuer { $issuer } · { $not_before } → { $not_after }
cmd-tls-cert-issuer-san = issuer { $issuer } · { $not_before } → { $not_after } · SAN { $san }
cmd-tls-store-trusted = trusted
cmd-tls-store-rejected = rejected: { $reason }
cmd-tls-store-not-checked = not checked
cmd-tls-detail = { $version } { $alpn }
cmd-tls-detail-issued = { $version } { $alpn } issued by { $issuer }
cmd-tls-no-alpn = no ALPN

## The SNI test

cmd-sni-completed = with the decoy SNI { $decoy } the handshake completes ({ $version }) in { $duration }
cmd-sni-failed = with the decoy SNI { $decoy }: { $failure }
cmd-sni-tcp-failed = tcp: { $message }
cmd-sni-no-longer-accepts = { $peer } no longer accepts connections, whatever the name: the address is blocked or down.
cmd-sni-detail-completed = the handshake completed ({ $version })
cmd-sni-detail-completed-error = the handshake completed ({ $version }); the certificate does not matter here: { $message }
cmd-sni-conclusion-filtered = With the decoy name { $decoy } the handshake completes at { $peer }, while with { $host } it fails ({ $failure }): something on the path filters the name { $host } (SNI filtering), not the address.
cmd-sni-conclusion-blocked = The decoy name { $decoy } fails the same way at { $peer }: the address itself is blocked or down, not only the name.
cmd-sni-conclusion-answered = A TLS server at { $peer } answered the decoy name { $decoy } (with an error, as servers do for names they do not serve), while { $host } was cut off ({ $failure }): this points to SNI filtering.

## http (the chart's labels as httpstat draws them)

cmd-http-quiet-status = { $status } in { $duration }
cmd-http-body-cut = (body cut at { $bytes } bytes)
cmd-http-attempt-failed = { $stage }: { $failure } ({ $message })
cmd-http-not-reached = not reached
cmd-chart-dns = DNS Lookup
cmd-chart-tcp = TCP Connection
cmd-chart-tls = TLS Handshake
cmd-chart-server = Server Processing
cmd-chart-transfer = Content Transfer
cmd-chart-namelookup = namelookup:
cmd-chart-connect = connect:
cmd-chart-pretransfer = pretransfer:
cmd-chart-starttransfer = starttransfer:
cmd-chart-total = total:

## endpoints

cmd-endpoints-surface = surface
cmd-endpoints-target = target
cmd-endpoints-url = url
cmd-probe-web-trace = GET /cdn-cgi/trace: the edge's own trace (your address as it sees it, country, TLS and HTTP version)
cmd-probe-web = GET /: Cloudflare's edge answers (a challenge here is normal for non-browsers)
cmd-probe-app = GET { $path }: the apps' status endpoint answers
cmd-probe-api-region = GET { $path }: the region probe (a JSON answer when OpenAI serves your country, an unsupported-country error when not)
cmd-probe-api-models = GET { $path } without a key: a 401 JSON answer with x-request-id proves OpenAI's origin was reached
cmd-probe-api = GET { $path }: OpenAI's API answers
cmd-probe-auth = GET /: the login service answers
cmd-probe-assets = GET /: the static-asset CDN answers
cmd-probe-status = GET { $path }: OpenAI's status page (Statuspage JSON)
cmd-probe-control-ip = any answer: a neutral site reached by address, so it works without DNS
cmd-probe-control = any answer: a neutral site that is not OpenAI

## watch

cmd-watch-next = next check in { $span }
cmd-watch-last = last check
cmd-watch-unchanged = check { $run }: still { $code } ({ $next })
# Follows the summary directly: the leading space is part of the message.
cmd-watch-was = {" "}(was { $code } for { $span })
cmd-watch-notify-warning = chatgpt-doctor: warning: --notify-command: { $problem }
cmd-notify-cannot-start = cannot start: { $error }
cmd-notify-exited = exited with { $status }
cmd-notify-timeout = still running after { $seconds } s: stopped

## report: what it says after writing its files

cmd-report-verdict-label = Verdict:
cmd-report-verdict = { $label } { $summary } { $code }
cmd-report-wrote = Wrote { $markdown } and { $json }.
cmd-report-anonymized = Secrets are removed; your public address, private addresses, resolver addresses and local names are replaced by placeholders.
cmd-report-secrets-removed = Secrets are removed. Add --anonymize to also replace your public address, private addresses, resolver addresses and local names.

## report: what was removed, by kind

cmd-redaction-variable = { $name } value
cmd-redaction-proxy-credentials = proxy credentials
cmd-redaction-api-keys = API keys (sk-…)
cmd-redaction-public-address = public address
cmd-redaction-resolver-addresses = system resolver addresses
cmd-redaction-hostname = host name
cmd-redaction-user = your home directory (as ~) and user name
cmd-redaction-private-addresses = private addresses
cmd-redaction-domains = domain names of your network (search domains, proxy and NO_PROXY hosts)

## report: the Markdown

cmd-md-title = chatgpt-doctor report
cmd-md-made-by =
    Made by { $tool } { $version } on { $generated } (the check started { $started } and took { $duration }). { $anonymized ->
        [yes] Secrets removed; anonymized: addresses and local names are placeholders such as `[public-address]`.
       *[no] Secrets removed (API keys, proxy credentials).
    }
cmd-md-verdict = Verdict
cmd-md-code = Code { $code } · exit code { $exit }
cmd-md-surfaces = Surfaces that work: { $working } · failing: { $failing }
cmd-md-evidence = Evidence:
cmd-md-advice = What to do:
cmd-md-warnings = Warnings:
cmd-md-layers = Layers
cmd-md-col-layer = layer
cmd-md-col-status = status
cmd-md-col-summary = summary
cmd-md-status-ok = ✓ ok
cmd-md-status-warn = ! warning
cmd-md-status-fail = ✗ fault
cmd-md-status-not-checked = · not checked
cmd-md-targets = Targets
cmd-md-targets-note = Stage timings; ✗ marks the stage that failed, — a stage that did not run.
cmd-md-col-surface = surface
cmd-md-col-target = target
cmd-md-col-family = family
cmd-md-col-result = result
cmd-md-result-failed = { $stage }: { $failure }
cmd-md-failures = Failures:
cmd-md-failure =
    { $family ->
        [none] { $target } { $stage }
       *[other] { $target } ({ $family }) { $stage }
    }{ $address ->
        [none] {""}
       *[other] {" "}to { $address }
    }: { $failure } — { $detail }
cmd-md-views = Names as apps resolve them
cmd-md-views-note = What the OS resolver (what apps use, the hosts file included), the configured DNS servers and the DNS-over-HTTPS controls answered for each OpenAI name. Answers that differ are evidence to weigh, not a fault: an address that completes a verified handshake for the name is genuine.
cmd-md-col-name = name
cmd-md-col-os = apps (OS resolver)
cmd-md-col-configured = DNS servers
cmd-md-col-doh = DNS-over-HTTPS
cmd-md-col-agree = same
# $lines: line numbers, joined.
cmd-md-view-from-hosts = {" "}(from { $file } line { $lines })
cmd-md-status-page = Status page
cmd-md-status-reachable = { $description } (indicator { $indicator }) — { $url }
cmd-md-no-description = no description
cmd-md-status-unreadable = Could not be read ({ $url }).
cmd-md-status-not-checked-run = Not checked in this run.
cmd-md-environment = Environment
cmd-md-env-os = OS
cmd-md-env-kernel = kernel { $kernel }
cmd-md-env-hostname = host name
cmd-md-env-system-resolver = system resolver
cmd-md-env-no-nameserver = no nameserver configured
cmd-md-env-search = { $servers } (search { $domains })
cmd-md-env-resolver-used = resolver used
cmd-md-env-families = address families
cmd-md-env-proxy = proxy
cmd-md-env-no-proxy = no proxy variable set
cmd-md-env-credentials-removed = { $setting } (credentials removed)
cmd-md-env-key-set = set (value not included)
cmd-md-env-key-not-set = not set
cmd-md-env-openai-variables = other OpenAI variables
cmd-md-env-values-not-included = { $names } (values not included)
cmd-md-env-base-url = API base URL
cmd-md-env-base-url-value = { $url } ({ $source })
cmd-md-env-stores = trust stores
cmd-md-env-stores-value = system { $system } roots, public { $public } roots
cmd-md-env-stores-cacert = system { $system } roots, public { $public } roots, --cacert { $cacert }
cmd-md-env-timeouts = timeouts
cmd-md-env-timeouts-value = { $stage } per stage, { $run } per run
cmd-md-env-overrides = overrides
cmd-md-removed = Removed or replaced: { $what }.
cmd-md-nothing = nothing
cmd-md-json-note = The JSON file next to this one holds the same report in full (schema: `chatgpt-doctor schema support`).

## serve (stderr; its HTTP answers are machine output and stay as they are)

cmd-serve-listening = chatgpt-doctor serve: listening on http://{ $address }/ (/metrics, /probe?surface=…)
cmd-serve-all-surfaces = all
cmd-serve-round = chatgpt-doctor serve: { $surfaces } round: { $code } in { $duration }
cmd-serve-error = chatgpt-doctor serve: error: { $error }
cmd-serve-accept-failed = chatgpt-doctor serve: accept failed: { $error }
cmd-serve-stopped = chatgpt-doctor serve: stopped

## Errors

cmd-error-serialize = cannot serialize the output: { $error }
cmd-error-serialize-report = cannot serialize the report: { $error }
cmd-error-redacted-report = internal error: the redacted report does not parse: { $error }
cmd-error-write-file = cannot write { $path }: { $error }
cmd-error-no-directory = cannot write { $path }: the directory { $directory } does not exist (it is not created)
cmd-error-create-dir = cannot create { $path }: { $error }
cmd-error-man-render = cannot render the man page: { $error }
cmd-error-no-man-page = no man page for '{ $page }' (pages: { $pages })
cmd-error-listen = cannot listen on { $address }: { $error }
cmd-error-signal = cannot listen for { $signal }: { $error }

## Values of the per-stage commands' arguments

cmd-arg-no-host = '{ $value }' has no host
cmd-arg-ip-not-name = '{ $value }' is an IP address: there is no name to resolve
cmd-arg-not-a-name = '{ $value }' is not a host name
cmd-arg-bad-port = '{ $port }' in '{ $value }' is not a port number (1-65535)
cmd-arg-not-host-port = '{ $value }' is not HOST[:PORT] (write IPv6 addresses as [ADDR]:PORT)
