# chatgpt-doctor — English. Messages shared by every view: lists, layers, causes and their
# advice, failure strings in words. Ids are stable; the words may change.
#
# Advice: one line per step, most useful first (each line of a multi-line value is one step).

## Lists

list-separator = {", "}
list-and = { $head } and { $last }
list-and-more = { $head } and { $more } more

## Layers

layer-machine = machine
layer-local_network = local network
layer-path = path
layer-service = service
layer-account = account

## Causes: a short name for each code

cause-healthy = healthy
cause-inconclusive = inconclusive
cause-clock_skew = clock skew
cause-proxy_unreachable = proxy unreachable
cause-proxy_misconfigured = proxy misconfigured
cause-hosts_override = hosts file overrides OpenAI
cause-offline = offline
cause-dns_resolver_down = DNS resolver down
cause-captive_portal = captive portal
cause-proxy_denied = proxy denies OpenAI
cause-proxy_auth_required = proxy wants credentials
cause-tls_intercepted = HTTPS intercepted
cause-network_slow = network slow
cause-dns_tampered = DNS answers forged
cause-dns_blocked = DNS blocked
cause-tcp_blocked = connections blocked
cause-sni_filtered = TLS filtered by name (SNI)
cause-tls_failed = TLS failed
cause-ipv6_broken = IPv6 broken
cause-region_blocked = region not supported
cause-edge_challenge = refused by OpenAI's edge
cause-path_slow = path to OpenAI slow
cause-unexpected_answer = something else answered for OpenAI
cause-sni_throttled = throttled by name (SNI)
cause-large_handshake_blocked = browsers' large TLS handshake blocked
cause-service_outage = OpenAI outage
cause-service_degraded = OpenAI degraded
cause-service_errors = OpenAI server errors
cause-maintenance = OpenAI maintenance
cause-api_key_invalid = API key invalid
cause-api_key_missing = API key missing
cause-api_key_restricted = API key restricted
cause-org_mismatch = organization mismatch
cause-quota_exhausted = quota exhausted
cause-rate_limited = rate limited
cause-controls_failed = control targets failed
cause-trust_store_problem = trust store problem
cause-status_page_unreachable = status page unreachable
cause-deadline_reached = run deadline reached
cause-ipv6_unavailable = no IPv6
cause-key_not_checked = API key not checked
cause-browser_route_differs = browsers take another way
cause-tunnel_fake_ip = fake-ip answers from a TUN proxy

## Advice per cause

advice-healthy =
    If ChatGPT still fails for you, the problem is in the app or browser: sign out and in, clear the site's data, or try a private window.
    Run `chatgpt-doctor check -v` to see every stage's timings and answers.
advice-inconclusive =
    Run again with -v to see each stage; compare with another network (a phone hotspot).
    Add a control you know works here with --control URL (an IP literal such as https://1.1.1.1/ helps tell DNS from the link).
advice-offline =
    Check the cable or Wi-Fi connection, then the router; other devices on the same network will tell whether the network or this computer is at fault.
    If you use a VPN, disconnect and reconnect it.
    Nothing at OpenAI can be judged until the connection is back.
advice-dns_resolver_down =
    Your DNS resolver does not answer. Restart the router, or set a public resolver (for example 1.1.1.1 or 9.9.9.9) in your network settings.
    On Linux, `resolvectl status` (systemd-resolved) or /etc/resolv.conf shows which resolver is used; on macOS, `scutil --dns`; on Windows, `ipconfig /all`.
advice-dns_blocked =
    Your network's resolver will not resolve OpenAI's names. Try another resolver (1.1.1.1, 9.9.9.9) or encrypted DNS (DNS-over-HTTPS) in your browser or OS.
    If this is a company or school network, its policy may block ChatGPT: ask its administrators.
advice-tcp_blocked =
    Something between you and OpenAI refuses or drops connections to its addresses: a firewall, your ISP, or a national filter.
    On a company or school network, ask its administrators; elsewhere, try another network (a phone hotspot) to confirm.
advice-tls_failed =
    OpenAI's certificate did not verify. Check that this computer's date and time are right.
    If a security product or company proxy inspects HTTPS, its certificate must be installed; otherwise the answer may be forged: do not enter passwords.
    Run `chatgpt-doctor check -v` to see the certificate chain that was presented.
advice-service_errors =
    OpenAI's servers are failing for at least some requests; this is not your network. Check https://status.openai.com and retry in a few minutes.
    If only one surface fails, use another meanwhile (the web, the app or the API).
advice-proxy_unreachable =
    The proxy this computer is set to use does not answer. Check HTTPS_PROXY / https_proxy and the system's proxy settings (macOS: System Settings → Network → Details → Proxies; Windows: Settings → Network & internet → Proxy): a stale value from another network is common.
    If you are not supposed to use a proxy here, unset the variables (or use --proxy "" to test without one).
advice-proxy_misconfigured =
    Make the proxy variables agree: set HTTPS_PROXY and https_proxy to the same value (or unset one); tools read different ones. Write each as a full URL with scheme and port.
    Windows (PowerShell): $env:HTTPS_PROXY = "http://proxy:8080"; macOS and Linux: export HTTPS_PROXY=http://proxy:8080.
advice-proxy_auth_required =
    The proxy wants you to sign in: put the user name and password in the proxy URL (http://user:pass@proxy:port) or use the credentials your IT department provides.
    Many tools cannot answer a Negotiate/NTLM proxy (-v shows what it asks for): a local helper such as cntlm or px may be needed.
advice-proxy_denied =
    Your network's proxy has a rule against OpenAI. On a company or school network, ask its administrators; the proxy's block page (shown with -v) may say whom to ask.
    Tools that bypass the proxy will not get through either if the network forces all traffic through it.
advice-hosts_override =
    A line in this computer's hosts file sends OpenAI's names to an address that is not OpenAI's (the evidence names the file and the line). Ad blockers, "privacy" tools, accelerators and old guides write such lines.
    Remove the line, or put # at its start, as an administrator: on Linux and macOS `sudo nano /etc/hosts`; on Windows, open C:\Windows\System32\drivers\etc\hosts in Notepad run as administrator.
    If a blocker or another program wrote the line, allow chatgpt.com and openai.com in it, or it writes the line again.
    Then clear the DNS cache and restart the browser: Windows `ipconfig /flushdns`; macOS `sudo dscacheutil -flushcache; sudo killall -HUP mDNSResponder`; Linux with systemd-resolved `resolvectl flush-caches`.
advice-dns_tampered =
    Your DNS answers for OpenAI are forged (a national filter or a tampering resolver). Use encrypted DNS (DNS-over-HTTPS or DNS-over-TLS) in your browser or OS, or a VPN that carries DNS.
    `chatgpt-doctor check -v` shows the forged addresses and what the independent resolvers answered.
advice-clock_skew =
    Set this computer's clock right: turn on automatic time (NTP) in the date and time settings, then run the check again.
    Certificates are checked against the local clock: with a wrong clock every secure site looks broken.
advice-captive_portal =
    Open a browser and go to any http:// site (for example http://captive.apple.com): the network's login page should appear; sign in or accept its terms.
    Until then nothing beyond this network is reachable, OpenAI included.
advice-tls_intercepted =
    A security product or company proxy decrypts HTTPS. Browsers work because its CA is in this computer's store; tools with their own CA bundle must be given it:
    Python (requests, httpx, the OpenAI SDK): REQUESTS_CA_BUNDLE / SSL_CERT_FILE pointing at a bundle that includes the company CA.
    Node.js: NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem. curl and many others: SSL_CERT_FILE or --cacert.
    If you did not expect interception (no company device or antivirus), treat the network as hostile and do not sign in.
advice-sni_filtered =
    A filter reads the site name in the TLS handshake and blocks OpenAI's. Your network or country censors ChatGPT; a VPN or a proxy that tunnels TLS is the usual way around it, where legal.
    Encrypted Client Hello (ECH) hides the name where both browser and site support it.
advice-ipv6_broken =
    IPv6 is configured but does not reach OpenAI. Fix the IPv6 route (router, ISP), or turn IPv6 off on this computer until it is fixed.
    With a VPN or proxy that carries only IPv4, IPv6 traffic leaks around it: turn IPv6 off or use a VPN that handles it.
advice-ipv6_unavailable =
    Nothing to do: this machine has no IPv6 route, so IPv4 is used, as it should be.
advice-network_slow =
    Every site is slow from here: move closer to the Wi-Fi access point, stop large downloads, or try another network.
advice-path_slow =
    Only the way to OpenAI is slow: a VPN exit far away or a congested route; try without the VPN or from another network.
advice-unexpected_answer =
    The answers on OpenAI's names are not OpenAI's: a block page, a proxy's or firewall's deny page, a login page, or a body that never ends. The page's title and server (in the evidence) say who put it there.
    At work or school, ask the network's administrators to allow chatgpt.com, openai.com and oaistatic.com. At home, your provider or a parental-control or security filter (router, antivirus) blocks them: turn the filter off for these sites, or use another network.
    If you set OPENAI_BASE_URL or a gateway, check that it points at an OpenAI-compatible API.
advice-sni_throttled =
    Something on the path slows down connections that name OpenAI's sites, while the same servers answer fast under another name: throttling keyed by the name (SNI), as done to other services by some providers and firewalls.
    Another network (mobile data), a VPN that tunnels TLS, or Encrypted Client Hello where the browser and site support it avoid it. Complain to your provider with the figures in the evidence.
advice-large_handshake_blocked =
    Browsers now send a large TLS greeting (a post-quantum key share, about 1.7 KB in two packets); a router, firewall or VPN on the way drops it, while small greetings pass. Update the firmware of your router or firewall; check MTU/MSS clamping on VPNs and PPPoE links (an MTU of 1,400 or clamping the MSS usually fixes it).
    Stopgap: turn the post-quantum key share off in the browser — Chrome/Edge: chrome://flags → "TLS 1.3 post-quantum key agreement" (or the PostQuantumKeyAgreementEnabled policy) set to Disabled; Firefox: about:config → security.tls.enable_kyber = false. Turn it back on when the network is fixed.
advice-region_blocked =
    OpenAI does not serve the country your connection appears to come from. Its list of supported countries: https://platform.openai.com/docs/supported-countries.
    If you are in a supported country, your traffic leaves elsewhere: check VPNs and proxies, and that IPv6 traffic and logins (auth.openai.com) go the same way as the rest.
advice-edge_challenge =
    OpenAI's edge (Cloudflare) distrusts this connection's address: VPNs, proxies and datacenter addresses are the usual reason. Turn the VPN off or change its exit, or use another network.
    Retrying from the same address will not help. A browser may pass a challenge that apps and the API cannot.
    If the app alone is refused while the web works, the app's QUIC (UDP) traffic may bypass your VPN or proxy.
advice-service_outage =
    OpenAI has an outage that its status page confirms; nothing on your side will fix it. Follow https://status.openai.com for updates.
    If another surface still works (see above), use it meanwhile.
advice-service_degraded =
    OpenAI reports degraded service; errors may come and go. Retry with backoff, and follow https://status.openai.com.
advice-maintenance =
    OpenAI is under maintenance; see https://status.openai.com for when it ends.
advice-api_key_invalid =
    Create a new key at https://platform.openai.com/api-keys and set OPENAI_API_KEY to it; check for stray quotes or spaces.
    If you use a relay or gateway (OPENAI_BASE_URL), the key must be one it accepts.
advice-api_key_missing =
    Set OPENAI_API_KEY (macOS and Linux: export OPENAI_API_KEY=sk-...; Windows PowerShell: $env:OPENAI_API_KEY = "sk-...") or pass --api-key-file FILE. A key is never taken on the command line.
advice-api_key_restricted =
    The key works but lacks permissions for some endpoints: give it the scopes it needs at https://platform.openai.com/api-keys, or use an unrestricted key.
advice-org_mismatch =
    OPENAI_ORG_ID names an organization the key does not belong to: unset it, or set the organization shown for the key at https://platform.openai.com/settings/organization.
advice-quota_exhausted =
    The account has no quota left: add credit or raise limits at https://platform.openai.com/settings/organization/billing. Retrying will not help.
advice-rate_limited =
    Wait for the time in retry-after / x-ratelimit-reset-* above, then retry with exponential backoff; or request higher limits.
advice-controls_failed =
    A control target failed while OpenAI worked: the control may be blocked here. Choose one that works on this network with --control URL.
advice-trust_store_problem =
    Repair the system's CA certificates (Debian/Ubuntu: sudo apt install --reinstall ca-certificates; macOS: Keychain Access → System Roots), or point SSL_CERT_FILE at a bundle.
advice-status_page_unreachable =
    The status page could not be read from here; open https://status.openai.com from another network or your phone.
advice-deadline_reached =
    Give the run more time with --max-time SECONDS, or run `chatgpt-doctor check -v` to see which stage was slow.
advice-key_not_checked =
    Run `chatgpt-doctor auth -v` to see why the key could not be checked.
advice-browser_route_differs =
    This check went the way terminal tools and SDKs go (the proxy variables); browsers and the desktop app follow the system proxy. To check their way, run again with its proxy: chatgpt-doctor check --proxy http://HOST:PORT (the warning names it).
    To make terminal tools take the browsers' way, set HTTPS_PROXY to the same proxy; Node.js also needs NODE_USE_ENV_PROXY=1.
advice-tunnel_fake_ip =
    A TUN-mode proxy (Clash, mihomo, sing-box) answers names with placeholder addresses and carries the connections itself: if OpenAI fails, look at the proxy's upstream (its node or subscription), its rules for openai.com and chatgpt.com, and its log.
    To test without it, turn its TUN mode off and run the check again.

## Failure strings in words (the codes themselves never change)

failure-dns_nxdomain_error = the name does not exist (NXDOMAIN)
failure-dns_no_answer = the resolver returned no address
failure-dns_refused_error = the resolver refused the query
failure-dns_servfail_error = the resolver failed (SERVFAIL)
failure-dns_temporary_failure = no resolver could be asked
failure-dns_bogon_error = the answer is a private or reserved address
failure-generic_timeout_error = timed out
failure-connection_refused = connection refused
failure-connection_reset = connection reset
failure-host_unreachable = host unreachable
failure-network_unreachable = network unreachable
failure-proxy_auth_required = the proxy wants credentials (407)
failure-proxy_denied = the proxy refused the destination
failure-proxy_error = the proxy failed
failure-ssl_invalid_hostname = the certificate is for another name
failure-ssl_unknown_authority = the certificate's issuer is not trusted
failure-ssl_invalid_certificate = the certificate is invalid (expired, not yet valid or malformed)
failure-ssl_failed_handshake = the TLS handshake failed
failure-eof_error = the connection was closed
failure-http_invalid_response = the HTTP answer was malformed or too large
failure-unknown_failure = an unexpected error

## Why a stage did not run (the codes themselves never change)

skip-deadline = the run deadline (--max-time) was reached
skip-no_address_in_family = no address in the allowed address family (-4/-6)
skip-tcp_failed = tcp did not connect
skip-proxy_tcp_failed = tcp to the proxy did not connect
skip-proxy_failed = the proxy did not open a tunnel
skip-tls_failed = tls did not complete with a trusted certificate
skip-not_verified = not sent: the API key goes only over TLS that the public trust store verifies (this connection is trusted only by the system store: it may be intercepted)
skip-plain_http = not sent: the API key goes over plain http only to a loopback address
skip-dns_server_chosen = not asked: --dns-server chose the resolver
