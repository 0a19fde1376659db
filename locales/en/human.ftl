# chatgpt-doctor — English. The terminal report of `check`, `status` and `auth`.

## The report's head and table

human-header = { $tool } { $version } — { $targets ->
        [one] 1 target
       *[other] { $targets } targets
    } in { $duration }
human-col-surface = surface
human-col-target = target
human-col-result = result
human-compact-result = { $surface }: { $result }
human-via-proxy = (via { $proxy })
human-no-answer = no answer
human-stage-not-run = not run: { $reason }
# A stage that failed: "tcp: connection refused (connection_refused) after 3 ms"
human-stage-failed = { $stage }: { $what } ({ $code }) after { $duration }
human-stage-note = { $stage }: { $detail }
human-dns-lookup = { $record } { $query } via { $source }: { $answers }
human-tls-line = tls { $version } { $alpn } sni={ $sni } system store: { $system } public store: { $public }
human-cert-line = { $subject } ← { $issuer } (until { $until })
human-body = body: { $excerpt }
human-evidence = Evidence
human-verdict = Verdict:
human-verdict-line = { $head } { $summary } { $code }
# A bold label and its value: "Key: from OPENAI_API_KEY → valid"
human-labelled = { $label } { $value }
human-edge = edge: OpenAI's edge sees you at { $ip } in { $loc } (data centre { $colo }, WARP { $warp })
human-api-key = api key: { $line }

## Names as apps resolve them, beside what DNS answers

human-views-differ = Names as your apps resolve them differ from what DNS answers:
human-views-all = Names as your apps resolve them, and as DNS answers them:
# $os: what the OS resolver (what apps use) gave; $configured: what the DNS servers answered.
human-view-answers = apps: { $os }  ·  DNS servers: { $configured }
# $lines: line numbers, joined.
human-view-from-hosts = {" "}(from { $file } line { $lines })
human-view-doh = DoH { $resolver } { $record }: { $answers }

## Surfaces, stores, stages: words for codes

surface-web = web
surface-app = app
surface-api = api
surface-auth = auth
surface-assets = assets
surface-status = status
surface-control = control
store-trusted = trusted
store-rejected = rejected
store-not_checked = not checked

## HTTP answers: status, who answered, what it means

http-answer = { $status } { $responder ->
        [origin] OpenAI
        [edge] edge
       *[server] server
    }: { $kind ->
        [origin_answer] origin reached
        [edge_challenge] challenge (cf-mitigated)
        [edge_blocked] this client is blocked by the edge
        [edge_rate_limited] this address is rate-limited by the edge (1015)
        [app_edge_blocked] the app edge refuses this ISP or VPN
        [region_blocked] region not supported
        [edge_origin_error] edge reached, origin failing
        [origin_error] OpenAI server error
        [server_error] server error
        [not_openai] not OpenAI's answer
       *[answer] answered
    }

## The status page

human-status-page = status page: { $headline }
human-page-unreadable = could not be read
# The page's own description (in English, from OpenAI) and its indicator code.
human-page-headline = { $description } (indicator: { $indicator })
human-page-no-description = no description
human-component = { $group } { $name } { $status }
human-incident = incident: { $name } [{ $status }{ $impact ->
        [none] {""}
        [unknown] {""}
       *[other] , { $impact }
    }]{ $since ->
        [unknown] {""}
       *[other] { " " }since { $since }
    }
human-incident-latest = latest{ $at ->
        [unknown] {""}
       *[other] { " " }({ $at })
    }: { $update }
human-maintenance = maintenance { $state ->
        [in_progress] in progress
       *[scheduled] scheduled
    }: { $name }{ $from ->
        [unknown] {""}
       *[other] { $until ->
            [unknown] { " " }(from { $from })
           *[other] { " " }({ $from } – { $until })
        }
    }
human-status-title = OpenAI status:
human-status-not-probed = The status page was not probed.
human-status-no-document = no status document was understood
human-status-unreadable-advice = A status page that cannot be read says something about the network, not about OpenAI: run `chatgpt-doctor check`.
human-status-all-clear = every component operational, no incident, no maintenance
human-status-sources = read from: { $sources }

## Status codes from the status page (shown when the page uses them)

status-operational = operational
status-degraded_performance = degraded performance
status-partial_outage = partial outage
status-major_outage = major outage
status-full_outage = full outage
status-under_maintenance = under maintenance
status-investigating = investigating
status-identified = identified
status-monitoring = monitoring
status-resolved = resolved
status-postmortem = postmortem
status-minor = minor
status-major = major
status-critical = critical
status-maintenance = maintenance
status-chatgpt = ChatGPT
status-api = API
status-other = other

## The API key

key-valid = valid
key-restricted = valid but restricted
key-invalid = invalid
key-missing = missing
key-org_mismatch = organization mismatch
key-quota_exhausted = quota exhausted
key-rate_limited = rate limited
key-region_blocked = region blocked
key-edge_refused = refused by the edge
key-server_error = server error
key-unexpected = unexpected answer
key-not_sent = not sent
key-not_checked = not checked
human-key-line = from { $source } → { $status }
human-key-http = { " " }(HTTP { $code })
human-key-organization = , organization { $organization }
human-key-scopes = , missing scopes: { $scopes }
human-key-limits = , { $limits }
human-key-request = , request { $id }
human-auth-api-label = API:
human-auth-api = { $label } { $url } ({ $source })
human-auth-key = Key:
human-auth-none = none configured
human-auth-default = default
human-auth-sent = sent: { $headers }
human-auth-said = the API said: { $message }

## Progress on stderr

human-progress = probing { $done }/{ $total } targets
# $stage: dns, tcp, tls or http; $whose: openai (all of them), controls (none) or some.
human-progress-waiting = waiting for { $count } { $stage ->
        [dns] DNS { $count ->
            [one] lookup
           *[other] lookups
        }
        [tcp] TCP { $count ->
            [one] connection
           *[other] connections
        }
        [tls] TLS { $count ->
            [one] handshake
           *[other] handshakes
        }
       *[http] HTTP { $count ->
            [one] answer
           *[other] answers
        }
    }{ $whose ->
        [openai] { $stage ->
            [dns] { $count ->
                [one] { " " }of an OpenAI name
               *[other] { " " }of OpenAI names
            }
            [tcp] { " " }to OpenAI
            [tls] { " " }with OpenAI
           *[http] { " " }from OpenAI
        }
        [controls] { $stage ->
            [dns] { " " }of the controls' names
            [tcp] { " " }to the controls
            [tls] { " " }with the controls
           *[http] { " " }from the controls
        }
       *[some] { $stage ->
            [dns] , { $openai } of them for OpenAI
            [tcp] , { $openai } of them to OpenAI
            [tls] , { $openai } of them with OpenAI
           *[http] , { $openai } of them from OpenAI
        }
    } · { $elapsed } of { $allowed }
# The routes of this machine's programs, when more than one was probed.
human-routes = Routes of your programs:
# $programs: terminal_tools_and_sdks or browsers_and_desktop_app.
human-programs = { $programs ->
        [browsers_and_desktop_app] browsers and the desktop app
       *[terminal_tools_and_sdks] terminal tools and SDKs
    }
# $way: "direct" or host:port; $source: what decided it; $summary: that route's verdict.
human-route-line = { $programs } ({ $way ->
        [direct] direct
       *[other] through { $way }
    }, from { $source }): { $summary }
human-when = { $time } { $zone }, { $age }
human-when-no-age = { $time } { $zone }
human-age-now = just now
# $unit: minutes, hours or days; $direction: ago or ahead.
human-age = { $direction ->
        [ahead] in { $n } { $unit ->
            [minutes] { $n ->
                [one] minute
               *[other] minutes
            }
            [hours] { $n ->
                [one] hour
               *[other] hours
            }
           *[days] { $n ->
                [one] day
               *[other] days
            }
        }
       *[ago] { $n } { $unit ->
            [minutes] { $n ->
                [one] minute
               *[other] minutes
            }
            [hours] { $n ->
                [one] hour
               *[other] hours
            }
           *[days] { $n ->
                [one] day
               *[other] days
            }
        } ago
    }
