//! Standard output and standard error.
//!
//! A reader that went away (`tunecalc run … | head`) ends the work quietly: the first write
//! that meets the closed pipe returns [`Error::Closed`], which stops whatever is still to be
//! computed and exits 0. Output that is lost is a failure (exit 1): a full disk, or a standard
//! output that was closed before tunecalc started (`tunecalc run x >&-`). The Rust runtime
//! quietly reopens a closed standard output on `/dev/null` (read-write), where every write
//! "succeeds"; that is told apart from a user's own `> /dev/null` (write-only) and refused.

use std::io::{self, Write};
use std::sync::OnceLock;

use crate::error::Error;

/// Prints to standard output. A reader that went away is [`Error::Closed`]: nothing more is
/// worth computing.
pub fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

/// [`print()`] for bytes (an SVG written to `-`).
pub fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    if stdout_was_closed() {
        return Err(Error::Stdout(io::Error::new(
            io::ErrorKind::BrokenPipe,
            "standard output is closed, so the output would be lost (was it started with >&- ?)",
        )));
    }
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(from_io)
}

/// A failed write to standard output: a closed pipe is the reader's choice, anything else
/// lost output.
pub fn from_io(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::Closed
    } else {
        Error::Stdout(e)
    }
}

/// Prints to standard error, ignoring a closed stream (warnings must never fail a run).
pub fn eprint(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Whether standard output was closed when tunecalc started: it is then `/dev/null` opened
/// read-write by the runtime (a shell's `> /dev/null` opens it write-only). Linux only; asked
/// once.
pub fn stdout_was_closed() -> bool {
    static CLOSED: OnceLock<bool> = OnceLock::new();
    *CLOSED.get_or_init(|| {
        let Ok(target) = std::fs::read_link("/proc/self/fd/1") else {
            return false;
        };
        if target != std::path::Path::new("/dev/null") {
            return false;
        }
        // "flags:\t0100002": octal; the access mode is the low two bits (2 = read-write).
        std::fs::read_to_string("/proc/self/fdinfo/1")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("flags:"))
                    .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            })
            .is_some_and(|flags| flags & 0o3 == 0o2)
    })
}

/// Whether standard output is a pipe whose reader went away (`| head -1` has exited): the
/// work still to be done would be thrown away, so long work asks this between pieces and
/// stops with [`Error::Closed`] instead of waiting for its next write to find out.
pub fn reader_gone() -> bool {
    #[cfg(unix)]
    {
        use rustix::event::{poll, PollFd, PollFlags, Timespec};
        let stdout = io::stdout();
        let mut fds = [PollFd::new(&stdout, PollFlags::OUT)];
        let now = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        if poll(&mut fds, Some(&now)).is_ok() {
            return fds[0].revents().intersects(PollFlags::ERR | PollFlags::HUP);
        }
    }
    false
}

/// [`reader_gone`] as an error, for `?` between pieces of work.
pub fn stop_if_reader_gone() -> Result<(), Error> {
    if reader_gone() {
        Err(Error::Closed)
    } else {
        Ok(())
    }
}
