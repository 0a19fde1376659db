//! What the proxy stage records, for both handshakes.

use std::time::Instant;

use crate::probe::observation::{Failure, ProxyDetail, Stage};
use crate::route::ProxyConfig;

/// The detail a proxy stage starts with: the proxy without credentials, nothing answered yet.
pub(super) fn detail_for(proxy: &ProxyConfig) -> ProxyDetail {
    ProxyDetail {
        proxy: proxy.display(),
        source: proxy.source.clone(),
        scheme: proxy.scheme,
        credentials_sent: proxy.has_credentials(),
        status: None,
        reason: None,
        headers: Vec::new(),
        body_excerpt: None,
    }
}

/// A stage failure with the detail kept.
pub(super) fn failed(
    start: Instant,
    failure: Failure,
    message: impl Into<String>,
    detail: ProxyDetail,
) -> Stage<ProxyDetail> {
    let mut stage = Stage::failed(start.elapsed(), failure, message);
    stage.detail = Some(detail);
    stage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recorded_detail_shows_the_proxy_without_credentials() {
        let p = ProxyConfig::parse("http://alice:s3cr%40t@proxy.example:3128", "HTTPS_PROXY").unwrap();
        let shown = format!("{:?}", detail_for(&p));
        assert!(!shown.contains("alice") && !shown.contains("s3cr"), "{shown}");
        assert!(shown.contains("http://proxy.example:3128"), "{shown}");
    }
}
