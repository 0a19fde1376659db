//! The one reader of files named by the user or the system: only a regular file, at most a cap
//! suited to its kind, and never a wait on a FIFO, a device or a terminal swapped in for it.

use std::io::Read;
use std::path::Path;

use crate::i18n::Message;
use crate::msg;

/// What a file holds, and so how large it may be. Every file the tool reads names its kind here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// `--api-key-file`: one key, a few hundred bytes.
    ApiKey,
    /// `--cacert`, `SSL_CERT_FILE` and each file of `SSL_CERT_DIR`: PEM certificates. The
    /// largest system bundles are about 250 KiB.
    Certificates,
    /// `--edge-ranges`: one CIDR range a line (see [`EDGE_RANGES_MAX`] for the count).
    EdgeRanges,
    /// The hosts file.
    Hosts,
}

/// At most this many ranges in `--edge-ranges` (Cloudflare publishes 22).
pub const EDGE_RANGES_MAX: usize = 100_000;

impl FileRole {
    /// The largest file of this kind that is read, in bytes.
    pub const fn cap(self) -> u64 {
        const KIB: u64 = 1024;
        const MIB: u64 = 1024 * KIB;
        match self {
            FileRole::ApiKey => 4 * KIB,
            FileRole::Certificates | FileRole::EdgeRanges => 4 * MIB,
            FileRole::Hosts => MIB,
        }
    }
}

/// What a path names when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Directory,
    Fifo,
    Device,
    Socket,
    Other,
}

impl FileKind {
    /// The stable code: `directory`, `fifo`, `device`, `socket`, `other`.
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Directory => "directory",
            FileKind::Fifo => "fifo",
            FileKind::Device => "device",
            FileKind::Socket => "socket",
            FileKind::Other => "other",
        }
    }

    /// What a file type that is not a regular file is.
    fn of(file_type: std::fs::FileType) -> FileKind {
        if file_type.is_dir() {
            return FileKind::Directory;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return FileKind::Fifo;
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return FileKind::Device;
            }
            if file_type.is_socket() {
                return FileKind::Socket;
            }
        }
        FileKind::Other
    }
}

/// Why a capped read gave no bytes.
#[derive(Debug)]
pub enum CappedReadError {
    /// There is no such file.
    NotFound,
    /// It is a directory, a FIFO, a device or a socket: it was not opened.
    NotAFile(FileKind),
    /// It is larger than the cap: `seen` bytes or more (from its size or from reading it).
    TooLarge { cap: u64, seen: u64 },
    /// It could not be read.
    Io(std::io::Error),
}

impl CappedReadError {
    /// The error as one sentence naming the setting (`--cacert`, `SSL_CERT_FILE`, …), the file
    /// and, for a file over the cap, the cap.
    pub fn message(&self, setting: &str, path: &Path) -> Message {
        let path = path.display().to_string();
        match self {
            CappedReadError::NotFound => msg!("file-not-found", setting = setting, path = path),
            CappedReadError::NotAFile(kind) => msg!(
                "file-not-regular",
                setting = setting,
                path = path,
                kind = kind.code()
            ),
            CappedReadError::TooLarge { cap, .. } => msg!(
                "file-too-large",
                setting = setting,
                path = path,
                limit = size_text(*cap)
            ),
            CappedReadError::Io(e) => msg!(
                "file-unreadable",
                setting = setting,
                path = path,
                error = e.to_string()
            ),
        }
    }
}

/// A cap as people read it: `4 KiB`, `4 MiB`.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} B"),
    }
}

/// The bytes of the regular file at `path`, at most `role`'s cap of them.
pub fn read_file(path: &Path, role: FileRole) -> Result<Vec<u8>, CappedReadError> {
    read_capped(path, role.cap())
}

/// The bytes of the regular file at `path`, at most `cap` of them. Nothing but a regular file is
/// opened, and the open itself cannot block: a FIFO, a device or a terminal is refused at once.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, CappedReadError> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => CappedReadError::NotFound,
        _ => CappedReadError::Io(e),
    };
    let refuse_irregular = |meta: &std::fs::Metadata| match meta.is_file() {
        true => Ok(()),
        false => Err(CappedReadError::NotAFile(FileKind::of(meta.file_type()))),
    };
    // Checked before opening: opening a FIFO for reading waits for a writer.
    let meta = std::fs::metadata(path).map_err(io)?;
    refuse_irregular(&meta)?;
    if meta.len() > cap {
        return Err(CappedReadError::TooLarge {
            cap,
            seen: meta.len(),
        });
    }
    let handle = open_without_blocking(path).map_err(io)?;
    // Checked again on the open file: it may have been replaced since.
    refuse_irregular(&handle.metadata().map_err(io)?)?;
    let mut bytes = Vec::new();
    handle
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(CappedReadError::TooLarge {
            cap,
            seen: bytes.len() as u64,
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn fifo(dir: &Path) -> Option<std::path::PathBuf> {
        let path = dir.join("fifo");
        std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success())
            .then_some(path)
    }

    #[test]
    fn a_file_over_its_cap_is_refused_naming_the_cap() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("key");
        std::fs::write(&path, vec![b'k'; 4097]).expect("write");
        let err = read_file(&path, FileRole::ApiKey).expect_err("over the cap");
        assert!(matches!(
            err,
            CappedReadError::TooLarge {
                cap: 4096,
                seen: 4097
            }
        ));
        let text = err.message("--api-key-file", &path).to_string();
        assert!(
            text.contains("4 KiB") && text.contains("--api-key-file"),
            "{text}"
        );
        std::fs::write(&path, vec![b'k'; 4096]).expect("write");
        assert_eq!(
            read_file(&path, FileRole::ApiKey).expect("at the cap").len(),
            4096
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_directories_are_refused_at_once() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let start = std::time::Instant::now();
        let kind = |p: &Path| match read_file(p, FileRole::Certificates) {
            Err(CappedReadError::NotAFile(k)) => Some(k),
            _ => None,
        };
        assert_eq!(kind(Path::new("/dev/zero")), Some(FileKind::Device));
        assert_eq!(kind(dir.path()), Some(FileKind::Directory));
        if let Some(f) = fifo(dir.path()) {
            assert_eq!(kind(&f), Some(FileKind::Fifo));
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn sizes_are_written_in_binary_units() {
        assert_eq!(size_text(4096), "4 KiB");
        assert_eq!(size_text(4 << 20), "4 MiB");
        assert_eq!(size_text(1000), "1000 B");
    }
}
