//! `--format prometheus`: the report as OpenMetrics text (what node_exporter's textfile collector
//! and Prometheus read), encoded by the `prometheus-client` crate.
//!
//! Names follow blackbox_exporter where it has one (`probe_success`, `probe_duration_seconds`,
//! `probe_dns_lookup_time_seconds`, `probe_http_duration_seconds{phase}`, `probe_http_status_code`,
//! `probe_ssl_earliest_cert_expiry`), with a `target` and `surface` label per probed target and
//! `family` where a stage ran per address family. What blackbox_exporter lacks is prefixed
//! `chatgpt_doctor_`: every stage's success and duration, the verdict's layer and cause as an info
//! metric, the exit code.

use prometheus_client::collector::Collector;
use prometheus_client::encoding::DescriptorEncoder;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;

use crate::probe::Family;
use crate::report::{Report, StageName, StageReport, StageStatus, TargetReport};

/// The two exposition formats: what promtool, node_exporter's textfile collector and the
/// Pushgateway read (text 0.0.4), and what Prometheus asks for when it scrapes (OpenMetrics 1.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposition {
    /// The Prometheus text format 0.0.4: an info metric is a gauge named `…_info` with value 1,
    /// as the client libraries write it; no `# EOF`.
    Text004,
    /// OpenMetrics 1.0: the info type, `# EOF`.
    OpenMetrics,
}

impl Exposition {
    /// The `Content-Type` of this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Exposition::Text004 => "text/plain; version=0.0.4; charset=utf-8",
            Exposition::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
        }
    }

    /// The format a scrape's `Accept` header asks for, as the Prometheus client libraries choose:
    /// OpenMetrics when it is accepted (with a non-zero quality), else text 0.0.4.
    pub fn negotiate(accept: Option<&str>) -> Exposition {
        let wants_openmetrics = accept.is_some_and(|a| {
            a.split(',').any(|part| {
                let mut params = part.split(';').map(str::trim);
                let media = params.next().unwrap_or_default();
                let q_zero = params.any(|p| {
                    p.strip_prefix("q=")
                        .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
                });
                media.eq_ignore_ascii_case("application/openmetrics-text") && !q_zero
            })
        });
        if wants_openmetrics {
            Exposition::OpenMetrics
        } else {
            Exposition::Text004
        }
    }
}

type Labels = Vec<(&'static str, String)>;

/// How a metric's samples are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Gauge,
    /// A gauge whose values are whole numbers (exit codes, timestamps).
    IntGauge,
    /// An info metric: the labels are the point, the value is always 1.
    Info,
}

/// One metric family and its samples, in the order they were set (the report's target order).
#[derive(Debug)]
struct Metric {
    name: &'static str,
    help: &'static str,
    kind: Kind,
    samples: Vec<(Labels, f64)>,
}

impl Metric {
    fn new(name: &'static str, kind: Kind, help: &'static str) -> Metric {
        Metric {
            name,
            help,
            kind,
            samples: Vec::new(),
        }
    }

    /// Sets the sample with these labels (a second value for the same labels replaces the first).
    /// Every label value passes [`crate::safe_text::label_value`] here, the one way in.
    fn set(&mut self, labels: Labels, value: f64) {
        let labels: Labels = labels
            .into_iter()
            .map(|(k, v)| (k, crate::safe_text::label_value(&v).into_owned()))
            .collect();
        match self.samples.iter_mut().find(|(l, _)| *l == labels) {
            Some(sample) => sample.1 = value,
            None => self.samples.push((labels, value)),
        }
    }
}

/// Every metric of one report, encoded by prometheus-client (OpenMetrics) in a stable order.
#[derive(Debug)]
struct Metrics {
    metrics: Vec<Metric>,
}

impl Collector for Metrics {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        for m in self.metrics.iter().filter(|m| !m.samples.is_empty()) {
            let metric_type = match m.kind {
                Kind::Gauge | Kind::IntGauge => MetricType::Gauge,
                Kind::Info => MetricType::Info,
            };
            let mut family = encoder.encode_descriptor(m.name, m.help, None, metric_type)?;
            for (labels, value) in &m.samples {
                let mut sample = family.encode_family(labels)?;
                match m.kind {
                    Kind::Gauge => sample.encode_gauge(value)?,
                    Kind::IntGauge => sample.encode_gauge(&(*value as i64))?,
                    Kind::Info => sample.encode_info(&Vec::<(&str, String)>::new())?,
                }
            }
        }
        Ok(())
    }
}

/// The per-target metrics, filled from the report's targets.
struct Targets {
    success: Metric,
    duration: Metric,
    dns_lookup: Metric,
    http_duration: Metric,
    http_status: Metric,
    cert_expiry: Metric,
    stage_success: Metric,
    stage_duration: Metric,
}

impl Targets {
    fn new() -> Targets {
        Targets {
            success: Metric::new(
                "probe_success",
                Kind::Gauge,
                "Whether the target answered over HTTP for some address family (1) or not (0)",
            ),
            duration: Metric::new(
                "probe_duration_seconds",
                Kind::Gauge,
                "How long the target's probe took: the DNS lookup, then the slowest address family's stages",
            ),
            dns_lookup: Metric::new(
                "probe_dns_lookup_time_seconds",
                Kind::Gauge,
                "How long the DNS lookup (A and AAAA) took",
            ),
            http_duration: Metric::new(
                "probe_http_duration_seconds",
                Kind::Gauge,
                "Duration of each phase of the HTTP probe per address family (resolve, connect, tls, processing, transfer)",
            ),
            http_status: Metric::new(
                "probe_http_status_code",
                Kind::Gauge,
                "The HTTP status code of the answer, per address family",
            ),
            cert_expiry: Metric::new(
                "probe_ssl_earliest_cert_expiry",
                Kind::IntGauge,
                "When the earliest-expiring certificate of the presented chain expires, in seconds since the epoch",
            ),
            stage_success: Metric::new(
                "chatgpt_doctor_stage_success",
                Kind::Gauge,
                "Whether a stage (dns, tcp, proxy, tls, http) succeeded (1) or failed or was skipped (0)",
            ),
            stage_duration: Metric::new(
                "chatgpt_doctor_stage_duration_seconds",
                Kind::Gauge,
                "How long a stage (dns, tcp, proxy, tls, http) took",
            ),
        }
    }

    fn target(&mut self, t: &TargetReport) {
        let base: Labels = vec![
            ("target", t.name.clone()),
            ("surface", t.surface.as_str().to_string()),
        ];
        self.success.set(base.clone(), if t.ok { 1.0 } else { 0.0 });
        let dns = t.stages.iter().find(|s| s.stage == StageName::Dns);
        let dns_ms = dns.and_then(|s| s.duration_ms);
        if let Some(d) = dns_ms {
            self.dns_lookup.set(base.clone(), seconds(d));
        }
        if let Some(d) = dns {
            // One lookup covers both families: an empty `family` keeps the family's label names
            // the same on every sample (Prometheus treats an empty label as absent).
            let mut labels = base.clone();
            labels.push(("family", String::new()));
            labels.push(("stage", StageName::Dns.as_str().to_string()));
            self.stage_success.set(
                labels.clone(),
                if d.status == StageStatus::Ok { 1.0 } else { 0.0 },
            );
            if let Some(ms) = d.duration_ms {
                self.stage_duration.set(labels, seconds(ms));
            }
        }
        // The probe's duration: the lookup, then the slowest address family's stages (they run
        // concurrently), body included.
        let mut slowest_family_ms: f64 = 0.0;
        for family in [Family::Ipv4, Family::Ipv6] {
            let stages: Vec<&StageReport> = t.stages.iter().filter(|s| s.family == Some(family)).collect();
            if stages.is_empty() {
                continue;
            }
            let with_family = |extra: Option<(&'static str, &str)>| -> Labels {
                let mut l = base.clone();
                l.push(("family", family.as_str().to_string()));
                if let Some((k, v)) = extra {
                    l.push((k, v.to_string()));
                }
                l
            };
            let mut total_ms = 0.0;
            for s in &stages {
                let labels = with_family(Some(("stage", s.stage.as_str())));
                self.stage_success.set(
                    labels.clone(),
                    if s.status == StageStatus::Ok { 1.0 } else { 0.0 },
                );
                if let Some(d) = s.duration_ms {
                    self.stage_duration.set(labels, seconds(d));
                    total_ms += d;
                }
                if let Some(h) = &s.http {
                    total_ms += h.body_ms;
                }
            }
            slowest_family_ms = slowest_family_ms.max(total_ms);
            let phase = |p: &str| with_family(Some(("phase", p)));
            if let Some(d) = dns_ms {
                self.http_duration.set(phase("resolve"), seconds(d));
            }
            for s in &stages {
                let Some(d) = s.duration_ms else { continue };
                match s.stage {
                    StageName::Tcp => self.http_duration.set(phase("connect"), seconds(d)),
                    StageName::Tls => self.http_duration.set(phase("tls"), seconds(d)),
                    StageName::Http => {
                        // The http stage ends at the response head (time to first byte after TLS);
                        // reading the body is the transfer.
                        self.http_duration.set(phase("processing"), seconds(d));
                        if let Some(h) = &s.http {
                            self.http_duration.set(phase("transfer"), seconds(h.body_ms));
                        }
                    }
                    StageName::Dns | StageName::Proxy => {}
                }
            }
            for s in &stages {
                if let Some(h) = &s.http {
                    self.http_status.set(with_family(None), f64::from(h.status));
                }
                if let Some(expiry) = s
                    .tls
                    .as_ref()
                    .and_then(|tls| tls.chain.iter().filter_map(|c| unix_time(&c.not_after)).min())
                {
                    self.cert_expiry.set(with_family(None), expiry as f64);
                }
            }
        }
        self.duration
            .set(base, seconds(dns_ms.unwrap_or(0.0) + slowest_family_ms));
    }
}

/// Milliseconds as seconds, to the microsecond (the report's precision), without float noise.
fn seconds(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1e6
}

/// Seconds since the epoch of an RFC 3339 time (as the report writes certificate dates).
fn unix_time(rfc3339: &str) -> Option<i64> {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(time::OffsetDateTime::unix_timestamp)
}

/// The report in `format`: OpenMetrics (ending in `# EOF`) or the text format 0.0.4.
pub fn render(r: &Report, format: Exposition) -> String {
    let metrics = metrics(r);
    match format {
        Exposition::Text004 => text_004(&metrics),
        Exposition::OpenMetrics => {
            let mut registry = Registry::default();
            registry.register_collector(Box::new(Metrics { metrics }));
            let mut out = String::new();
            if encode(&mut out, &registry).is_err() {
                // Encoding into a String cannot fail; keep the output a valid, empty exposition.
                out = "# EOF\n".to_string();
            }
            out
        }
    }
}

/// Every metric of the report, in the order they are written.
fn metrics(r: &Report) -> Vec<Metric> {
    let mut targets = Targets::new();
    for t in &r.targets {
        targets.target(t);
    }
    let mut verdict = Metric::new(
        "chatgpt_doctor_verdict",
        Kind::Info,
        "The verdict: the failing layer (none when healthy or inconclusive) and its cause code",
    );
    verdict.set(
        vec![
            ("layer", r.verdict.layer.as_str().to_string()),
            ("cause", r.verdict.cause.as_str()),
        ],
        1.0,
    );
    let mut advice = Metric::new(
        "chatgpt_doctor_advice",
        Kind::Info,
        "The first line of the verdict's advice, with its cause (for alert annotations)",
    );
    if let Some(first) = r.verdict.advice.first() {
        advice.set(
            vec![("cause", r.verdict.cause.as_str()), ("advice", first.clone())],
            1.0,
        );
    }
    let mut exit_code = Metric::new(
        "chatgpt_doctor_exit_code",
        Kind::IntGauge,
        "The exit code that goes with the verdict (0 healthy, 3 machine or local network, 4 path, 5 service, 6 account, 7 inconclusive)",
    );
    exit_code.set(vec![], f64::from(r.exit_code));
    let mut run_duration = Metric::new(
        "chatgpt_doctor_run_duration_seconds",
        Kind::Gauge,
        "How long the whole check took",
    );
    run_duration.set(vec![], seconds(r.duration_ms));
    let mut timestamp = Metric::new(
        "chatgpt_doctor_run_timestamp_seconds",
        Kind::IntGauge,
        "When the check started, in seconds since the epoch",
    );
    if let Some(started) = unix_time(&r.started_at) {
        timestamp.set(vec![], started as f64);
    }
    let Targets {
        success,
        duration,
        dns_lookup,
        http_duration,
        http_status,
        cert_expiry,
        stage_success,
        stage_duration,
    } = targets;
    let mut all = vec![
        success,
        duration,
        dns_lookup,
        http_duration,
        http_status,
        cert_expiry,
        stage_success,
        stage_duration,
        verdict,
        advice,
        exit_code,
        run_duration,
        timestamp,
    ];
    all.extend(status_page(r));
    all
}

/// OpenAI's status page as read: whether it was, its indicator, its ongoing incidents.
fn status_page(r: &Report) -> Vec<Metric> {
    let mut up = Metric::new(
        "chatgpt_doctor_status_page_up",
        Kind::IntGauge,
        "1 when OpenAI's status page was read, else 0",
    );
    let mut indicator = Metric::new(
        "chatgpt_doctor_status_page",
        Kind::Info,
        "The status page's indicator: none, minor, major, critical or maintenance",
    );
    let mut incidents = Metric::new(
        "chatgpt_doctor_status_page_incidents",
        Kind::IntGauge,
        "Ongoing incidents on OpenAI's status page",
    );
    if let Some(p) = &r.status_page {
        up.set(vec![], if p.reachable { 1.0 } else { 0.0 });
        if p.reachable {
            if let Some(i) = &p.indicator {
                indicator.set(vec![("indicator", i.clone())], 1.0);
            }
            incidents.set(vec![], p.incidents.len() as f64);
        }
    }
    vec![up, indicator, incidents]
}

/// The text format 0.0.4: `# HELP`, `# TYPE` and the samples of each metric; an info metric is
/// a gauge named `…_info` with value 1.
fn text_004(metrics: &[Metric]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for m in metrics.iter().filter(|m| !m.samples.is_empty()) {
        let name = match m.kind {
            Kind::Info => format!("{}_info", m.name),
            Kind::Gauge | Kind::IntGauge => m.name.to_string(),
        };
        let help = m.help.replace('\\', "\\\\").replace('\n', "\\n");
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for (labels, value) in &m.samples {
            out.push_str(&name);
            if !labels.is_empty() {
                let pairs: Vec<String> = labels
                    .iter()
                    .map(|(k, v)| format!("{k}=\"{}\"", escape_label(v)))
                    .collect();
                let _ = write!(out, "{{{}}}", pairs.join(","));
            }
            let value = match m.kind {
                Kind::Info => "1".to_string(),
                Kind::IntGauge => format!("{}", *value as i64),
                Kind::Gauge => float(*value),
            };
            let _ = writeln!(out, " {value}");
        }
    }
    out
}

/// A label value escaped as the text format wants: backslash, double quote and newline.
fn escape_label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// A sample value as Go's `strconv` reads it (`NaN`, `+Inf`, `-Inf`, else the shortest decimal).
fn float(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf".into() } else { "-Inf".into() }
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_accept_as_client_libraries_choose() {
        use Exposition::{OpenMetrics, Text004};
        for (accept, want) in [
            (None, Text004),
            (Some("*/*"), Text004),
            (Some("text/plain;version=0.0.4"), Text004),
            (Some("application/openmetrics-text; version=1.0.0"), OpenMetrics),
            (
                Some("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"),
                OpenMetrics,
            ),
            (Some("application/openmetrics-text;q=0, text/plain"), Text004),
            (Some("APPLICATION/OPENMETRICS-TEXT"), OpenMetrics),
        ] {
            assert_eq!(Exposition::negotiate(accept), want, "{accept:?}");
        }
    }

    #[test]
    fn text_004_escapes_labels_and_writes_info_as_a_gauge() {
        let mut info = Metric::new("x", Kind::Info, "help with \\ and\nnewline");
        info.set(vec![("v", "a\\b\"c".to_string())], 1.0);
        let mut gauge = Metric::new("g", Kind::Gauge, "g");
        gauge.set(vec![], f64::NAN);
        let text = text_004(&[info, gauge]);
        assert_eq!(
            text,
            "# HELP x_info help with \\\\ and\\nnewline\n# TYPE x_info gauge\nx_info{v=\"a\\\\b\\\"c\"} 1\n# HELP g g\n# TYPE g gauge\ng NaN\n"
        );
    }

    #[test]
    fn certificate_dates_are_read_as_rfc3339() {
        assert_eq!(unix_time("1970-01-02T00:00:00Z"), Some(86_400));
        assert_eq!(unix_time("not a date"), None);
    }

    #[test]
    fn durations_are_seconds_to_the_microsecond() {
        assert_eq!(seconds(3.026), 0.003026);
        assert_eq!(seconds(6.716_000_4), 0.006716);
    }
}
