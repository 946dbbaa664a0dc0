//! The `tunecalc` binary: parse arguments, run, print the error once, exit with its code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match tunecalc::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match tunecalc::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
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
