//! Reading a file the user (or the system) names, as untrusted input: only a regular file, at most
//! `cap` bytes, and never a wait on a FIFO swapped in for it.

use std::io::Read;
use std::path::Path;

/// Why a capped read gave no bytes.
#[derive(Debug)]
pub enum CappedReadError {
    /// There is no such file.
    NotFound,
    /// It is a directory, a FIFO, a device or a socket.
    NotAFile,
    /// It is larger than the cap.
    TooLarge,
    /// It could not be read.
    Io(std::io::Error),
}

/// The bytes of the regular file at `path`, at most `cap` of them.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, CappedReadError> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => CappedReadError::NotFound,
        _ => CappedReadError::Io(e),
    };
    // Checked before opening: opening a FIFO for reading waits for a writer.
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(CappedReadError::NotAFile);
    }
    if meta.len() > cap {
        return Err(CappedReadError::TooLarge);
    }
    let handle = open_without_blocking(path).map_err(io)?;
    // Checked again on the open file: it may have been replaced since.
    if !handle.metadata().map_err(io)?.is_file() {
        return Err(CappedReadError::NotAFile);
    }
    let mut bytes = Vec::new();
    handle
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(CappedReadError::TooLarge);
    }
    Ok(bytes)
}

/// Opens for reading; on Linux with `O_NONBLOCK`, so that a FIFO swapped in after the check
/// cannot block the open (regular files ignore the flag).
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(
        target_os = "linux",
        any(
            target_arch = "x86",
            target_arch = "x86_64",
            target_arch = "arm",
            target_arch = "aarch64",
            target_arch = "riscv64"
        )
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        /// `O_NONBLOCK` on these architectures (asm-generic/fcntl.h).
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}
