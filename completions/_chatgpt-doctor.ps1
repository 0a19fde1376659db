
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'chatgpt-doctor' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'chatgpt-doctor'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'chatgpt-doctor' {
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for the control lookups that OpenAI''s answers are compared with')
            [CompletionResult]::new('--edge-ranges', '--edge-ranges', [CompletionResultType]::ParameterName, 'Address ranges OpenAI''s edge answers from, one CIDR a line (default: Cloudflare''s published ranges); an answer outside them weighs as evidence of DNS tampering')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine''s programs take]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Probe ChatGPT''s web, app and API endpoints and control targets, and print a layered verdict')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Read OpenAI''s status page: indicator, components not operational, incidents, maintenance (exit 0 operational, 5 trouble reported, 7 unreadable)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Check the API key against the API (OPENAI_API_KEY or --api-key-file; OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID): valid, invalid, missing, restricted, organization mismatch, quota, rate limits')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of a `--json` output (default: the check report)')
            [CompletionResult]::new('dns', 'dns', [CompletionResultType]::ParameterValue, 'Look up one name like dig: A and AAAA separately, with TTLs and the resolver asked (exit 0 resolved, 8 not)')
            [CompletionResult]::new('tcp', 'tcp', [CompletionResultType]::ParameterValue, 'Connect to one host''s port over TCP, per address family (exit 0 connected, 8 not)')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'A TLS handshake with one host, like openssl s_client: version, ALPN, chain, both trust stores, and an SNI test when the handshake is reset or times out (exit 0 trusted, 8 not)')
            [CompletionResult]::new('http', 'http', [CompletionResultType]::ParameterValue, 'One GET with each phase timed as httpstat shows them: dns, tcp, tls, server processing, content transfer (exit 0 on any HTTP answer, 8 on none)')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'List the built-in targets of `check`, their surfaces and what each probe proves')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Run the check again and again and print a line whenever the verdict changes')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve Prometheus metrics over HTTP: `/metrics` (the latest check, refreshed every --interval) and `/probe?surface=web,api` (a fresh check of those surfaces); one check at a time')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Run the check and write a Markdown report (and its JSON) for a support ticket, secrets removed')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (generated from these definitions; see man/)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'chatgpt-doctor;check' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout, replacing it atomically (a temporary file in the same directory, then a rename): readers such as node_exporter never see half a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout, replacing it atomically (a temporary file in the same directory, then a rename): readers such as node_exporter never see half a file')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for the control lookups that OpenAI''s answers are compared with')
            [CompletionResult]::new('--edge-ranges', '--edge-ranges', [CompletionResultType]::ParameterName, 'Address ranges OpenAI''s edge answers from, one CIDR a line (default: Cloudflare''s published ranges); an answer outside them weighs as evidence of DNS tampering')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine''s programs take]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;status' {
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for the control lookups that OpenAI''s answers are compared with')
            [CompletionResult]::new('--edge-ranges', '--edge-ranges', [CompletionResultType]::ParameterName, 'Address ranges OpenAI''s edge answers from, one CIDR a line (default: Cloudflare''s published ranges); an answer outside them weighs as evidence of DNS tampering')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine''s programs take]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;auth' {
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for the control lookups that OpenAI''s answers are compared with')
            [CompletionResult]::new('--edge-ranges', '--edge-ranges', [CompletionResultType]::ParameterName, 'Address ranges OpenAI''s edge answers from, one CIDR a line (default: Cloudflare''s published ranges); an answer outside them weighs as evidence of DNS tampering')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine''s programs take]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;completions' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;schema' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;dns' {
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;tcp' {
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;tls' {
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--decoy-sni', '--decoy-sni', [CompletionResultType]::ParameterName, 'The SNI of the SNI test: when the handshake with the real name is reset or times out, the same address is tried with this name')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;http' {
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;endpoints' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;watch' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Seconds between checks after a change (fractions allowed, down to 0.001 for tests)')
            [CompletionResult]::new('--max-interval', '--max-interval', [CompletionResultType]::ParameterName, 'While the verdict stays the same, the wait doubles after each check up to this many seconds (a value at or below --interval turns the backing off off)')
            [CompletionResult]::new('--notify-command', '--notify-command', [CompletionResultType]::ParameterName, 'Run CMD on each change of verdict, with the verdict in CHATGPT_DOCTOR_* environment variables (run by `sh -c`, or `cmd /C` on Windows; it gets no other input)')
            [CompletionResult]::new('--max-runs', '--max-runs', [CompletionResultType]::ParameterName, 'Stop after this many checks and exit with the last verdict''s code')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for the control lookups that OpenAI''s answers are compared with')
            [CompletionResult]::new('--edge-ranges', '--edge-ranges', [CompletionResultType]::ParameterName, 'Address ranges OpenAI''s edge answers from, one CIDR a line (default: Cloudflare''s published ranges); an answer outside them weighs as evidence of DNS tampering')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine''s programs take]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('--until-healthy', '--until-healthy', [CompletionResultType]::ParameterName, 'Exit 0 as soon as the verdict is healthy')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Ring the terminal bell (on stderr) on each change of verdict')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'The address to listen on (HTTP; `/metrics` and `/probe?surface=…`)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Seconds between the checks behind `/metrics` (fractions allowed)')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for the control lookups that OpenAI''s answers are compared with')
            [CompletionResult]::new('--edge-ranges', '--edge-ranges', [CompletionResultType]::ParameterName, 'Address ranges OpenAI''s edge answers from, one CIDR a line (default: Cloudflare''s published ranges); an answer outside them weighs as evidence of DNS tampering')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine''s programs take]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;report' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The Markdown file to write; the JSON goes next to it (`.md` replaced by `.json`). `-` writes only the Markdown (or, with --json, only the JSON) to stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The Markdown file to write; the JSON goes next to it (`.md` replaced by `.json`). `-` writes only the Markdown (or, with --json, only the JSON) to stdout')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Timeout of each stage (dns, tcp, tls, http), in seconds')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (added to both the system and public stores)')
            [CompletionResult]::new('--doh-url', '--doh-url', [CompletionResultType]::ParameterName, 'DNS-over-HTTPS resolver for the control lookups that OpenAI''s answers are compared with')
            [CompletionResult]::new('--edge-ranges', '--edge-ranges', [CompletionResultType]::ParameterName, 'Address ranges OpenAI''s edge answers from, one CIDR a line (default: Cloudflare''s published ranges); an answer outside them weighs as evidence of DNS tampering')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'Deadline of the whole run, in seconds')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL')
            [CompletionResult]::new('--status-url', '--status-url', [CompletionResultType]::ParameterName, 'Base URL of the status page (default https://status.openai.com)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of HTTPS_PROXY / HTTP_PROXY / ALL_PROXY')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Probe only these surfaces (comma-separated); controls always run')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'Probe only this route: env (terminal tools and SDKs: the proxy variables and flags), system (browsers and the desktop app: the system proxy or its PAC file) or direct (no proxy) [default: every route this machine''s programs take]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('--anonymize', '--anonymize', [CompletionResultType]::ParameterName, 'Also replace your public IP address, private addresses, the system resolver''s addresses, this machine''s host name and your network''s domain names with placeholders')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Use IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Use IPv6 only')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit non-zero when the verdict is healthy but carries warnings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write every page into this directory instead (as committed under man/)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool, node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for `check` only')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the human output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en]. Codes and field names never change; JSON''s summary and advice follow only this flag')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the human output in columns, from 40 to 1000 [default: the terminal''s width, else COLUMNS; when neither is known, whole lines for scripts]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the verdict (no progress, no per-target table)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail: addresses, certificate chains, headers (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'chatgpt-doctor;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Probe ChatGPT''s web, app and API endpoints and control targets, and print a layered verdict')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Read OpenAI''s status page: indicator, components not operational, incidents, maintenance (exit 0 operational, 5 trouble reported, 7 unreadable)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Check the API key against the API (OPENAI_API_KEY or --api-key-file; OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID): valid, invalid, missing, restricted, organization mismatch, quota, rate limits')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of a `--json` output (default: the check report)')
            [CompletionResult]::new('dns', 'dns', [CompletionResultType]::ParameterValue, 'Look up one name like dig: A and AAAA separately, with TTLs and the resolver asked (exit 0 resolved, 8 not)')
            [CompletionResult]::new('tcp', 'tcp', [CompletionResultType]::ParameterValue, 'Connect to one host''s port over TCP, per address family (exit 0 connected, 8 not)')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'A TLS handshake with one host, like openssl s_client: version, ALPN, chain, both trust stores, and an SNI test when the handshake is reset or times out (exit 0 trusted, 8 not)')
            [CompletionResult]::new('http', 'http', [CompletionResultType]::ParameterValue, 'One GET with each phase timed as httpstat shows them: dns, tcp, tls, server processing, content transfer (exit 0 on any HTTP answer, 8 on none)')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'List the built-in targets of `check`, their surfaces and what each probe proves')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Run the check again and again and print a line whenever the verdict changes')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve Prometheus metrics over HTTP: `/metrics` (the latest check, refreshed every --interval) and `/probe?surface=web,api` (a fresh check of those surfaces); one check at a time')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Run the check and write a Markdown report (and its JSON) for a support ticket, secrets removed')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (generated from these definitions; see man/)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'chatgpt-doctor;help;check' {
            break
        }
        'chatgpt-doctor;help;status' {
            break
        }
        'chatgpt-doctor;help;auth' {
            break
        }
        'chatgpt-doctor;help;completions' {
            break
        }
        'chatgpt-doctor;help;schema' {
            break
        }
        'chatgpt-doctor;help;dns' {
            break
        }
        'chatgpt-doctor;help;tcp' {
            break
        }
        'chatgpt-doctor;help;tls' {
            break
        }
        'chatgpt-doctor;help;http' {
            break
        }
        'chatgpt-doctor;help;endpoints' {
            break
        }
        'chatgpt-doctor;help;watch' {
            break
        }
        'chatgpt-doctor;help;serve' {
            break
        }
        'chatgpt-doctor;help;report' {
            break
        }
        'chatgpt-doctor;help;man' {
            break
        }
        'chatgpt-doctor;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
