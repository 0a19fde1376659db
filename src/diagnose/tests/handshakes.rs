//! Handshakes judged by time and shape (issue #16): throttling keyed by the name against
//! `path_slow`, `network_slow` and a slow origin; the browser-shaped handshake dying.

use super::*;
use crate::probe::{BrowserHelloDetail, Decoy};

const OPENAI: [&str; 3] = ["chatgpt.com", "api.openai.com", "ios.chat.openai.com"];
const CONTROLS: [&str; 2] = ["control.test", "192.0.2.20"];

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Sets a target's connect, handshake and first-byte times, and the decoy's handshake.
fn time(obs: &mut Observations, name: &str, connect: u64, handshake: u64, decoy: Option<u64>) {
    let a = &mut target(obs, name).attempts[0];
    a.tcp.duration = Some(ms(connect));
    a.http.duration = Some(ms(handshake + 100));
    let tls = a.tls.as_mut().unwrap();
    tls.duration = Some(ms(handshake));
    tls.detail.as_mut().unwrap().decoy = decoy.map(|d| {
        Box::new(Decoy {
            sni: "example.com".into(),
            tcp: Stage::ok(
                ms(connect),
                TcpDetail {
                    peer: "192.0.2.1:443".parse().unwrap(),
                    earlier: vec![],
                },
            ),
            tls: Some(Stage::ok(
                ms(d),
                TlsDetail {
                    version: Some("TLSv1.3".into()),
                    ..Default::default()
                },
            )),
        })
    });
}

fn verdict(obs: &Observations) -> (Layer, Cause) {
    let d = diagnose(obs, &Context::default());
    (d.verdict.layer, d.verdict.cause)
}

#[test]
fn handshakes_many_round_trips_long_on_openai_names_only_are_sni_throttled() {
    let mut obs = World::default().observations();
    for n in OPENAI {
        time(&mut obs, n, 1, 600, Some(3));
    }
    for n in CONTROLS {
        time(&mut obs, n, 1, 4, None);
    }
    judged_in_both(&obs, Context::default(), (Layer::Path, Cause::SniThrottled));
    let d = diagnose(&obs, &Context::default());
    let evidence = d.verdict.evidence.join("\n");
    assert!(
        evidence.contains("TCP connect 1 ms, TLS handshake 600 ms (600× the connect)"),
        "{evidence}"
    );
    assert!(
        evidence.contains("naming example.com: handshake 3 ms"),
        "{evidence}"
    );
    assert!(
        evidence.contains("control control.test: TCP connect 1 ms, TLS handshake 4 ms"),
        "{evidence}"
    );
    assert_eq!(exit_code(&d, false), 4);
}

#[test]
fn slowness_that_is_not_keyed_by_the_name_is_not_sni_throttled() {
    // The decoy is as slow as the real name: the address is slow, not the name.
    let mut obs = World::default().observations();
    for n in OPENAI {
        time(&mut obs, n, 1, 600, Some(590));
    }
    assert_ne!(verdict(&obs).1, Cause::SniThrottled);
    // TCP slow too (every round trip long): the path is slow, as path_slow says.
    let mut obs = World::default().observations();
    for n in OPENAI {
        time(&mut obs, n, 400, 450, None);
    }
    for n in CONTROLS {
        time(&mut obs, n, 5, 6, None);
    }
    assert_eq!(verdict(&obs), (Layer::Path, Cause::PathSlow));
    // The controls' handshakes are as slow: the network, not OpenAI's names.
    let mut obs = World::default().observations();
    for n in OPENAI {
        time(&mut obs, n, 1, 600, Some(3));
    }
    for n in CONTROLS {
        time(&mut obs, n, 1, 500, None);
    }
    assert_ne!(verdict(&obs).1, Cause::SniThrottled);
    // A slow origin: the handshake is fast, only the first byte is late.
    let mut obs = World::default().observations();
    for n in OPENAI {
        time(&mut obs, n, 20, 25, None);
        target(&mut obs, n).attempts[0].http.duration = Some(ms(3000));
    }
    assert_eq!(verdict(&obs), (Layer::None, Cause::Healthy));
}

#[test]
fn one_slow_handshake_alone_is_not_throttling() {
    // A lost packet makes one handshake late; throttling by name slows every OpenAI name.
    let mut obs = World::default().observations();
    time(&mut obs, "chatgpt.com", 1, 1200, Some(3));
    for n in ["api.openai.com", "ios.chat.openai.com"] {
        time(&mut obs, n, 1, 4, None);
    }
    assert_eq!(verdict(&obs), (Layer::None, Cause::Healthy));
}

/// Gives a target the browser-shaped handshake's result.
fn browser(obs: &mut Observations, name: &str, ok: bool) {
    let tls = target(obs, name).attempts[0].tls.as_mut().unwrap();
    let stage = if ok {
        Stage::ok(
            ms(5),
            BrowserHelloDetail {
                hello_bytes: 1522,
                group: Some("x25519".into()),
                alert: None,
            },
        )
    } else {
        Stage::failed(ms(2000), Failure::GenericTimeoutError, "no answer within 2.0 s")
    };
    tls.detail.as_mut().unwrap().browser = Some(Box::new(stage));
}

#[test]
fn a_large_hello_dying_where_the_small_one_completes_is_placed_by_the_control() {
    // Only OpenAI's large hellos die; the control's completes: the path.
    let mut obs = World::default().observations();
    browser(&mut obs, "chatgpt.com", false);
    browser(&mut obs, "ios.chat.openai.com", false);
    browser(&mut obs, "control.test", true);
    judged_in_both(
        &obs,
        Context::default(),
        (Layer::Path, Cause::LargeHandshakeBlocked),
    );
    let d = diagnose(&obs, &Context::default());
    let evidence = d.verdict.evidence.join("\n");
    assert!(
        evidence.contains("the small handshake completed in 10 ms"),
        "{evidence}"
    );
    assert!(
        evidence.contains("(generic_timeout_error) after 2000 ms"),
        "{evidence}"
    );
    assert!(
        evidence.contains(
            "control control.test completed the browser-shaped handshake (the server chose x25519)"
        ),
        "{evidence}"
    );
    assert!(
        d.verdict
            .advice
            .iter()
            .any(|a| a.contains("security.tls.enable_kyber"))
    );
    // The control's dies too: this network.
    browser(&mut obs, "control.test", false);
    let d = judged_in_both(
        &obs,
        Context::default(),
        (Layer::LocalNetwork, Cause::LargeHandshakeBlocked),
    );
    assert_eq!(exit_code(&d, false), 3);
}

#[test]
fn a_large_hello_cut_by_the_deadline_or_dying_alone_is_no_verdict() {
    let mut obs = World::default().observations();
    browser(&mut obs, "chatgpt.com", false);
    browser(&mut obs, "ios.chat.openai.com", true);
    browser(&mut obs, "control.test", true);
    browser(&mut obs, "api.openai.com", true);
    assert_eq!(
        verdict(&obs),
        (Layer::None, Cause::Healthy),
        "one of three is not the rule"
    );
    let mut obs = World::default().observations();
    for n in ["chatgpt.com", "ios.chat.openai.com"] {
        browser(&mut obs, n, false);
        let tls = target(&mut obs, n).attempts[0].tls.as_mut().unwrap();
        tls.detail
            .as_mut()
            .unwrap()
            .browser
            .as_mut()
            .unwrap()
            .cut_by_deadline = true;
    }
    assert_eq!(
        verdict(&obs),
        (Layer::None, Cause::Healthy),
        "the deadline is no evidence"
    );
}
