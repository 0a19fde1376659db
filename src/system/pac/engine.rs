//! The sandbox: one PAC evaluation in a fresh QuickJS runtime on its own thread, under limits on
//! time (the engine's interrupt handler), memory, stack and script size.
//!
//! QuickJS has no I/O of its own (no files, sockets or timers): the script reaches the world
//! only through the helpers, whose resolver the caller supplies. The interrupt handler stops
//! JavaScript at the time limit, regular expressions included; a native loop it cannot reach
//! (`Array.prototype.reverse` over an array-like object of length 2⁵³) is caught by the
//! watchdog instead: the caller stops waiting shortly after the limit and the thread is
//! abandoned, to end on its own (it holds no lock and nothing waits for it).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rquickjs::context::EvalOptions;
use rquickjs::{Context, Ctx, Function, Runtime, Type, Value};
use url::Url;

use super::choice::{PacChoice, parse_choices};
use super::environment::{PacEnvironment, PacLimits};
use super::error::{PacError, Phase};
use super::natives::{Lookups, PacLookup, env_object, native_object};

/// The helper functions, evaluated before the script.
const HELPERS: &str = include_str!("helpers.js");
/// The script's name in the engine's messages.
const SCRIPT_NAME: &str = "pac.js";
/// How long past the time limit the watchdog waits for an engine that did not stop.
const WATCHDOG_GRACE: Duration = Duration::from_millis(250);
/// The evaluation thread's stack beyond the engine's own stack limit: room for the native
/// frames between the engine's stack checks.
const THREAD_STACK_MARGIN: usize = 4 * 1024 * 1024;
/// The longest exception or syntax message kept.
const MESSAGE_CHARS: usize = 300;
/// QuickJS's messages for the two limits it reports as exceptions.
const OUT_OF_MEMORY: &str = "out of memory";
const STACK_OVERFLOW: &str = "Maximum call stack size exceeded";

/// One evaluation's result, with what it took to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacEvaluation {
    /// The string `FindProxyForURL` returned, as it returned it.
    pub returned: String,
    /// That string as choices, in order.
    pub choices: Vec<PacChoice>,
    /// The names the script had resolved, in order.
    pub lookups: Vec<PacLookup>,
    /// Loading the script and the call together.
    pub elapsed: Duration,
}

/// Evaluates `FindProxyForURL(url, host)` in `script`: the ordered choices it returns. `host`
/// is the URL's host as browsers pass it (IPv6 without brackets). An `https://` URL is passed
/// without its path and query, as Chrome does; no URL is passed with credentials or fragment.
///
/// Blocks the calling thread for up to the time limit plus a quarter second (from async code,
/// call it in `spawn_blocking`). The resolver is called on the evaluation's own thread.
pub fn evaluate(
    script: &str,
    url: &Url,
    host: &str,
    env: &PacEnvironment,
) -> Result<Vec<PacChoice>, PacError> {
    evaluate_detailed(script, url, host, env).map(|e| e.choices)
}

/// As [`evaluate`], with the returned string, the lookups made and the time taken.
pub fn evaluate_detailed(
    script: &str,
    url: &Url,
    host: &str,
    env: &PacEnvironment,
) -> Result<PacEvaluation, PacError> {
    let started = Instant::now();
    let limits = env.limits.effective();
    check_script(script, &limits)?;
    let mut env = env.clone();
    env.limits = limits;
    let job = Job {
        script: script.to_string(),
        url: url_for_script(url),
        host: host.to_string(),
        env,
        deadline: started + limits.time,
    };
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("pac-evaluation".to_string())
        .stack_size(limits.stack_bytes.saturating_add(THREAD_STACK_MARGIN))
        .spawn(move || {
            // The receiver may have given up already: nothing left to tell.
            let _ = tx.send(job.run());
        })
        .map_err(|e| PacError::Engine {
            detail: e.to_string(),
        })?;
    let (returned, lookups) = match rx.recv_timeout(limits.time + WATCHDOG_GRACE) {
        Ok(result) => result?,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(PacError::Timeout {
                limit: limits.time,
                stuck: true,
            });
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            return Err(PacError::Engine {
                // A code, not words: the thread panicked (in the caller's resolver, say).
                detail: "evaluation_thread_ended".to_string(),
            });
        }
    };
    let choices = parse_choices(&returned)?;
    Ok(PacEvaluation {
        returned,
        choices,
        lookups,
        elapsed: started.elapsed(),
    })
}

/// The URL as the script sees it: without credentials and fragment, and for `https://` (and
/// `wss://`) without path and query either, as Chrome does since version 52 so that a PAC
/// script cannot read the paths of encrypted requests.
pub fn url_for_script(url: &Url) -> String {
    let mut shown = url.clone();
    // Setting credentials fails only on URLs that cannot hold them, which then hold none.
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_fragment(None);
    if matches!(url.scheme(), "https" | "wss") {
        shown.set_path("/");
        shown.set_query(None);
    }
    shown.to_string()
}

/// Refuses, before any engine starts, a script over the size limit or holding a NUL byte.
fn check_script(script: &str, limits: &PacLimits) -> Result<(), PacError> {
    if script.len() > limits.script_bytes {
        return Err(PacError::TooLarge {
            bytes: script.len() as u64,
            limit: limits.script_bytes,
        });
    }
    if let Some(offset) = script.find('\0') {
        return Err(PacError::NulByte { offset });
    }
    Ok(())
}

/// What the evaluation thread needs, owned.
struct Job {
    script: String,
    url: String,
    host: String,
    env: PacEnvironment,
    deadline: Instant,
}

/// The interrupt handler's record that it stopped the script.
type Fired = Rc<Cell<bool>>;

impl Job {
    /// On the evaluation thread: a fresh runtime under the limits, the helpers, the script, the
    /// call. Returns the string returned and the lookups made.
    fn run(self) -> Result<(String, Vec<PacLookup>), PacError> {
        let limits = self.env.limits;
        let engine_error = |e: rquickjs::Error| PacError::Engine {
            detail: e.to_string(),
        };
        let runtime = Runtime::new().map_err(engine_error)?;
        runtime.set_memory_limit(limits.memory_bytes);
        runtime.set_max_stack_size(limits.stack_bytes);
        let fired: Fired = Rc::new(Cell::new(false));
        let flag = Rc::clone(&fired);
        let deadline = self.deadline;
        runtime.set_interrupt_handler(Some(Box::new(move || {
            let late = Instant::now() >= deadline;
            if late {
                flag.set(true);
            }
            late
        })));
        let context = Context::full(&runtime).map_err(engine_error)?;
        let lookups = Rc::new(RefCell::new(Lookups::new(
            self.env.resolve.clone(),
            limits.lookups,
            deadline,
        )));
        let returned = context.with(|ctx| self.load_and_call(&ctx, &lookups));
        // Only now, with the engine unlocked (and the script's objects still alive), can its
        // memory use be read.
        let near_memory_limit = near_memory_limit(&runtime, &limits);
        drop(context);
        let returned = returned.map_err(|failure| match failure {
            _ if fired.get() => PacError::Timeout {
                limit: limits.time,
                stuck: false,
            },
            Failure::Named(e) => e,
            Failure::Thrown(phase, thrown) => thrown.into_error(phase, &limits, near_memory_limit),
        })?;
        let asked = lookups
            .try_borrow_mut()
            .map(|mut l| l.take_asked())
            .unwrap_or_default();
        Ok((returned, asked))
    }

    /// Installs the helpers, loads the script and calls `FindProxyForURL`: the string returned.
    fn load_and_call(&self, ctx: &Ctx<'_>, lookups: &Rc<RefCell<Lookups>>) -> Result<String, Failure> {
        let load = |e| Failure::new(ctx, e, Phase::Load);
        let well_formed = self.install_helpers(ctx, lookups).map_err(load)?;
        let mut options = EvalOptions::default();
        // PAC scripts are written for sloppy mode (undeclared variables are common).
        options.strict = false;
        options.filename = Some(SCRIPT_NAME.to_string());
        ctx.eval_with_options::<(), _>(self.script.as_str(), options)
            .map_err(load)?;
        let find: Value = ctx.globals().get("FindProxyForURL").map_err(load)?;
        let Some(find) = find.into_function() else {
            return Err(Failure::Named(PacError::MissingFunction));
        };
        let call = |e| Failure::new(ctx, e, Phase::Call);
        let result: Value = find.call((self.url.as_str(), self.host.as_str())).map_err(call)?;
        let Some(text) = result.as_string() else {
            return Err(Failure::Named(PacError::NotAString {
                got: type_of(&result).to_string(),
            }));
        };
        match text.to_string() {
            Ok(text) => Ok(text),
            // A lone surrogate: no UTF-8 exists for it. Replaced (U+FFFD), the entry holding it
            // is then named as invalid.
            Err(_) => well_formed
                .call::<_, rquickjs::String>((text.clone(),))
                .and_then(|s| s.to_string())
                .map_err(call),
        }
    }

    /// Evaluates the helpers and hands them the clock, this machine's address and the resolver.
    /// Returns the helpers' `toWellFormed`, taken before the script could replace it.
    fn install_helpers<'js>(
        &self,
        ctx: &Ctx<'js>,
        lookups: &Rc<RefCell<Lookups>>,
    ) -> rquickjs::Result<Function<'js>> {
        let install: Function = ctx.eval(HELPERS)?;
        let env = env_object(ctx, &self.env.clock, self.env.my_ip)?;
        let native = native_object(ctx, lookups)?;
        install.call((ctx.globals(), env, native))
    }
}

/// How the engine failed, read inside the engine (where its memory use cannot be read).
enum Failure {
    /// Already named.
    Named(PacError),
    /// The script, or the engine on its behalf, threw this.
    Thrown(Phase, Thrown),
}

impl Failure {
    /// Reads an engine error: the pending exception, or what else went wrong.
    fn new(ctx: &Ctx<'_>, error: rquickjs::Error, phase: Phase) -> Failure {
        match error {
            rquickjs::Error::Exception => Failure::Thrown(phase, thrown(ctx)),
            rquickjs::Error::Allocation => Failure::Thrown(
                phase,
                Thrown {
                    name: Some("InternalError".to_string()),
                    message: OUT_OF_MEMORY.to_string(),
                    ..Thrown::default()
                },
            ),
            other => Failure::Named(PacError::Engine {
                detail: shorten(&other.to_string()),
            }),
        }
    }
}

/// What a thrown value says: its error name (`SyntaxError`), its message, the line it names.
#[derive(Debug, Default)]
struct Thrown {
    name: Option<String>,
    message: String,
    line: Option<u32>,
    /// Nothing could be read (`null`, as the engine throws when it cannot even build the error).
    silent: bool,
}

impl Thrown {
    /// Names the failure: memory, stack, a syntax error while loading, or what the script
    /// threw. A silent exception with the heap near its limit is memory running out.
    fn into_error(self, phase: Phase, limits: &PacLimits, near_memory_limit: bool) -> PacError {
        let memory = PacError::MemoryExhausted {
            limit: limits.memory_bytes,
        };
        let name = self.name.as_deref().unwrap_or_default();
        match (name, self.message.as_str()) {
            ("InternalError", OUT_OF_MEMORY) => memory,
            _ if self.silent && near_memory_limit => memory,
            ("RangeError", STACK_OVERFLOW) => PacError::StackExhausted {
                limit: limits.stack_bytes,
            },
            ("SyntaxError", message) if phase == Phase::Load => PacError::Syntax {
                message: shorten(message),
                line: self.line,
            },
            ("", message) => PacError::Threw {
                phase,
                message: shorten(message),
            },
            (name, "") => PacError::Threw {
                phase,
                message: shorten(name),
            },
            (name, message) => PacError::Threw {
                phase,
                message: shorten(&format!("{name}: {message}")),
            },
        }
    }
}

/// Reads the pending exception. Only strings and numbers are taken from it: the script's
/// getters may run, but they run under the same limits.
fn thrown(ctx: &Ctx<'_>) -> Thrown {
    let value = ctx.catch();
    if let Some(object) = value.as_object() {
        let text = |key: &str| object.get::<_, Option<String>>(key).ok().flatten();
        return Thrown {
            name: text("name"),
            message: text("message").unwrap_or_default(),
            line: text("stack").as_deref().and_then(script_line),
            silent: false,
        };
    }
    let message = match value.type_of() {
        Type::String => value
            .as_string()
            .and_then(|s| s.to_string().ok())
            .unwrap_or_default(),
        Type::Int | Type::Float => value.as_number().map(|n| n.to_string()).unwrap_or_default(),
        Type::Bool => value.as_bool().map(|b| b.to_string()).unwrap_or_default(),
        _ => type_of(&value).to_string(),
    };
    Thrown {
        silent: value.is_null(),
        message,
        ..Thrown::default()
    }
}

/// The line of the script a stack trace names first (`at pac.js:12:5`).
fn script_line(stack: &str) -> Option<u32> {
    let after = &stack[stack.find(SCRIPT_NAME)? + SCRIPT_NAME.len()..];
    let digits: String = after
        .strip_prefix(':')?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// True when the engine's heap is within 1/8 of its limit.
fn near_memory_limit(runtime: &Runtime, limits: &PacLimits) -> bool {
    let used = usize::try_from(runtime.memory_usage().malloc_size).unwrap_or(usize::MAX);
    used >= limits.memory_bytes - limits.memory_bytes / 8
}

/// JavaScript's `typeof` of a value.
fn type_of(value: &Value<'_>) -> &'static str {
    match value.type_of() {
        Type::Uninitialized | Type::Undefined => "undefined",
        Type::Null => "null",
        Type::Bool => "boolean",
        Type::Int | Type::Float => "number",
        Type::String => "string",
        Type::Symbol => "symbol",
        Type::BigInt => "bigint",
        Type::Function | Type::Constructor => "function",
        _ => "object",
    }
}

/// At most [`MESSAGE_CHARS`] characters, control characters blanked.
fn shorten(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match clean.char_indices().nth(MESSAGE_CHARS) {
        Some((i, _)) => format!("{}…", &clean[..i]),
        None => clean,
    }
}
