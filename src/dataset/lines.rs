//! A training file, line by line, in batches: plain or gzip, with a BOM and CRLF line ends
//! accepted, and memory bounded however large the file or its longest line.
//!
//! A line longer than [`MAX_LINE_BYTES`] is not kept: it is reported by number and the file is
//! not read past it, so a 50 MB line is an error, not an out-of-memory, and a stream that
//! never ends a line ends the check instead of running for ever.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::error::Error;

/// The longest line kept, in bytes (a conversation of about a million tokens is far longer
/// than any provider accepts).
pub const MAX_LINE_BYTES: usize = 8 * 1024 * 1024;
/// Bytes of lines handed over at once (then checked in parallel).
pub const BATCH_BYTES: usize = 512 * 1024;

/// One line of the file, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Its text, without the line end (and without a BOM on line 1).
    Text(String),
    /// Not valid UTF-8: the first invalid byte, its offset within the line and within the
    /// (decompressed) file, and the 1-based column (in characters) it would have had.
    NotUtf8 {
        offset: usize,
        file_offset: u64,
        column: u64,
        byte: u8,
    },
    /// Longer than [`MAX_LINE_BYTES`]: the last line read (nothing after it is).
    TooLong,
}

/// Reads numbered lines from a file (or standard input as `-`), decompressing gzip (by its
/// magic bytes) on the way.
pub struct Lines {
    reader: Box<dyn BufRead + Send>,
    number: u64,
    /// Bytes read so far (of the decompressed text): where each line starts.
    pub read: u64,
    /// Bytes read from the file itself (compressed, for a gzip file): progress against its size.
    pub from_file: std::sync::Arc<std::sync::atomic::AtomicU64>,
    done: bool,
}

/// Counts the bytes that pass through it.
struct Counted<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

impl Lines {
    pub fn open(path: &Path) -> Result<Lines, Error> {
        let fail = |reason: String| Error::Read {
            path: path.to_path_buf(),
            reason,
        };
        let raw: Box<dyn Read + Send> = if crate::io::is_stdio(path) {
            Box::new(std::io::stdin())
        } else {
            Box::new(crate::io::open_input(
                path,
                "a training",
                "give the training file itself (a .jsonl or .jsonl.gz)",
            )?)
        };
        let from_file = std::sync::Arc::default();
        let raw = Counted {
            inner: raw,
            count: std::sync::Arc::clone(&from_file),
        };
        let mut buffered = BufReader::with_capacity(256 * 1024, raw);
        let gz = buffered
            .fill_buf()
            .map(|b| b.starts_with(&[0x1f, 0x8b]))
            .map_err(|e| fail(crate::io::describe_io_error(&e)))?;
        let reader: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(
                256 * 1024,
                flate2::read::MultiGzDecoder::new(buffered),
            ))
        } else {
            Box::new(buffered)
        };
        Ok(Lines {
            reader,
            number: 0,
            read: 0,
            from_file,
            done: false,
        })
    }

    /// The next batch of (line number, line), about [`BATCH_BYTES`] of text; empty at the end.
    pub fn batch(&mut self) -> Result<Vec<(u64, Line)>, std::io::Error> {
        let mut out = Vec::new();
        let mut bytes = 0usize;
        while !self.done && bytes < BATCH_BYTES {
            match self.next_line()? {
                Some(line) => {
                    if let Line::Text(t) = &line {
                        bytes += t.len();
                    }
                    out.push((self.number, line));
                }
                None => self.done = true,
            }
        }
        Ok(out)
    }

    /// Reads one line, keeping at most [`MAX_LINE_BYTES`] of it. A longer line ends the
    /// reading there: no training file has one, and a stream without line ends (`/dev/zero`
    /// through a pipe) would otherwise be read for ever.
    fn next_line(&mut self) -> Result<Option<Line>, std::io::Error> {
        let mut buf: Vec<u8> = Vec::new();
        let start = self.read;
        let mut any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            any = true;
            let (part, found) = match available.iter().position(|b| *b == b'\n') {
                Some(i) => (&available[..i], true),
                None => (available, false),
            };
            if buf.len() + part.len() > MAX_LINE_BYTES {
                self.number += 1;
                self.done = true;
                return Ok(Some(Line::TooLong));
            }
            buf.extend_from_slice(part);
            let used = part.len() + usize::from(found);
            self.reader.consume(used);
            self.read += used as u64;
            if found {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.number += 1;
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        let mut skipped = 0;
        if self.number == 1 && buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
            buf.drain(..3);
            skipped = 3;
        }
        Ok(Some(match String::from_utf8(buf) {
            Ok(text) => Line::Text(text),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.as_bytes();
                let column = String::from_utf8_lossy(&bytes[..offset]).chars().count() as u64 + 1;
                Line::NotUtf8 {
                    offset,
                    file_offset: start + (offset + skipped) as u64,
                    column,
                    byte: bytes[offset],
                }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(bytes: &[u8]) -> Vec<(u64, Line)> {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("t.jsonl");
        std::fs::write(&path, bytes).expect("write");
        let mut l = Lines::open(&path).expect("opens");
        let mut all = Vec::new();
        loop {
            let b = l.batch().expect("reads");
            if b.is_empty() {
                break;
            }
            all.extend(b);
        }
        all
    }

    #[test]
    fn a_bom_and_crlf_are_dropped_and_bad_bytes_located() {
        let all = lines_of(b"\xEF\xBB\xBF{\"a\":1}\r\n{\"b\":\xff}\n\nlast");
        assert_eq!(all[0], (1, Line::Text("{\"a\":1}".into())));
        let Line::NotUtf8 {
            offset,
            file_offset,
            column,
            byte,
        } = all[1].1
        else {
            panic!("line 2 is not UTF-8: {:?}", all[1]);
        };
        assert_eq!((offset, column, byte), (5, 6, 0xFF));
        // Line 1 is the BOM, `{"a":1}` and CRLF: 3 + 7 + 2 bytes, so line 2 starts at 12.
        assert_eq!(file_offset, 12 + 5);
        assert_eq!(all[2], (3, Line::Text(String::new())));
        assert_eq!(all[3], (4, Line::Text("last".into())));
        assert_eq!(all.len(), 4);
    }

    #[test]
    fn gzip_is_read_through() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"one\ntwo\n").expect("compress");
        let all = lines_of(&gz.finish().expect("done"));
        assert_eq!(all.len(), 2);
        assert_eq!(all[1], (2, Line::Text("two".into())));
    }
}
