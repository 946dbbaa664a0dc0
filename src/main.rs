//! The `tunecalc` binary: parse arguments, run, print the error once, exit with its code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    tunecalc::io::write::clean_up_on_signals();
    let cli = match tunecalc::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0, usage errors to stderr with 2; help that
            // cannot be written (a full disk, a closed standard output) is lost output: 1.
            let to_stdout = !e.use_stderr();
            let lost = to_stdout && tunecalc::io::stdout::stdout_was_closed();
            return match e.print() {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => ExitCode::from(1),
                _ if lost => {
                    tunecalc::io::eprint(
                        "error: standard output is closed, so the help would be lost\n",
                    );
                    ExitCode::from(1)
                }
                _ => ExitCode::from(if to_stdout { 0 } else { 2 }),
            };
        }
    };
    let result = tunecalc::cli::run(cli);
    if tunecalc::io::write::ending_signal().is_some() {
        // A signal is ending the run and its handler is removing the temporaries (the work
        // may have failed for it): let the handler finish and exit with the signal's status
        // (bounded, in case it cannot).
        std::thread::sleep(std::time::Duration::from_secs(10));
        return ExitCode::from(130);
    }
    match result {
        Ok(()) | Err(tunecalc::Error::Closed) => ExitCode::SUCCESS,
        Err(tunecalc::Error::Failed) => ExitCode::from(2),
        Err(e) => {
            // Nothing a file (or its name) holds may reach the terminal as a control sequence.
            let text = e.to_string();
            tunecalc::io::eprint(&format!(
                "error: {}\n",
                tunecalc::present::text::escape(&text, true)
            ));
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}
