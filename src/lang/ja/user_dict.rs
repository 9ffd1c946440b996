//! User dictionaries: validated before lindera sees them.
//!
//! lindera 0.28 trusts its input: a row with one or two fields indexes past the record, an
//! empty file or an empty surface trips an assertion in the double-array builder, a surface
//! of 30,000 characters overflows its recursion, more than 31 entries for one surface overflow
//! the 5 bits it packs their count in, and a connection id beyond the matrix panics in the
//! segmenter as soon as the word occurs. Every row is checked here, with its line number, and
//! lindera builds from the checked rows (written to a private temporary copy, so a file
//! changing on disk meanwhile cannot bypass the checks).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lindera_core::dictionary::UserDictionary;
use lindera_dictionary::DictionaryKind;

/// `surface,POS,reading`: lindera's simple form.
const SIMPLE_FIELDS: usize = 3;
/// `surface,left_id,right_id,cost,POS×4,conjugation×2,base,reading,pronunciation`.
const DETAILED_FIELDS: usize = 13;
/// Longer surfaces are refused: no dictionary word is this long, and lindera's builder recurses
/// once per byte of a key.
pub const MAX_SURFACE_CHARS: usize = 100;
/// lindera stores the number of entries per surface in 5 bits.
const MAX_ENTRIES_PER_SURFACE: usize = 31;
/// lindera shifts the first entry id left by 5 bits into a `u32`.
const MAX_ENTRIES: usize = 1 << 26;
/// The size of a user dictionary file that is read at all.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// What is wrong with a user dictionary, located at a line when one row is to blame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot load user dictionary {}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct UserDictError {
    pub path: PathBuf,
    /// 1-based line of the row, when one row is to blame.
    pub line: Option<u64>,
    pub message: String,
}

/// The connection matrix's dimensions: left and right ids must be below them.
#[derive(Debug, Clone, Copy)]
pub struct Matrix {
    pub left_ids: u32,
    pub right_ids: u32,
}

/// Checks a user dictionary file and builds it.
pub fn load(path: &Path, matrix: Matrix) -> Result<UserDictionary, UserDictError> {
    let err = |line: Option<u64>, message: String| UserDictError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(None, reason(&e)))?;
    if meta.is_dir() {
        return Err(err(None, "is a directory".into()));
    }
    if !meta.is_file() {
        return Err(err(
            None,
            "not a regular file (a FIFO, socket or device)".into(),
        ));
    }
    if path.extension().and_then(|e| e.to_str()) != Some("csv") {
        return Err(err(
            None,
            "a user dictionary must be a CSV file (`surface,POS,reading` per line, or IPADIC's 13 fields) named *.csv".into(),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(err(
            None,
            format!(
                "is {} bytes, over the {MAX_BYTES}-byte limit for user dictionaries",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| err(None, reason(&e)))?;
    let rows = check(&bytes, matrix).map_err(|(line, message)| err(line, message))?;
    build(&rows).map_err(|message| err(None, message))
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// Parses and checks every row; the rows are returned as lindera will read them.
pub fn check(bytes: &[u8], matrix: Matrix) -> Result<Vec<Vec<String>>, (Option<u64>, String)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut per_surface: HashMap<String, usize> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(line, |p| p.line());
                let why = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
                    _ => e.to_string(),
                };
                return Err((Some(at), why));
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let at = |message: String| (Some(line), message);
        let fields: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8(f.to_vec()))
            .collect::<Result<_, _>>()
            .map_err(|_| at("not valid UTF-8".into()))?;
        if fields.len() == 1 && fields[0].trim().is_empty() {
            continue;
        }
        if fields.iter().any(|f| f.contains('\n')) {
            return Err(at(
                "a quoted field runs past the end of the line (an unbalanced `\"`)".into(),
            ));
        }
        if fields.len() != SIMPLE_FIELDS && fields.len() < DETAILED_FIELDS {
            return Err(at(format!(
                "expected {SIMPLE_FIELDS} fields (surface,POS,reading) or {DETAILED_FIELDS} (surface,left id,right id,cost,POS…), found {}",
                fields.len()
            )));
        }
        if let Some(f) = fields.iter().find(|f| f.chars().any(char::is_control)) {
            return Err(at(format!(
                "control character (such as NUL) in field `{}`",
                f.escape_default()
            )));
        }
        let surface = &fields[0];
        if surface.trim().is_empty() {
            return Err(at("the surface (first field) is empty".into()));
        }
        if surface.chars().count() > MAX_SURFACE_CHARS {
            return Err(at(format!(
                "the surface is {} characters long; at most {MAX_SURFACE_CHARS} are allowed",
                surface.chars().count()
            )));
        }
        if fields.len() >= DETAILED_FIELDS {
            let id = |i: usize, what: &str, limit: u32| -> Result<(), (Option<u64>, String)> {
                match fields[i].trim().parse::<u32>() {
                    Ok(v) if v < limit => Ok(()),
                    Ok(v) => Err(at(format!(
                        "{what} {v} is out of range: the dictionary has ids 0..{}",
                        limit - 1
                    ))),
                    Err(_) => Err(at(format!("{what} `{}` is not a number", fields[i]))),
                }
            };
            id(1, "left connection id", matrix.left_ids)?;
            id(2, "right connection id", matrix.right_ids)?;
            if fields[3].trim().parse::<i16>().is_err() {
                return Err(at(format!(
                    "word cost `{}` is not a number from -32768 to 32767",
                    fields[3]
                )));
            }
        }
        let count = per_surface.entry(surface.clone()).or_default();
        *count += 1;
        if *count > MAX_ENTRIES_PER_SURFACE {
            return Err(at(format!(
                "more than {MAX_ENTRIES_PER_SURFACE} entries for the surface `{surface}`"
            )));
        }
        rows.push(fields);
        if rows.len() > MAX_ENTRIES {
            return Err(at(format!("more than {MAX_ENTRIES} entries")));
        }
    }
    if rows.is_empty() {
        return Err((None, "the user dictionary has no entries".into()));
    }
    Ok(rows)
}

/// Builds checked rows with lindera's builder, from a private temporary copy.
fn build(rows: &[Vec<String>]) -> Result<UserDictionary, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temporary file: {e}"))?;
    let copy = dir.path().join("user.csv");
    let mut writer = csv::Writer::from_path(&copy).map_err(|e| e.to_string())?;
    for row in rows {
        writer.write_record(row).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    drop(writer);
    // The rows are checked against everything lindera 0.28 is known to trip on; a panic here
    // would be a lindera bug on input it should accept, reported rather than crashing.
    std::panic::catch_unwind(|| {
        lindera_dictionary::build_user_dictionary_from_csv(DictionaryKind::IPADIC, copy.clone())
    })
    .map_err(|_| "lindera could not build it (an internal error)".to_string())?
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const IPADIC: Matrix = Matrix {
        left_ids: 1316,
        right_ids: 1316,
    };

    fn problem(text: &str) -> (Option<u64>, String) {
        check(text.as_bytes(), IPADIC).unwrap_err()
    }

    #[test]
    fn simple_and_detailed_rows_are_accepted() {
        let rows = check(
            "新語,名詞,シンゴ\n\n帰り咲き,1285,1285,3000,名詞,一般,*,*,*,*,帰り咲き,カエリザキ,カエリザキ\n"
                .as_bytes(),
            IPADIC,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn each_malformation_names_its_line() {
        let cases = [
            ("", None, "no entries"),
            ("新語,名詞,シンゴ\n帰り先\n", Some(2), "expected 3 fields"),
            ("帰り先,名詞\n", Some(1), "found 2"),
            ("新語,名詞,シンゴ\n\"abc,名詞,エー\n", Some(2), "unbalanced"),
            ("帰\0り,名詞,カエリ\n", Some(1), "control character"),
            (",名詞,ア\n", Some(1), "surface"),
            (
                "帰り先,1316,1,1,名詞,一般,*,*,*,*,帰り先,カエリサキ,カエリサキ\n",
                Some(1),
                "left connection id 1316 is out of range",
            ),
            (
                "帰り先,1,x,1,名詞,一般,*,*,*,*,帰り先,カエリサキ,カエリサキ\n",
                Some(1),
                "right connection id `x` is not a number",
            ),
            (
                "帰り先,1,1,99999,名詞,一般,*,*,*,*,帰り先,カエリサキ,カエリサキ\n",
                Some(1),
                "word cost",
            ),
        ];
        for (text, line, what) in cases {
            let (at, message) = problem(text);
            assert_eq!(at, line, "{text:?}: {message}");
            assert!(message.contains(what), "{text:?}: {message}");
        }
        let long = format!("{},名詞,ア\n", "あ".repeat(MAX_SURFACE_CHARS + 1));
        assert!(problem(&long).1.contains("characters long"));
        let many = "同,名詞,ドウ\n".repeat(MAX_ENTRIES_PER_SURFACE + 1);
        assert_eq!(problem(&many).0, Some(MAX_ENTRIES_PER_SURFACE as u64 + 1));
    }

    #[test]
    fn checked_rows_build() {
        let rows = check("帰り咲き,名詞,カエリザキ\n".as_bytes(), IPADIC).unwrap();
        let dict = build(&rows).unwrap();
        assert_eq!(dict.words_idx_data.len(), 4);
    }
}
