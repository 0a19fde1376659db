//! What an evaluation may see and spend: the caller's resolver, this machine's address, the
//! clock, and the limits on time, memory, stack, script size and lookups.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use super::clock::PacClock;

/// Resolves a name for `dnsResolve`, `isResolvable`, `isInNet` and `dnsResolveEx`: every address
/// found, empty when none. Called synchronously from the script, so the caller bounds it in
/// time (the evaluation stops asking once its time limit has passed). Tests pass a table; the
/// script has no say in which resolver answers.
pub type PacResolver = Arc<dyn Fn(&str) -> Vec<IpAddr> + Send + Sync>;

/// What one evaluation may spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacLimits {
    /// Wall time for loading the script and one `FindProxyForURL` call together.
    pub time: Duration,
    /// The engine's heap.
    pub memory_bytes: usize,
    /// The engine's stack (deep recursion ends here, not in a crash).
    pub stack_bytes: usize,
    /// The largest script accepted (the fetch cap should be the same).
    pub script_bytes: usize,
    /// Distinct names the script may have resolved in one evaluation; later ones resolve to
    /// nothing, so a script looping over names cannot turn into a flood of queries.
    pub lookups: usize,
}

/// 1 s: PAC scripts answer in milliseconds; Chrome allows its (out-of-process) resolver no
/// more than a few seconds before it goes direct.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(1);
/// 16 MiB: a large corporate PAC with its tables needs well under 2 MiB.
pub const DEFAULT_MEMORY_LIMIT: usize = 16 * 1024 * 1024;
/// 512 KiB of engine stack: thousands of nested calls.
pub const DEFAULT_STACK_LIMIT: usize = 512 * 1024;
/// 1 MiB: the largest real PAC files are a few hundred KiB of generated rules.
pub const DEFAULT_SCRIPT_LIMIT: usize = 1024 * 1024;
/// 32 distinct names per evaluation.
pub const DEFAULT_LOOKUP_LIMIT: usize = 32;

/// The bounds [`PacLimits::effective`] keeps limits within: QuickJS reads a memory or stack
/// limit of 0 as none at all, and an instant cannot lie arbitrarily far ahead.
const MIN_MEMORY: usize = 1024 * 1024;
const MIN_STACK: usize = 64 * 1024;
const MAX_TIME: Duration = Duration::from_secs(3600);

impl PacLimits {
    /// The limits as applied: time at most an hour, memory at least 1 MiB, stack at least
    /// 64 KiB (so that no setting turns a limit off).
    pub fn effective(&self) -> PacLimits {
        PacLimits {
            time: self.time.min(MAX_TIME),
            memory_bytes: self.memory_bytes.max(MIN_MEMORY),
            stack_bytes: self.stack_bytes.max(MIN_STACK),
            ..*self
        }
    }
}

impl Default for PacLimits {
    fn default() -> Self {
        PacLimits {
            time: DEFAULT_TIME_LIMIT,
            memory_bytes: DEFAULT_MEMORY_LIMIT,
            stack_bytes: DEFAULT_STACK_LIMIT,
            script_bytes: DEFAULT_SCRIPT_LIMIT,
            lookups: DEFAULT_LOOKUP_LIMIT,
        }
    }
}

/// Everything outside the script that an evaluation sees.
#[derive(Clone)]
pub struct PacEnvironment {
    /// The resolver behind the DNS helpers.
    pub resolve: PacResolver,
    /// What `myIpAddress()` returns (browsers give the address of the interface that holds the
    /// default route, IPv4 preferred).
    pub my_ip: IpAddr,
    /// "Now" for the date and time helpers.
    pub clock: PacClock,
    pub limits: PacLimits,
}

impl fmt::Debug for PacEnvironment {
    // By hand: a closure has no Debug.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PacEnvironment")
            .field("my_ip", &self.my_ip)
            .field("clock", &self.clock)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl PacEnvironment {
    /// An environment with the system clock and the default limits.
    pub fn new(resolve: PacResolver, my_ip: IpAddr) -> PacEnvironment {
        PacEnvironment {
            resolve,
            my_ip,
            clock: PacClock::system(),
            limits: PacLimits::default(),
        }
    }
}
