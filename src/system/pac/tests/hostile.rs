//! Hostile and broken PAC files: each ends with its own error, within the time limit. Each test
//! prints how long it took (`cargo test -- --nocapture` shows the figures).

use std::time::{Duration, Instant};

use super::super::{PacError, PacLimits, Phase};
use super::{env, run, run_with};

const URL: &str = "https://chatgpt.com/backend-api/conversation";

/// The default time limit plus the watchdog's grace and room for a loaded machine.
const CEILING: Duration = Duration::from_millis(2500);

/// Runs `script`, checks it ended within `ceiling`, prints the time, returns the error.
fn fails_within(name: &str, script: &str, ceiling: Duration) -> PacError {
    let start = Instant::now();
    let result = run(script, URL);
    let took = start.elapsed();
    println!("{name}: {took:?} -> {result:?}");
    assert!(took < ceiling, "{name} took {took:?}");
    match result {
        Err(e) => e,
        Ok(choices) => panic!("{name} gave {choices:?}"),
    }
}

fn timeout(limits: &PacLimits) -> PacError {
    PacError::Timeout {
        limit: limits.time,
        stuck: false,
    }
}

#[test]
fn an_endless_loop_is_stopped_at_the_time_limit() {
    let script = "function FindProxyForURL(url, host) { while (true) {} }";
    let e = fails_within("while(true) in the call", script, CEILING);
    assert_eq!(e, timeout(&PacLimits::default()));
}

#[test]
fn an_endless_loop_at_load_time_is_stopped_too() {
    let script = "for (;;) {} function FindProxyForURL(url, host) { return 'DIRECT'; }";
    let e = fails_within("for(;;) at the top level", script, CEILING);
    assert_eq!(e, timeout(&PacLimits::default()));
}

#[test]
fn catching_the_interruption_does_not_help() {
    let script = "function FindProxyForURL(url, host) {
        for (;;) { try { while (true) {} } catch (e) {} }
    }";
    let e = fails_within("try/catch around the loop", script, CEILING);
    assert_eq!(e, timeout(&PacLimits::default()));
}

#[test]
fn a_catastrophic_regular_expression_is_stopped() {
    let script = "function FindProxyForURL(url, host) {
        return /^(a+)+$/.test('a'.repeat(40) + 'b') ? 'DIRECT' : 'PROXY p.example:1';
    }";
    let e = fails_within("catastrophic regex", script, CEILING);
    assert_eq!(e, timeout(&PacLimits::default()));
}

#[test]
fn a_shexpmatch_pattern_that_backtracks_is_stopped() {
    let script = "function FindProxyForURL(url, host) {
        return shExpMatch('a'.repeat(5000) + 'b', '*a*a*a*a*a*a*a*a*a*a*c') ? 'DIRECT' : 'PROXY p.example:1';
    }";
    let e = fails_within("shExpMatch backtracking", script, CEILING);
    assert_eq!(e, timeout(&PacLimits::default()));
}

#[test]
fn a_native_loop_the_interrupt_cannot_reach_is_abandoned_by_the_watchdog() {
    // reverse() on an array-like object walks its length in C without polling the interrupt
    // handler: 3e7 steps take seconds (far less optimised). The length is finite so that the
    // abandoned thread soon ends on its own; the small limit keeps the test's wait short.
    let mut env = env();
    env.limits.time = Duration::from_millis(20);
    let script = "function FindProxyForURL(url, host) {
        Array.prototype.reverse.call({ length: 30000000 });
        return 'DIRECT';
    }";
    let start = Instant::now();
    let result = run_with(script, URL, &env);
    let took = start.elapsed();
    println!("native loop (watchdog, 20 ms limit): {took:?} -> {result:?}");
    assert_eq!(
        result,
        Err(PacError::Timeout {
            limit: env.limits.time,
            stuck: true
        })
    );
    assert!(took < Duration::from_millis(800), "{took:?}");
}

#[test]
fn exponential_memory_growth_ends_at_the_memory_limit() {
    let script = "function FindProxyForURL(url, host) {
        var s = 'x'; while (true) { s = s + s; s.charCodeAt(s.length - 1); }
    }";
    let e = fails_within("string doubling", script, CEILING);
    assert_eq!(
        e,
        PacError::MemoryExhausted {
            limit: PacLimits::default().memory_bytes
        }
    );
}

#[test]
fn growing_arrays_end_at_the_memory_limit() {
    let script = "var keep = []; function FindProxyForURL(url, host) {
        for (var i = 0; ; i++) { keep.push({ n: i, s: 'entry ' + i, a: [i, i, i] }); }
    }";
    let e = fails_within("array growth", script, CEILING);
    assert_eq!(
        e,
        PacError::MemoryExhausted {
            limit: PacLimits::default().memory_bytes
        }
    );
}

#[test]
fn deep_recursion_ends_at_the_stack_limit() {
    let script = "function down(n) { return down(n + 1) + 1; }
        function FindProxyForURL(url, host) { return down(0); }";
    let e = fails_within("deep recursion", script, CEILING);
    assert_eq!(
        e,
        PacError::StackExhausted {
            limit: PacLimits::default().stack_bytes
        }
    );
}

#[test]
fn deeply_nested_source_ends_at_the_stack_limit_while_parsing() {
    let depth = 200_000;
    let script = format!(
        "function FindProxyForURL(url, host) {{ return {}'DIRECT'{}; }}",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let e = fails_within("deeply nested parentheses", &script, CEILING);
    assert_eq!(
        e,
        PacError::StackExhausted {
            limit: PacLimits::default().stack_bytes
        }
    );
}

#[test]
fn a_script_over_the_size_limit_is_refused_before_it_runs() {
    let script = format!(
        "function FindProxyForURL(url, host) {{ return 'DIRECT'; }}\n//{}",
        "x".repeat(10 * 1024 * 1024)
    );
    let e = fails_within("10 MB script", &script, Duration::from_millis(200));
    assert_eq!(
        e,
        PacError::TooLarge {
            bytes: script.len() as u64,
            limit: PacLimits::default().script_bytes
        }
    );
}

#[test]
fn a_script_just_under_the_size_limit_runs() {
    let filler = "// padding padding padding padding padding padding padding padding\n";
    let mut script = String::from("function FindProxyForURL(url, host) { return 'DIRECT'; }\n");
    while script.len() + filler.len() < PacLimits::default().script_bytes {
        script.push_str(filler);
    }
    let start = Instant::now();
    assert!(run(&script, URL).is_ok());
    println!("a 1 MiB script: {:?}", start.elapsed());
}

#[test]
fn a_syntax_error_carries_the_engines_message_and_line() {
    let script = "function FindProxyForURL(url, host) {\n  if (host == 'a' {\n    return 'DIRECT';\n  }\n}";
    match fails_within("syntax error", script, CEILING) {
        PacError::Syntax { message, line } => {
            assert!(message.contains("expected"), "{message}");
            assert_eq!(line, Some(2));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_exception_carries_its_message() {
    let script = "function FindProxyForURL(url, host) { throw new Error('no proxy for ' + host); }";
    assert_eq!(
        fails_within("throw Error", script, CEILING),
        PacError::Threw {
            phase: Phase::Call,
            message: "Error: no proxy for chatgpt.com".into()
        }
    );
    let script = "function FindProxyForURL(url, host) { throw 'plain string'; }";
    assert_eq!(
        fails_within("throw string", script, CEILING),
        PacError::Threw {
            phase: Phase::Call,
            message: "plain string".into()
        }
    );
    let script = "function FindProxyForURL(url, host) { return undefinedHelper(host); }";
    match fails_within("ReferenceError", script, CEILING) {
        PacError::Threw {
            phase: Phase::Call,
            message,
        } => {
            assert!(message.starts_with("ReferenceError: "), "{message}");
            assert!(message.contains("undefinedHelper"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_exception_while_loading_says_so() {
    let script = "null.boom; function FindProxyForURL(url, host) { return 'DIRECT'; }";
    match fails_within("throw at load", script, CEILING) {
        PacError::Threw {
            phase: Phase::Load,
            message,
        } => assert!(message.starts_with("TypeError"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_thrown_object_with_a_hostile_getter_is_still_named() {
    let script = "function FindProxyForURL(url, host) {
        throw { get message() { while (true) {} } };
    }";
    let e = fails_within("getter loops", script, CEILING);
    assert_eq!(e, timeout(&PacLimits::default()));
}

#[test]
fn returning_anything_but_a_string_is_named() {
    for (value, got) in [
        ("({ proxy: 'DIRECT' })", "object"),
        ("['DIRECT']", "object"),
        ("undefined", "undefined"),
        ("null", "null"),
        ("42", "number"),
        ("true", "boolean"),
        ("function () {}", "function"),
        ("Symbol('x')", "symbol"),
        ("10n", "bigint"),
    ] {
        let script = format!("function FindProxyForURL(url, host) {{ return {value}; }}");
        assert_eq!(
            fails_within(value, &script, CEILING),
            PacError::NotAString { got: got.into() },
            "{value}"
        );
    }
}

#[test]
fn a_missing_find_proxy_for_url_is_named() {
    for script in [
        "",
        "function findProxyForUrl(url, host) { return 'DIRECT'; }",
        "var FindProxyForURL = 'DIRECT';",
    ] {
        assert_eq!(
            fails_within("no function", script, CEILING),
            PacError::MissingFunction
        );
    }
}

#[test]
fn a_nul_byte_is_refused_before_it_runs() {
    let script = "function FindProxyForURL(url, host) { return 'DIRECT'; }\0";
    assert_eq!(
        fails_within("NUL byte", script, CEILING),
        PacError::NulByte {
            offset: script.len() - 1
        }
    );
}

#[test]
fn a_smaller_time_limit_is_honoured() {
    let mut env = env();
    env.limits.time = Duration::from_millis(100);
    let start = Instant::now();
    let result = run_with("function FindProxyForURL(u, h) { for (;;) {} }", URL, &env);
    let took = start.elapsed();
    println!("100 ms limit: {took:?}");
    assert_eq!(result, Err(timeout(&env.limits)));
    assert!(took < Duration::from_millis(600), "{took:?}");
}

#[test]
fn a_script_cannot_reach_the_outside_world() {
    // QuickJS has no I/O: none of the usual ways out exist.
    let script = "function FindProxyForURL(url, host) {
        var names = ['require', 'process', 'XMLHttpRequest', 'fetch', 'std', 'os', 'setTimeout', 'WebAssembly'];
        for (var i = 0; i < names.length; i++) {
            if (typeof globalThis[names[i]] !== 'undefined') { return 'PROXY ' + names[i] + '.invalid:1'; }
        }
        return 'DIRECT';
    }";
    assert_eq!(run(script, URL), Ok(vec![super::super::PacChoice::Direct]));
}

#[test]
fn a_script_looping_over_names_resolves_at_most_the_lookup_limit() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&asked);
    let mut env = env();
    env.resolve = Arc::new(move |_name: &str| {
        counter.fetch_add(1, Ordering::SeqCst);
        vec!["192.0.2.99".parse().expect("address")]
    });
    let script = "function FindProxyForURL(url, host) {
        for (var i = 0; i < 1000; i++) { dnsResolve('n' + i + '.example'); dnsResolve('n0.example'); }
        return dnsResolve('n999.example') === null ? 'DIRECT' : 'PROXY p.example:1';
    }";
    assert_eq!(
        run_with(script, URL, &env),
        Ok(vec![super::super::PacChoice::Direct])
    );
    assert_eq!(asked.load(Ordering::SeqCst), env.limits.lookups);
}

#[test]
fn a_panicking_resolver_is_an_engine_error_not_a_crash() {
    let mut env = env();
    env.resolve = std::sync::Arc::new(|_name: &str| panic!("resolver failed"));
    let script = "function FindProxyForURL(url, host) { return isResolvable(host) ? 'DIRECT' : 'DIRECT'; }";
    assert!(matches!(
        run_with(script, URL, &env),
        Err(PacError::Engine { .. })
    ));
}

#[test]
fn a_returned_string_that_is_not_unicode_names_the_entry() {
    let script = "String.prototype.toWellFormed = function () { return 'DIRECT'; };
        function FindProxyForURL(url, host) { return 'DIRECT; PROXY a.example:1\\uD800'; }";
    match run(script, URL) {
        Err(PacError::BadResult { entry, problem }) => {
            assert_eq!(entry, "PROXY a.example:1\u{fffd}");
            assert_eq!(problem, super::super::BadEntry::BadPort);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn no_setting_turns_a_limit_off() {
    let mut env = env();
    env.limits.memory_bytes = 0;
    env.limits.stack_bytes = 0;
    env.limits.time = Duration::MAX;
    let effective = env.limits.effective();
    assert!(effective.memory_bytes > 0 && effective.stack_bytes > 0);
    assert!(effective.time <= Duration::from_secs(3600));
    let script = "function FindProxyForURL(url, host) { var s = 'x'; while (true) { s = s + s; s.charCodeAt(s.length - 1); } }";
    assert_eq!(
        run_with(script, URL, &env),
        Err(PacError::MemoryExhausted {
            limit: effective.memory_bytes
        })
    );
    let script = "function down(n) { return down(n + 1) + 1; } function FindProxyForURL(url, host) { return down(0); }";
    assert_eq!(
        run_with(script, URL, &env),
        Err(PacError::StackExhausted {
            limit: effective.stack_bytes
        })
    );
}
