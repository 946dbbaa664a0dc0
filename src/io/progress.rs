//! A progress line on standard error for long work.

use std::io::{self, Write};

/// A progress line on standard error for long work: shown only on a terminal, only once the
/// work has run for a second, redrawn a few times a second, and cleared when done. Pipes and
/// CI logs never see it.
pub struct Progress {
    done: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    painter: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts watching `total` units of work called `what`.
    pub fn start(what: &'static str, total: usize) -> Progress {
        Progress::watch(what.to_string(), total, false)
    }

    /// Starts watching `total` bytes of a file being read, shown in megabytes.
    pub fn start_bytes(what: String, total: usize) -> Progress {
        Progress::watch(what, total, true)
    }

    fn watch(what: String, total: usize, bytes: bool) -> Progress {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::Arc;
        let done = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        use std::io::IsTerminal;
        let painter = std::io::stderr().is_terminal().then(|| {
            let (done, stop) = (Arc::clone(&done), Arc::clone(&stop));
            std::thread::spawn(move || {
                let begun = std::time::Instant::now();
                let mut shown = false;
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    if begun.elapsed() < std::time::Duration::from_secs(1) {
                        continue;
                    }
                    let n = done.load(Ordering::Relaxed).min(total);
                    let scale = |v: usize| if bytes { v / 1_000_000 } else { v };
                    let _ = write!(
                        io::stderr(),
                        "\r{what}: {:>3} % ({} of {}{})",
                        n * 100 / total.max(1),
                        crate::present::number::count(scale(n) as u128),
                        crate::present::number::count(scale(total) as u128),
                        if bytes { " MB" } else { "" }
                    );
                    shown = true;
                }
                if shown {
                    let _ = write!(io::stderr(), "\r\x1b[2K");
                }
            })
        });
        Progress {
            done,
            stop,
            painter,
        }
    }

    /// The counter the work adds to.
    pub fn counter(&self) -> &std::sync::atomic::AtomicUsize {
        &self.done
    }

    /// Stops and clears the line.
    pub fn finish(mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(p) = self.painter.take() {
            let _ = p.join();
        }
    }
}
