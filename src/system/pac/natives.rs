//! The Rust side of the helpers: the values the script may read (the clock, this machine's
//! address) and the functions it may call (the caller's resolver, IPv6 prefix matching), each
//! bounded: a lookup is made once per name, at most `lookups` names per evaluation, none after
//! the time limit.

use std::cell::RefCell;
use std::collections::HashMap;
use std::net::IpAddr;
use std::rc::Rc;
use std::time::Instant;

use rquickjs::{Ctx, Function, Object};

use super::clock::{PacClock, WallTime};
use super::environment::PacResolver;

/// The longest name handed to the resolver (DNS's limit).
const MAX_NAME_LEN: usize = 253;
/// The most addresses kept from one lookup.
const MAX_ADDRESSES: usize = 16;

/// One name the script had resolved, and what the resolver answered (empty: nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacLookup {
    pub name: String,
    pub addresses: Vec<IpAddr>,
}

/// The lookups of one evaluation: the resolver, its budget and what it answered.
pub struct Lookups {
    resolver: PacResolver,
    limit: usize,
    deadline: Instant,
    cache: HashMap<String, Vec<IpAddr>>,
    /// In the order asked, for the report.
    asked: Vec<PacLookup>,
}

impl Lookups {
    /// No lookups yet; at most `limit` names, none after `deadline`.
    pub fn new(resolver: PacResolver, limit: usize, deadline: Instant) -> Lookups {
        Lookups {
            resolver,
            limit,
            deadline,
            cache: HashMap::new(),
            asked: Vec::new(),
        }
    }

    /// The addresses of `name`: an address written as one is its own answer; a name past the
    /// budget, past the deadline or longer than DNS allows resolves to nothing.
    fn lookup(&mut self, name: &str) -> Vec<IpAddr> {
        if let Ok(ip) = name.parse::<IpAddr>() {
            return vec![ip];
        }
        let key = name.to_ascii_lowercase();
        if let Some(found) = self.cache.get(&key) {
            return found.clone();
        }
        let allowed = !key.is_empty()
            && key.len() <= MAX_NAME_LEN
            && self.asked.len() < self.limit
            && Instant::now() < self.deadline;
        if !allowed {
            return Vec::new();
        }
        let mut addresses = (self.resolver)(&key);
        addresses.truncate(MAX_ADDRESSES);
        self.asked.push(PacLookup {
            name: key.clone(),
            addresses: addresses.clone(),
        });
        self.cache.insert(key, addresses.clone());
        addresses
    }

    /// The names asked, in order (the engine may still hold the functions that share this).
    pub fn take_asked(&mut self) -> Vec<PacLookup> {
        std::mem::take(&mut self.asked)
    }
}

/// Looks `name` up through the shared state; nothing when it is busy (it never is: the engine
/// runs one call at a time, but a borrow must not be able to panic).
fn lookup_shared(lookups: &Rc<RefCell<Lookups>>, name: &str) -> Vec<IpAddr> {
    lookups
        .try_borrow_mut()
        .map(|mut l| l.lookup(name))
        .unwrap_or_default()
}

/// The `native` object of `helpers.js`: `resolve4`, `resolveAll` and `inNetEx`.
pub fn native_object<'js>(ctx: &Ctx<'js>, lookups: &Rc<RefCell<Lookups>>) -> rquickjs::Result<Object<'js>> {
    let native = Object::new(ctx.clone())?;
    let shared = Rc::clone(lookups);
    let resolve4 = move |name: String| -> Option<String> {
        lookup_shared(&shared, &name)
            .into_iter()
            .find(IpAddr::is_ipv4)
            .map(|ip| ip.to_string())
    };
    native.set("resolve4", Function::new(ctx.clone(), resolve4)?)?;
    let shared = Rc::clone(lookups);
    // Microsoft's dnsResolveEx: every address, `;`-separated.
    let resolve_all = move |name: String| -> String {
        let all: Vec<String> = lookup_shared(&shared, &name)
            .iter()
            .map(IpAddr::to_string)
            .collect();
        all.join(";")
    };
    native.set("resolveAll", Function::new(ctx.clone(), resolve_all)?)?;
    native.set("inNetEx", Function::new(ctx.clone(), in_net_ex)?)?;
    Ok(native)
}

/// Microsoft's isInNetEx: `address` (an IPv4 or IPv6 address) lies in `prefix` (`a/len`).
fn in_net_ex(address: String, prefix: String) -> bool {
    match (address.parse::<IpAddr>(), prefix.trim().parse::<ipnet::IpNet>()) {
        (Ok(ip), Ok(net)) => net.contains(&ip),
        _ => false,
    }
}

/// The `env` object of `helpers.js`: the wall time in GMT and local time, and `myIp`.
pub fn env_object<'js>(ctx: &Ctx<'js>, clock: &PacClock, my_ip: IpAddr) -> rquickjs::Result<Object<'js>> {
    let env = Object::new(ctx.clone())?;
    env.set("gmt", wall_time_object(ctx, &clock.wall_time(true))?)?;
    env.set("local", wall_time_object(ctx, &clock.wall_time(false))?)?;
    env.set("myIp", my_ip.to_string())?;
    Ok(env)
}

fn wall_time_object<'js>(ctx: &Ctx<'js>, t: &WallTime) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    o.set("year", t.year)?;
    for (name, value) in [
        ("month", t.month),
        ("day", t.day),
        ("weekday", t.weekday),
        ("hour", t.hour),
        ("minute", t.minute),
        ("second", t.second),
    ] {
        o.set(name, i32::from(value))?;
    }
    Ok(o)
}
