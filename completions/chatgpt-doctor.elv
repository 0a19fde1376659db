
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
            cand completions 'Print a shell completion script'
            cand schema 'Print the JSON Schema of the `--json` report'
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
        &'chatgpt-doctor;help'= {
            cand check 'Probe ChatGPT''s web, app and API endpoints and control targets, and print a layered verdict'
            cand completions 'Print a shell completion script'
            cand schema 'Print the JSON Schema of the `--json` report'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'chatgpt-doctor;help;check'= {
        }
        &'chatgpt-doctor;help;completions'= {
        }
        &'chatgpt-doctor;help;schema'= {
        }
        &'chatgpt-doctor;help;help'= {
        }
    ]
    $completions[$command]
}
