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

/// The `Content-Type` of what [`render`] writes.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

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

/// Every metric of one report, encoded by prometheus-client in a stable order.
#[derive(Debug)]
struct Exposition {
    metrics: Vec<Metric>,
}

impl Collector for Exposition {
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

/// The report as OpenMetrics text, ending in `# EOF`.
pub fn render(r: &Report) -> String {
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
    let mut registry = Registry::default();
    registry.register_collector(Box::new(Exposition {
        metrics: vec![
            success,
            duration,
            dns_lookup,
            http_duration,
            http_status,
            cert_expiry,
            stage_success,
            stage_duration,
            verdict,
            exit_code,
            run_duration,
            timestamp,
        ],
    }));
    let mut out = String::new();
    if encode(&mut out, &registry).is_err() {
        // Encoding into a String cannot fail; keep the output a valid, empty exposition anyway.
        out = "# EOF\n".to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
