
use builtin;
use str;

set edit:completion:arg-completer[chatgpt-doctor] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'chatgpt-doctor'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'chatgpt-doctor'= {
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --cacert 'Also trust the CA certificates in this PEM file (added to both the system and public stores)'
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --doh-url 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)'
            cand --timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --connect-timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --max-time 'Deadline of the whole run, in seconds'
            cand --control 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL'
            cand --status-url 'Base URL of the status page (default https://status.openai.com)'
            cand --base-url 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)'
            cand --api-key-file 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)'
            cand --surface 'Probe only these surfaces (comma-separated); controls always run'
            cand --color 'When to colour the human output'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --strict 'Exit non-zero when the verdict is healthy but carries warnings'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Probe ChatGPT''s web, app and API endpoints and control targets, and print a layered verdict'
            cand status 'Read OpenAI''s status page: indicator, components not operational, incidents, maintenance (exit 0 operational, 5 trouble reported, 7 unreadable)'
            cand auth 'Check the API key against the API (OPENAI_API_KEY or --api-key-file; OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID): valid, invalid, missing, restricted, organization mismatch, quota, rate limits'
            cand completions 'Print a shell completion script'
            cand schema 'Print the JSON Schema of a `--json` output (default: the check report)'
            cand dns 'Look up one name like dig: A and AAAA separately, with TTLs and the resolver asked (exit 0 resolved, 8 not)'
            cand tcp 'Connect to one host''s port over TCP, per address family (exit 0 connected, 8 not)'
            cand tls 'A TLS handshake with one host, like openssl s_client: version, ALPN, chain, both trust stores, and an SNI test when the handshake is reset or times out (exit 0 trusted, 8 not)'
            cand http 'One GET with each phase timed as httpstat shows them: dns, tcp, tls, server processing, content transfer (exit 0 on any HTTP answer, 8 on none)'
            cand endpoints 'List the built-in targets of `check`, their surfaces and what each probe proves'
            cand watch 'Run the check again and again and print a line whenever the verdict changes'
            cand report 'Run the check and write a Markdown report (and its JSON) for a support ticket, secrets removed'
            cand man 'Print the man page (generated from these definitions; see man/)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'chatgpt-doctor;check'= {
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --cacert 'Also trust the CA certificates in this PEM file (added to both the system and public stores)'
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --doh-url 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)'
            cand --timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --connect-timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --max-time 'Deadline of the whole run, in seconds'
            cand --control 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL'
            cand --status-url 'Base URL of the status page (default https://status.openai.com)'
            cand --base-url 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)'
            cand --api-key-file 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)'
            cand --surface 'Probe only these surfaces (comma-separated); controls always run'
            cand --color 'When to colour the human output'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --strict 'Exit non-zero when the verdict is healthy but carries warnings'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;status'= {
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --cacert 'Also trust the CA certificates in this PEM file (added to both the system and public stores)'
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --doh-url 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)'
            cand --timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --connect-timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --max-time 'Deadline of the whole run, in seconds'
            cand --control 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL'
            cand --status-url 'Base URL of the status page (default https://status.openai.com)'
            cand --base-url 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)'
            cand --api-key-file 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)'
            cand --surface 'Probe only these surfaces (comma-separated); controls always run'
            cand --color 'When to colour the human output'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --strict 'Exit non-zero when the verdict is healthy but carries warnings'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;auth'= {
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --cacert 'Also trust the CA certificates in this PEM file (added to both the system and public stores)'
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --doh-url 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)'
            cand --timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --connect-timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --max-time 'Deadline of the whole run, in seconds'
            cand --control 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL'
            cand --status-url 'Base URL of the status page (default https://status.openai.com)'
            cand --base-url 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)'
            cand --api-key-file 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)'
            cand --surface 'Probe only these surfaces (comma-separated); controls always run'
            cand --color 'When to colour the human output'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --strict 'Exit non-zero when the verdict is healthy but carries warnings'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;completions'= {
            cand --color 'When to colour the human output'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;schema'= {
            cand --color 'When to colour the human output'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;dns'= {
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --timeout 'Timeout of each stage, in seconds'
            cand --connect-timeout 'Timeout of each stage, in seconds'
            cand --color 'When to colour the human output'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;tcp'= {
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --timeout 'Timeout of each stage, in seconds'
            cand --connect-timeout 'Timeout of each stage, in seconds'
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --color 'When to colour the human output'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;tls'= {
            cand --cacert 'Also trust the CA certificates in this PEM file (added to both the system and public stores)'
            cand --decoy-sni 'The SNI of the SNI test: when the handshake with the real name is reset or times out, the same address is tried with this name'
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --timeout 'Timeout of each stage, in seconds'
            cand --connect-timeout 'Timeout of each stage, in seconds'
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --color 'When to colour the human output'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;http'= {
            cand --cacert 'Also trust the CA certificates in this PEM file (added to both the system and public stores)'
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --timeout 'Timeout of each stage, in seconds'
            cand --connect-timeout 'Timeout of each stage, in seconds'
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --color 'When to colour the human output'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;endpoints'= {
            cand --color 'When to colour the human output'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;watch'= {
            cand --interval 'Seconds between checks after a change (fractions allowed, down to 0.001 for tests)'
            cand --max-interval 'While the verdict stays the same, the wait doubles after each check up to this many seconds (a value at or below --interval turns the backing off off)'
            cand --notify-command 'Run CMD on each change of verdict, with the verdict in CHATGPT_DOCTOR_* environment variables (run by `sh -c`, or `cmd /C` on Windows; it gets no other input)'
            cand --max-runs 'Stop after this many checks and exit with the last verdict''s code'
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --cacert 'Also trust the CA certificates in this PEM file (added to both the system and public stores)'
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --doh-url 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)'
            cand --timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --connect-timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --max-time 'Deadline of the whole run, in seconds'
            cand --control 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL'
            cand --status-url 'Base URL of the status page (default https://status.openai.com)'
            cand --base-url 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)'
            cand --api-key-file 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)'
            cand --surface 'Probe only these surfaces (comma-separated); controls always run'
            cand --color 'When to colour the human output'
            cand --until-healthy 'Exit 0 as soon as the verdict is healthy'
            cand --notify 'Ring the terminal bell (on stderr) on each change of verdict'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --strict 'Exit non-zero when the verdict is healthy but carries warnings'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;report'= {
            cand -o 'The Markdown file to write; the JSON goes next to it (`.md` replaced by `.json`). `-` writes only the Markdown (or, with --json, only the JSON) to stdout'
            cand --output 'The Markdown file to write; the JSON goes next to it (`.md` replaced by `.json`). `-` writes only the Markdown (or, with --json, only the JSON) to stdout'
            cand --resolve 'Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])'
            cand --connect-to 'Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl; an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)'
            cand --cacert 'Also trust the CA certificates in this PEM file (added to both the system and public stores)'
            cand --dns-server 'Resolve names with this DNS server instead of the system resolver (port 53 unless given)'
            cand --doh-url 'DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)'
            cand --timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --connect-timeout 'Timeout of each stage (dns, tcp, tls, http), in seconds'
            cand --max-time 'Deadline of the whole run, in seconds'
            cand --control 'A control target (repeatable); replaces the built-in controls. http:// or https:// URL'
            cand --status-url 'Base URL of the status page (default https://status.openai.com)'
            cand --base-url 'Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)'
            cand --api-key-file 'Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the command line)'
            cand --surface 'Probe only these surfaces (comma-separated); controls always run'
            cand --color 'When to colour the human output'
            cand --anonymize 'Also replace your public IP address, private addresses, the system resolver''s addresses, this machine''s host name and your network''s domain names with placeholders'
            cand -4 'Use IPv4 only'
            cand --ipv4 'Use IPv4 only'
            cand -6 'Use IPv6 only'
            cand --ipv6 'Use IPv6 only'
            cand --strict 'Exit non-zero when the verdict is healthy but carries warnings'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;man'= {
            cand --out-dir 'Write every page into this directory instead (as committed under man/)'
            cand --color 'When to colour the human output'
            cand --json 'Print one JSON document on stdout (schema: `chatgpt-doctor schema`)'
            cand -q 'Print only the verdict (no progress, no per-target table)'
            cand --quiet 'Print only the verdict (no progress, no per-target table)'
            cand -v 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand --verbose 'Show more detail: addresses, certificate chains, headers (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'chatgpt-doctor;help'= {
            cand check 'Probe ChatGPT''s web, app and API endpoints and control targets, and print a layered verdict'
            cand status 'Read OpenAI''s status page: indicator, components not operational, incidents, maintenance (exit 0 operational, 5 trouble reported, 7 unreadable)'
            cand auth 'Check the API key against the API (OPENAI_API_KEY or --api-key-file; OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID): valid, invalid, missing, restricted, organization mismatch, quota, rate limits'
            cand completions 'Print a shell completion script'
            cand schema 'Print the JSON Schema of a `--json` output (default: the check report)'
            cand dns 'Look up one name like dig: A and AAAA separately, with TTLs and the resolver asked (exit 0 resolved, 8 not)'
            cand tcp 'Connect to one host''s port over TCP, per address family (exit 0 connected, 8 not)'
            cand tls 'A TLS handshake with one host, like openssl s_client: version, ALPN, chain, both trust stores, and an SNI test when the handshake is reset or times out (exit 0 trusted, 8 not)'
            cand http 'One GET with each phase timed as httpstat shows them: dns, tcp, tls, server processing, content transfer (exit 0 on any HTTP answer, 8 on none)'
            cand endpoints 'List the built-in targets of `check`, their surfaces and what each probe proves'
            cand watch 'Run the check again and again and print a line whenever the verdict changes'
            cand report 'Run the check and write a Markdown report (and its JSON) for a support ticket, secrets removed'
            cand man 'Print the man page (generated from these definitions; see man/)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'chatgpt-doctor;help;check'= {
        }
        &'chatgpt-doctor;help;status'= {
        }
        &'chatgpt-doctor;help;auth'= {
        }
        &'chatgpt-doctor;help;completions'= {
        }
        &'chatgpt-doctor;help;schema'= {
        }
        &'chatgpt-doctor;help;dns'= {
        }
        &'chatgpt-doctor;help;tcp'= {
        }
        &'chatgpt-doctor;help;tls'= {
        }
        &'chatgpt-doctor;help;http'= {
        }
        &'chatgpt-doctor;help;endpoints'= {
        }
        &'chatgpt-doctor;help;watch'= {
        }
        &'chatgpt-doctor;help;report'= {
        }
        &'chatgpt-doctor;help;man'= {
        }
        &'chatgpt-doctor;help;help'= {
        }
    ]
    $completions[$command]
}
