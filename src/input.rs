//! Reading articles from disk or stdin: decoding, and refusing what is not text.

use std::io::Read;
use std::path::Path;

use crate::document::{Document, Format};

/// Default maximum article size; larger files are skipped with a warning.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// Why a file was not checked. Each names the problem precisely enough to act on.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error(
        "not valid UTF-8: invalid byte 0x{byte:02X} at byte offset {offset} (line {line}); re-save the file as UTF-8"
    )]
    InvalidUtf8 {
        offset: usize,
        line: usize,
        byte: u8,
    },
    #[error("looks like a binary file (NUL byte at offset {offset}); skipped")]
    Binary { offset: usize },
    #[error(
        "file is {size} bytes, over the {limit}-byte limit; skipped (raise it with --max-file-size)"
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("invalid UTF-16 text at byte offset {offset}")]
    InvalidUtf16 { offset: usize },
    #[error(
        "not a regular file (a FIFO, socket or device); not read, as it could block forever (pipe it to `seigo check -` instead)"
    )]
    NotRegularFile,
}

/// Largest rule file read (a swap list of tens of thousands of pairs fits).
pub const MAX_RULE_BYTES: u64 = 4 * 1024 * 1024;
/// Largest config file read.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads a small UTF-8 file seigo is configured by (a rule file, a config): refuses what is
/// not a regular file (a FIFO would block) and what is over `limit` bytes (checked before and
/// while reading, so a file growing meanwhile cannot exhaust memory). `what` names the file in
/// messages ("rule file", "config").
pub fn read_config_text(path: &Path, limit: u64, what: &str) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {what}: {e}"))?;
    if meta.is_dir() {
        return Err(format!("cannot read {what}: Is a directory"));
    }
    if !meta.is_file() {
        return Err(format!(
            "{what} is not a regular file (a FIFO, socket or device); not read"
        ));
    }
    let too_large =
        |size: u64| format!("{what} is too large: {size} bytes, over the {limit}-byte limit");
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {what}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{what} is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Decodes raw bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM.
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    // The whole file, not a prefix as `git` does: text is never meant to hold NUL, and one
    // after the first few KB would otherwise reach the analysis (memchr scans 10 MB in ~1 ms).
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        InputError::InvalidUtf8 {
            offset,
            line: bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1,
            byte: bytes[offset],
        }
    })
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, InputError> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    let mut out = String::with_capacity(bytes.len());
    for (i, r) in char::decode_utf16(units.iter().copied()).enumerate() {
        match r {
            Ok(c) => out.push(c),
            Err(_) => return Err(InputError::InvalidUtf16 { offset: 2 + 2 * i }),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(InputError::InvalidUtf16 {
            offset: 2 + bytes.len() - 1,
        });
    }
    Ok(out)
}

/// Reads and parses one article file.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Document, InputError> {
    let bytes = read_bytes(path, max_bytes)?;
    parse_bytes(&path.display().to_string(), Format::from_path(path), bytes)
}

/// Reads a file's bytes, refusing directories and files over `max_bytes`.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(InputError::Io(std::io::Error::other("is a directory")));
    }
    if !meta.is_file() {
        return Err(InputError::NotRegularFile);
    }
    if meta.len() > max_bytes {
        return Err(InputError::TooLarge {
            size: meta.len(),
            limit: max_bytes,
        });
    }
    Ok(std::fs::read(path)?)
}

/// Decodes bytes and parses them as an article named `name`.
pub fn parse_bytes(name: &str, format: Format, bytes: Vec<u8>) -> Result<Document, InputError> {
    let encoding = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        crate::span::Encoding::Utf16
    } else {
        crate::span::Encoding::Utf8
    };
    let mut doc = Document::parse(name, decode(bytes)?, format);
    doc.encoding = encoding;
    Ok(doc)
}

/// Reads an article from a reader (stdin); `name` decides the format and the shown name.
/// Reads a stream (stdin) to its end, refusing more than `max_bytes`.
pub fn read_stream_bytes(mut reader: impl Read, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

pub fn read_stream(reader: impl Read, name: &str, max_bytes: u64) -> Result<Document, InputError> {
    let text = decode(read_stream_bytes(reader, max_bytes)?)?;
    Ok(Document::parse(
        name,
        text,
        Format::from_path(Path::new(name)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let mut bytes = "一行目\n二行".as_bytes().to_vec();
        bytes.push(0xFF);
        match decode(bytes) {
            Err(InputError::InvalidUtf8 { offset, line, byte }) => {
                assert_eq!(offset, "一行目\n二行".len());
                assert_eq!(line, 2);
                assert_eq!(byte, 0xFF);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00".to_vec()),
            Err(InputError::Binary { offset: 4 })
        ));
    }

    #[test]
    fn a_nul_anywhere_means_binary() {
        let mut bytes = "本文。".repeat(10_000).into_bytes();
        let at = bytes.len() - 3;
        bytes.insert(at, 0);
        assert!(matches!(decode(bytes), Err(InputError::Binary { offset }) if offset == at));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        for u in "日本語".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        assert_eq!(decode(le).unwrap(), "日本語");
        let mut be = vec![0xFE, 0xFF];
        for u in "テスト".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(be).unwrap(), "テスト");
    }

    #[test]
    fn empty_input_is_an_empty_document() {
        let doc = read_stream(&b""[..], "empty.txt", 100).unwrap();
        assert!(doc.blocks.is_empty());
    }

    #[test]
    fn size_limit_applies_to_streams() {
        assert!(matches!(
            read_stream(&b"0123456789"[..], "x.txt", 4),
            Err(InputError::TooLarge { .. })
        ));
    }
}
