//! What this computer says about how its programs reach the network, read as untrusted input:
//! the hosts file, the system proxy (per operating system, each source named), PAC files
//! evaluated in a sandbox, and the network interfaces (VPN and TUN adapters). Readings, not
//! judgements: `diagnose` weighs them.

pub mod hosts;
pub mod interfaces;
pub mod pac;
pub mod proxy;
