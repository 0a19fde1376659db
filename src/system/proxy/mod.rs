//! The system proxy as the browser and the desktop apps see it, each source reported with where
//! it came from: the Windows registry (`windows`), macOS's `SCDynamicStore` (`macos`), GNOME's
//! `gsettings` (`gnome`) and KDE's `kioslaverc` (`kde`). Absent or unreadable sources are
//! readings, never errors; every read is bounded in time and bytes.
//!
//! [`read_system_proxy`] reads the sources of this system and names the one in force
//! (`sources`); [`SystemProxySetting::choice_for`] says which proxy a setting gives a URL,
//! following that system's rules for exceptions and fallbacks (`model`, `exceptions`).
//!
//! Only the operating-system calls sit behind `cfg`; every parser (registry values, the macOS
//! property list, GVariant text, KConfig files) is plain Rust, compiled and tested everywhere.

mod command;
mod endpoint;
mod exceptions;
mod gnome;
mod gvariant;
mod kde;
// The parsers of the other systems are compiled (and tested) everywhere, used only there.
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
mod macos;
mod model;
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
mod plist;
mod sources;
#[cfg_attr(not(windows), allow(dead_code))]
mod windows;

pub use endpoint::ProxyEndpoint;
pub use exceptions::ExceptionSyntax;
pub use model::{
    ProxyPlatform, ProxySource, SourceReading, SystemProxy, SystemProxyChoice, SystemProxyMode,
    SystemProxySetting,
};
pub use sources::{Desktop, SOURCES_TIMEOUT, desktop_from_env, read_desktop_proxy, read_system_proxy};
