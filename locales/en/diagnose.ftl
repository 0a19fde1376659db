# chatgpt-doctor — English. The words of the diagnosis: verdict summaries, evidence, findings.
#
# Arguments are raw data: host and target names, addresses, numbers, codes (failure strings such
# as connection_reset, certificate problems such as expired), raw messages from the system, the
# network or OpenAI, proxy URLs and their sources (HTTPS_PROXY, --proxy). Lists of names come
# joined already ({ $targets }, { $names }: "a, b and c").

## Shared pieces

# Joins clauses of one line ("reason; reason").
diag-clause-separator = {"; "}
# A value nobody reported (an address, a location, a time).
diag-unknown-value = ?
diag-duration-ms = { $ms } ms
# A host and the problem code of its certificate: "chatgpt.com (expired)".
diag-host-problem = { $host } ({ $problem })

## Where a target stopped ($stage is dns, tcp, tls or http; $failure the failure in words,
## $code its code, $message what the system or server said)

diag-stop-failed = { $target }: { $stage } failed, { $failure } ({ $code }): { $message }
diag-stop-deadline = { $target }: not finished before the run deadline
diag-stop-proxy-unreachable = { $target }: the proxy could not be reached, { $failure } ({ $code }): { $message }
diag-stop-proxy = { $target }: through the proxy, { $failure } ({ $code }): { $message }
diag-stop-failed-bare = { $target }: { $stage } failed, { $failure } ({ $code })
diag-stop-proxy-unreachable-bare = { $target }: the proxy could not be reached, { $failure } ({ $code })
diag-stop-proxy-bare = { $target }: through the proxy, { $failure } ({ $code })
# $detail: why the request was not sent, or a description of the HTTP answer.
diag-stop-detail = { $target }: { $detail }
diag-stop-answered = { $target }: answered

## machine

diag-machine-ok = nothing wrong found on this computer
# $proxy: the proxy URL (without credentials); $source: the setting it came from (HTTPS_PROXY, --proxy, …).
diag-proxy-unreachable-summary = The proxy this computer is set to use, { $proxy } (from { $source }), cannot be reached.
diag-proxy-unreachable-summary-unnamed = The proxy this computer is set to use cannot be reached.
# $direction: ahead or behind; $started: the local time (RFC 3339).
diag-evidence-clock-skew = this computer's clock is { $seconds } s { $direction ->
        [ahead] ahead of
       *[behind] behind
    } the servers' (median of { $samples } { $samples ->
        [one] Date header
       *[other] Date headers
    }; local time at the start of the run { $started })
# $hosts: "host (problem)", joined.
diag-evidence-cert-dates = certificates rejected for their dates: { $hosts }
diag-evidence-no-server-clock = no server clock could be read to compare; local time at the start of the run { $started }
diag-clock-skew-summary = This computer's clock is wrong, so valid certificates look expired or not yet valid.
diag-clock-suspect-summary = Certificates of unrelated sites all look expired or not yet valid: this computer's clock is most likely wrong.
# $file: the hosts file; $names: the OpenAI names whose lines send apps away.
diag-hosts-override-summary = The hosts file ({ $file }) sends { $names } to addresses that are not OpenAI's: apps cannot reach them.
# $file and $line: where the line is; $address: what it gives apps; $reason: why that address does not serve the name.
diag-evidence-hosts-entry = { $file } line { $line } gives apps { $address } for { $name }: { $reason }
diag-hosts-reason-unspecified = { $address } is no server's address (blocklists write it to make a name fail)
diag-hosts-reason-loopback = { $address } is this computer itself, not OpenAI's server
diag-hosts-reason-wrong-certificate = the server at { $address } did not present { $name }'s certificate ({ $code })
# $addresses: separated by spaces.
diag-evidence-hosts-dns-answer = DNS itself answers { $name } with { $addresses }

## local network

diag-local-no-controls = no control targets were probed
# A control and how long its connection took.
diag-control-time = { $target } { $ms } ms
# $details: the controls that answered, with their times, joined.
diag-local-ok = { $answered } of { $total } controls answered ({ $details })
diag-no-name-no-address-summary = No name resolved and no control can be reached by address, so a dead resolver cannot be told from a dead network.
diag-offline-summary = This computer cannot reach the internet: no control target and no OpenAI address answered.
diag-evidence-reachable-by-address = reachable by address: { $targets }
diag-dns-resolver-down-summary = Your DNS resolver is not answering: no name resolves, although the internet is reachable by address.
diag-controls-failed = { $count ->
        [one] control target not reached
       *[other] control targets not reached
    }: { $targets }
diag-ipv6-unavailable = this machine has no IPv6 route: IPv6 addresses fail at once and IPv4 is used
# $urls: the probed URLs; $browsers, $check: "direct" or host:port; $decided: the setting that decided.
diag-browser-route-differs = browsers and the desktop app reach { $urls } { $browsers ->
        [direct] directly
       *[other] through { $browsers }
    } (decided by { $decided }), but this check went { $check ->
        [direct] direct
       *[other] through { $check }
    }: the verdict speaks for programs that go this check's way
diag-pac-failed-summary = The PAC file browsers and the desktop app follow ({ $location }) gives them no proxy decision
diag-evidence-pac-failed = PAC file { $location }: { $reason }
diag-fake-ip = { $names } resolved to fake-ip addresses (198.18.0.0/15) of a TUN proxy: the path to OpenAI is the proxy's upstream
diag-fake-ip-tunnel = { $names } resolved to fake-ip addresses (198.18.0.0/15) of a TUN proxy ({ $tunnels }): the path to OpenAI is the proxy's upstream
# $way: "direct" or host:port; $source: what decided it; $summary: that route's verdict.
diag-route-browsers = browsers and the desktop app ({ $way ->
        [direct] direct
       *[other] through { $way }
    }, from { $source }): { $summary }
diag-route-terminal = terminal tools and SDKs ({ $way ->
        [direct] direct
       *[other] through { $way }
    }, from { $source }): { $summary }
# $failing: "browsers" or "terminal"; $way, $source: the route that works.
diag-route-split-summary = { $failing ->
        [browsers] Browsers and the desktop app fail
       *[terminal] Terminal tools and SDKs fail
    }: { $summary } — { $failing ->
        [browsers] terminal tools and SDKs work
       *[terminal] browsers and the desktop app work
    } ({ $way ->
        [direct] direct
       *[other] through { $way }
    }, from { $source })
diag-route-both-summary = { $failing ->
        [browsers] Browsers and the desktop app fail first
       *[terminal] Terminal tools and SDKs fail first
    }: { $summary }
diag-route-advice-use-proxy = Terminal tools and SDKs can take the browsers' way: set HTTPS_PROXY=http://{ $proxy } (Windows PowerShell: $env:HTTPS_PROXY = "http://{ $proxy }"); Node.js also needs NODE_USE_ENV_PROXY=1.
diag-evidence-proxy = proxy: { $proxy } (from { $source })
# $challenge: the proxy's Proxy-Authenticate header, as sent.
diag-evidence-proxy-asks = it asks for: { $challenge }
# $excerpt: the start of the proxy's error page, as sent.
diag-evidence-proxy-page = its page says: { $excerpt }
diag-proxy-auth-rejected-summary = The proxy refuses the credentials it was given (407 Proxy Authentication Required).
diag-proxy-auth-missing-summary = The proxy wants credentials and none are configured (407 Proxy Authentication Required).
diag-evidence-control-through-proxy = control { $target } passed through the same proxy
diag-proxy-denied-summary = Your network's proxy refuses to connect to OpenAI: { $targets }.
diag-captive-portal-summary = A captive portal (a login page, as in hotels, trains and airports) is in the way: sign in to the network first.
# $sign: one of the diag-portal-* messages.
diag-evidence-captive-portal = captive-portal check { $target }: { $sign }
diag-portal-redirected = redirected ({ $status }) to { $location }
diag-portal-redirected-unnamed = redirected ({ $status }) to an unnamed place
diag-portal-wrong-status = answered { $status } instead of { $expected }
diag-portal-foreign-content = answered a page without "{ $token }" (foreign content)
# $problem: the public store's certificate problem code, or "rejected" when it gave none.
diag-evidence-intercepted = { $target }: the certificate chain ends at { $issuer }, trusted by this computer's store but not by the public one ({ $problem ->
        [rejected] rejected
       *[other] { $problem }
    })
diag-evidence-more-connections = and { $count } more { $count ->
        [one] connection
       *[other] connections
    }
# $issuers: the issuers of the intercepting certificates, joined.
diag-tls-intercepted-summary = HTTPS is intercepted on this network (by { $issuers }): browsers trust it through this computer's store, tools with their own CA bundle reject it.
diag-network-slow-summary = Your network is slow: every site, not only OpenAI, takes long to answer.
# $controls and $openai: a diag-duration-ms or diag-unknown-value; $factor: how many times slower.
diag-evidence-setup-times = median connection setup (tcp + tls): controls { $controls }, OpenAI { $openai } (slow from { $slow_ms } ms; OpenAI alone slow at { $factor }x the controls)

## path

diag-path-no-service = no OpenAI surface was probed
diag-path-ok = { $reached } of { $total } OpenAI endpoints reached over TLS
diag-path-not-assessed = not assessed: the local network failed first
diag-path-not-assessed-machine = not assessed: this computer failed first
diag-dns-tampered-summary = Your DNS answers for OpenAI's names are forged: they differ from independent DNS-over-HTTPS resolvers and the addresses do not prove they serve the names: { $names }.
diag-evidence-control-resolved = control { $target } resolved normally
diag-dns-blocked-summary = OpenAI's names do not resolve while other names do: { $names } (DNS blocking).
diag-dns-inconclusive-summary = OpenAI's names do not resolve, and no named control was probed to tell blocking from a resolver fault.
diag-evidence-control-connected = control { $target } accepted a connection
diag-tcp-blocked-summary = Connections to OpenAI fail while other sites connect: { $targets }.
diag-tcp-inconclusive-summary = Connections to OpenAI fail, and no control connected to show that the network itself works.
# $decoy: the harmless name sent instead of OpenAI's.
diag-evidence-decoy-completed = the same address completed a TLS handshake naming { $decoy } instead
diag-sni-filtered-summary = A filter between you and OpenAI kills TLS connections that name OpenAI's sites (SNI filtering): { $targets }.
diag-evidence-decoy-died = a handshake naming { $decoy } at the same address died the same way
diag-tls-stalled-summary = TLS to OpenAI's addresses stalls after the first message whatever name is sent: the addresses are filtered, or a path MTU black hole drops large packets: { $targets }.
# $names: the names the certificate is for (or its subject); $issuer: who issued it.
diag-evidence-chain = { $target } presented a certificate for { $names } issued by { $issuer }
diag-evidence-control-tls-ok = control { $target } completed TLS with a trusted certificate
diag-tls-failed-summary = Secure connections to OpenAI fail while other sites' succeed: { $targets }.
diag-tls-everywhere-summary = TLS fails for OpenAI and for the controls alike: something on this machine or network interferes with every secure connection, or the trust store is broken.
diag-tls-inconclusive-summary = TLS to OpenAI fails, and no https:// control connected to tell a blocked path from a problem with every secure connection.
# $message: what OpenAI's error said, as sent.
diag-evidence-target-said = { $target }: "{ $message }"
# $location: the country code OpenAI's edge reports (DE, RU, …).
diag-evidence-edge-location = OpenAI's edge sees this connection in { $location }
diag-region-blocked-summary = OpenAI does not serve the country this connection comes from ({ $location }): { $targets }.
diag-region-blocked-summary-unlocated = OpenAI does not serve the country this connection comes from: { $targets }.
# $warp: on, off or plus, as the edge reports it.
diag-evidence-edge-sees = the edge sees this client at { $ip } in { $location } (WARP { $warp })
diag-edge-challenge-summary = OpenAI's edge refuses or challenges this connection where apps cannot answer a challenge: { $targets }.
diag-ipv6-broken-summary = IPv6 to OpenAI is broken while IPv4 works: { $targets }. Apps that try IPv6 first hang or fail.
diag-evidence-ipv6-broken = { $target }: IPv4 answered, IPv6 failed with { $failure } ({ $code })
# $stop: a diag-stop-* line.
diag-status-page-unreachable = { $stop } (evidence about the network, not about OpenAI)
diag-path-slow-summary = The path to OpenAI is slow while other sites are fast.

## path: DNS answers against the DNS-over-HTTPS controls

# $resolvers: the control resolvers (DoH URLs), joined.
diag-dns-blocked-evidence = { $name }: the system resolver gave no address ({ $code }) while { $resolvers } resolved it
# $reasons: diag-reason-* phrases joined with diag-clause-separator.
diag-dns-address-forged = { $name } → { $address } looks forged: { $reasons }
diag-dns-address-unconfirmed = { $name } → { $address } is unconfirmed: { $reasons }
diag-reason-same-as-control = { $resolver } returned it too
diag-reason-proven-by-tls = TLS with SNI { $name } presented a publicly trusted certificate for it
# $answers: diag-control-answer-* for each control resolver, joined.
diag-reason-differs-from-controls = no control resolver returned it ({ $answers })
diag-control-answer-addresses = { $resolver }: { $addresses }
diag-control-answer-none = { $resolver }: no address
diag-control-answer-failed = { $resolver }: { $code }
diag-reason-no-control-answer = no control resolver answered to compare with
diag-reason-wrong-certificate = TLS with SNI { $name } showed a chain the public store does not accept for { $name } ({ $code }: { $failure })
diag-reason-handshake-failed = TLS with SNI { $name } did not complete ({ $code })
diag-reason-not-probed = no TLS handshake with SNI { $name } was tried
diag-reason-bogon = a private or reserved address
diag-reason-teredo = a Teredo address (2001::/32), as forged AAAA answers are
diag-reason-outside-edge-ranges = outside the expected edge ranges

## service

diag-service-ok = { $answered } of { $total } OpenAI endpoints answered without server errors
diag-service-not-reached = not reached
diag-evidence-status-page-unread = status page: could not be read (no confirmation either way)
diag-maintenance-summary = OpenAI is under maintenance and answers with errors: { $targets }.
diag-service-outage-summary = OpenAI has an outage, confirmed by its status page: { $targets } { $count ->
        [one] answers
       *[other] answer
    } with errors.
diag-service-degraded-summary = OpenAI's service is degraded (its status page says so) and answers with errors: { $targets }.
diag-service-errors-summary = OpenAI's servers answer with errors: { $targets }; the network path to them works.
# $lines: diag-status-page-* lines joined with diag-clause-separator.
diag-status-page-trouble = the status page reports trouble, though every endpoint answered here: { $lines }
# What the status page says; names, statuses and updates are OpenAI's own words.
diag-status-page-overall = status page: { $description } ({ $indicator })
diag-status-page-no-description = no description
diag-status-page-no-indicator = no indicator
# $group: chatgpt, api, …; $status: the component's status code (operational, major_outage, …).
diag-status-page-component = status page: { $component } ({ $group }) is { $status }
diag-status-page-incident = status page incident: { $incident } [{ $status }]
diag-status-page-incident-update = status page incident: { $incident } [{ $status }] — { $update }
diag-status-page-maintenance = status page maintenance in progress: { $maintenance }

## account

diag-account-no-key = no API key to check (set OPENAI_API_KEY or use --api-key-file)
# $source: where the key came from (OPENAI_API_KEY, the --api-key-file path).
diag-account-ok = the API key from { $source } is valid
diag-account-ok-organization = the API key from { $source } is valid (organization { $organization })
diag-api-key-missing-summary = No API key is configured: OPENAI_API_KEY is unset or empty and no --api-key-file was given.
diag-evidence-key-not-set = OPENAI_API_KEY: not set
# $reason: a diag-stop-* line, or why the key was not sent.
diag-key-not-checked = the API key was not checked: { $reason }
diag-key-restricted = the API key is valid but restricted: calls needing other permissions will fail
diag-key-restricted-scopes = the API key is valid but restricted (missing scopes: { $scopes }): calls needing other permissions will fail
diag-api-key-invalid-summary = The API key from { $source } is not accepted by the API (invalid, revoked or for another base URL).
diag-org-mismatch-summary = The API key does not belong to the organization in OPENAI_ORG_ID.
diag-quota-exhausted-summary = The API key's quota is exhausted (billing): requests fail until credit is added; retrying will not help.
diag-rate-limited-summary = The API key is rate-limited right now.
# $headers: the rate-limit headers as sent ("retry-after: 20"), joined.
diag-rate-limited-summary-headers = The API key is rate-limited right now ({ $headers }).
diag-key-unexpected-answer = the key check got an unexpected answer: HTTP { $status }
diag-evidence-key-request = GET { $url } with the key: HTTP { $status }
diag-evidence-api-said = the API said: "{ $message }"
diag-evidence-request-id = x-request-id: { $id }

## run deadline

diag-deadline-warning = not finished before the run deadline (--max-time): { $targets }
diag-deadline-summary = The run deadline came before every OpenAI endpoint answered.

## verdict

diag-healthy-summary = ChatGPT is reachable from here: every OpenAI endpoint answered and the path to it works.
diag-healthy-no-service-summary = The controls answered; no OpenAI surface was selected.
# $summary: the verdict's summary; $surfaces: the surface codes that still work (web, app, api), joined.
diag-still-working = { $summary } Still working: { $surfaces }.

## Answers that are not OpenAI's (evidence::origin)
diag-unexpected-answer-summary = Something on the path answered in OpenAI's place: the answers of { $targets } lack what only OpenAI sends (a block page, a deny page, or a body that never ends).
diag-evidence-unexpected = { $target }: { $status } — { $lack }; OpenAI answers { $expected }
diag-evidence-page-server = { $line } (page “{ $title }”, server “{ $server }”)
diag-evidence-page = { $line } (page “{ $title }”)
diag-evidence-server = { $line } (server “{ $server }”)
diag-evidence-control-answered = control { $target } answered normally
diag-evidence-same-page = control { $control } was answered by the same page as { $target } ({ $status })
diag-status-page-foreign = the status page { $target } did not answer with its own document ({ $lack }); its state is unknown
lack-body_unfinished = the body was still arriving after { $ms } ms ({ $bytes } bytes): it trickles or never ends
lack-body_too_long = the body ran past { $bytes } bytes where OpenAI's answer is a few hundred
lack-body_broken = the connection broke in the middle of the body ({ $bytes } bytes)
lack-redirect_off_site = a redirect away from OpenAI, to { $host }
lack-unexpected_status = a success where OpenAI refuses a request without a key
lack-unexpected_body = a body that is not OpenAI's (content type { $content_type })
lack-no_request_id = no x-request-id header, which every answer of OpenAI's API carries
lack-no_edge_ray = no cf-ray header with a data centre, which every answer of OpenAI's edge carries
proof-api_models = 401 with its JSON error and an x-request-id
proof-api_key = its JSON with an x-request-id
proof-api_region = its JSON (cookie_consent_required)
proof-edge_trace = its key=value lines (ip, colo, loc)
proof-app_edge = its JSON (cf_details)
proof-web_page = its edge's headers (cf-ray with a data centre) and its challenge or page
proof-status_json = its JSON (status.indicator)
proof-unchecked = anything

## Handshakes judged by shape and time
diag-sni-throttled-summary = Connections that name OpenAI's sites are slowed on the way: their TLS handshakes take more than { $rtts } round trips while the same servers answer fast under another name (throttling keyed by the name): { $targets }.
diag-evidence-throttled = { $target }: TCP connect { $connect_ms } ms, TLS handshake { $handshake_ms } ms ({ $ratio }× the connect), first byte { $first_byte } ms; the same address naming { $decoy }: handshake { $decoy_ms } ms
diag-evidence-control-handshake = control { $target }: TCP connect { $connect_ms } ms, TLS handshake { $handshake_ms } ms
diag-large-handshake-path-summary = Browsers cannot connect to OpenAI: a large TLS greeting like theirs (about 1.7 KB, with a post-quantum key share) dies on the way to { $targets }, while the tool's small one completes and a control takes the large one.
diag-large-handshake-local-summary = Browsers' TLS greetings are dropped on this network: a large greeting like theirs (about 1.7 KB, with a post-quantum key share) dies on the way to every site tried, controls included, while small ones complete.
diag-evidence-large-died = { $target }: the small handshake completed in { $small_ms } ms; a browser-shaped one (X25519MLKEM768 offered) { $failure } ({ $code }) after { $after_ms } ms
diag-evidence-large-control-ok = control { $target } completed the browser-shaped handshake (the server chose { $group })
diag-evidence-large-no-control = no control took a browser-shaped handshake, so the local network is not ruled out
diag-trace-fields-rejected = chatgpt.com/cdn-cgi/trace gave { $fields } in a shape the edge never writes; left out as unknown
