//! The plan of a check: which targets, address families, routes and limits, the status page's
//! documents and the key check — all decided from the flags and settings before anything is sent.

use url::Url;

use super::settings::Settings;
use crate::catalog::{self, CatalogOverrides, Surface, Target};
use crate::cli::args::{CheckArgs, ResolverArgs};
use crate::evidence::status_page::{INCIDENTS_JSON, NATIVE, SUMMARY_JSON};
use crate::probe::doh::DEFAULT_DOH;
use crate::probe::plan::Plan;
use crate::probe::{Family, RequestSpec};

/// The address families `-4`/`-6` allow.
pub fn families(r: &ResolverArgs) -> Vec<Family> {
    if r.ipv4 {
        vec![Family::Ipv4]
    } else if r.ipv6 {
        vec![Family::Ipv6]
    } else {
        vec![Family::Ipv4, Family::Ipv6]
    }
}

/// The plan of a check.
pub fn plan(args: &CheckArgs, settings: &Settings) -> Plan {
    let targets = catalog::targets(&CatalogOverrides {
        surfaces: args.surface.clone(),
        controls: args.controls.clone(),
        status_url: args.status_url.clone(),
        base_url: settings.base.clone(),
    });
    let status_documents = status_documents(&targets);
    let key_check = key_check(&targets, settings);
    Plan {
        targets,
        families: families(&args.resolver),
        resolve: args.route.resolve.clone(),
        connect_to: args.route.connect_to.clone(),
        timeout: args.resolver.timeout,
        max_time: args.max_time,
        status_documents,
        key_check,
        proxies: settings.proxies.clone(),
        decided: None,
        doh: match &args.doh_url {
            Some(u) => vec![u.clone()],
            None => DEFAULT_DOH.iter().filter_map(|u| Url::parse(u).ok()).collect(),
        },
    }
}

/// The status page's documents, read beside its status.json target.
fn status_documents(targets: &[Target]) -> Vec<Target> {
    targets
        .iter()
        .filter(|t| t.surface == Surface::Status)
        .flat_map(|t| {
            let mut base = t.url.clone();
            base.set_path("/");
            [SUMMARY_JSON, INCIDENTS_JSON, NATIVE].map(|p| Target {
                name: format!("{}/{p}", t.host()),
                surface: Surface::Status,
                url: catalog::join_base(&base, p),
            })
        })
        .collect()
}

/// The key check: `GET {base}/models` with the key, only where the API is probed.
fn key_check(targets: &[Target], settings: &Settings) -> Option<(Target, RequestSpec)> {
    let (key, _) = settings.key.as_ref()?;
    let api = targets.iter().find(|t| t.surface == Surface::Api)?;
    let api_base = match &settings.base {
        Some(b) => b.clone(),
        None => Url::parse(catalog::DEFAULT_BASE_URL).ok()?,
    };
    let mut headers = vec![("authorization".to_string(), format!("Bearer {}", key.expose()))];
    if let Some(o) = &settings.organization {
        headers.push(("openai-organization".into(), o.clone()));
    }
    if let Some(p) = &settings.project {
        headers.push(("openai-project".into(), p.clone()));
    }
    let target = Target {
        name: format!("{} (with the API key)", api.name),
        surface: Surface::Api,
        url: catalog::join_base(&api_base, "models"),
    };
    let request = RequestSpec {
        headers,
        secret: true,
        ..Default::default()
    };
    Some((target, request))
}
