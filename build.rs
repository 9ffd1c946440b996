//! Embeds the built-in rule packs (`rules/<pack>/*.yaml`, each also as JSON without its
//! description and examples, what a run compiles) and generates one `#[test]` per
//! built-in rule, so `cargo test` runs every rule's examples by name; compiles the word
//! lexicon (`data/lexicon/sudachi_lemma.tsv`, `data/lexicon/jmdict_compounds.tsv`) into the binary tables `src/lang/ja/dictionary.rs` reads.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time, not with `env!`: a build script compiled in another checkout (a copied
    // target directory) would otherwise embed that checkout's rules.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    if let Ok(packs) = std::fs::read_dir(&root) {
        for pack in packs.flatten() {
            let pack_path = pack.path();
            if !pack_path.is_dir() || pack.file_name() == "schema" {
                continue;
            }
            println!("cargo:rerun-if-changed={}", pack_path.display());
            let pack_name = pack.file_name().to_string_lossy().into_owned();
            for file in std::fs::read_dir(&pack_path)
                .expect("read pack dir")
                .flatten()
            {
                let path = file.path();
                let ext = path.extension().and_then(|e| e.to_str());
                if matches!(ext, Some("yaml" | "yml")) {
                    println!("cargo:rerun-if-changed={}", path.display());
                    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                    files.push((pack_name.clone(), stem, path));
                }
            }
        }
    }
    files.sort();

    let mut table = String::from("pub static FILES: &[BuiltinFile] = &[\n");
    let ident = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect()
    };
    let mut tests = String::new();
    let out = std::env::var("OUT_DIR").unwrap();
    let mut current_pack: Option<&str> = None;
    for (pack, stem, path) in &files {
        let json = Path::new(&out).join(format!("builtin-{pack}-{stem}.json"));
        std::fs::write(&json, yaml_as_json(path, &["description", "examples"])).unwrap();
        writeln!(
            table,
            "    BuiltinFile {{ pack: {pack:?}, stem: {stem:?}, text: include_str!({path:?}), \
             parsed: include_str!({json:?}) }},",
            path = path.display().to_string(),
            json = json.display().to_string()
        )
        .unwrap();
        if current_pack != Some(pack.as_str()) {
            if current_pack.is_some() {
                tests.push_str("}\n");
            }
            writeln!(tests, "mod {} {{", ident(pack)).unwrap();
            current_pack = Some(pack.as_str());
        }
        writeln!(
            tests,
            "    #[test]\n    fn {}() {{ crate::rules::testing::assert_builtin_examples({id:?}); }}",
            ident(stem),
            id = format!("{pack}/{stem}")
        )
        .unwrap();
    }
    if current_pack.is_some() {
        tests.push_str("}\n");
    }
    table.push_str("];\n");
    std::fs::write(Path::new(&out).join("builtin_rules.rs"), table).unwrap();
    std::fs::write(Path::new(&out).join("builtin_tests.rs"), tests).unwrap();
    lexicons(Path::new(&manifest_dir), Path::new(&out));
    dictionary(Path::new(&manifest_dir), Path::new(&out));
    vector_index(Path::new(&manifest_dir), Path::new(&out));
}

/// `src/lang/ja/lexicons/*.yaml` as JSON (`OUT_DIR/lexicon-<file>.json`), which `lexicon.rs`
/// embeds and reads on every start: several times faster to parse than the YAML (a test there
/// checks both say the same).
fn lexicons(root: &Path, out: &Path) {
    let dir = root.join("src/lang/ja/lexicons");
    println!("cargo:rerun-if-changed={}", dir.display());
    let files = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{} reads: {e}", dir.display()));
    for path in files.flatten().map(|f| f.path()) {
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let json = yaml_as_json(&path, &[]);
        std::fs::write(out.join(format!("lexicon-{name}.json")), json).unwrap();
    }
}

/// A YAML file as JSON, without the top-level `keys` (a built-in rule's `description` and
/// `examples`, read only when asked for): what a run reads, since JSON parses several times
/// faster than YAML. Tests (`builtin::tests`, `lexicon::tests`) check both say the same.
fn yaml_as_json(path: &Path, keys: &[&str]) -> String {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{} reads: {e}", path.display()));
    let mut value: serde_yaml::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: not YAML: {e}", path.display()));
    if let serde_yaml::Value::Mapping(map) = &mut value {
        for key in keys {
            map.remove(*key);
        }
    }
    serde_json::to_string(&value)
        .unwrap_or_else(|e| panic!("{}: has no JSON form: {e}", path.display()))
}

/// `data/lexicon/homophone_vectors.bin`'s keys → `OUT_DIR/homophone_vectors.index`, an
/// open-addressing hash table (`VECTOR_INDEX_SLOTS` little-endian `u32` key ids, `u32::MAX`
/// empty, linear probing, slot = folded FNV-1a of the key): `word_vectors::get` is asked about
/// most nouns of every sentence, and one probe is far cheaper than a binary search. Same hash
/// and layout as `word_vectors::get`.
fn vector_index(root: &Path, out: &Path) {
    let path = root.join("data/lexicon/homophone_vectors.bin");
    println!("cargo:rerun-if-changed={}", path.display());
    let bin = std::fs::read(&path).unwrap_or_else(|e| panic!("{} reads: {e}", path.display()));
    let u32_at = |at: usize| u32::from_le_bytes(bin[at..at + 4].try_into().unwrap()) as usize;
    assert_eq!(&bin[..4], b"SGHV", "homophone_vectors.bin: magic");
    let dims = u16::from_le_bytes([bin[6], bin[7]]) as usize;
    let (rows, keys) = (u32_at(8), u32_at(12));
    assert!(keys * 10 < VECTOR_INDEX_SLOTS * 8, "vector index too full");
    let pool = 16 + keys * 12 + rows * dims;
    let mut slots = vec![u32::MAX; VECTOR_INDEX_SLOTS];
    for i in 0..keys {
        let at = 16 + i * 12;
        let start = pool + u32_at(at);
        let key = &bin[start..start + bin[at + 8] as usize];
        let mut slot = vector_slot(fnv::extend(fnv::OFFSET, key));
        while slots[slot] != u32::MAX {
            slot = (slot + 1) % VECTOR_INDEX_SLOTS;
        }
        slots[slot] = i as u32;
    }
    let bytes: Vec<u8> = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
    std::fs::write(out.join("homophone_vectors.index"), bytes).unwrap();
}

/// Slots of the vector key index (512 KiB; about 41% full).
const VECTOR_INDEX_SLOTS: usize = 1 << 17;

/// A hash's slot in the vector key index: the high half folded into the low one, since
/// FNV-1a's low bits alone spread short keys poorly.
fn vector_slot(hash: u64) -> usize {
    ((hash ^ (hash >> 32)) as usize) % VECTOR_INDEX_SLOTS
}

/// `data/lexicon/sudachi_lemma.tsv` + `jmdict_compounds.tsv` → `OUT_DIR/dictionary.bin`, the layout `src/lang/ja/dictionary.rs`
/// documents: records sorted by surface, an index sorted by reading, and the strings they
/// point into (readings one byte per katakana). Nothing is parsed when seigo starts.
fn dictionary(root: &Path, out: &Path) {
    // SudachiDict core first; EDICT's compounds that it lacks after (a (surface, reading) both
    // list keeps the first row).
    let texts: Vec<String> = [
        "data/lexicon/sudachi_lemma.tsv",
        "data/lexicon/jmdict_compounds.tsv",
    ]
    .iter()
    .map(|name| {
        let tsv = root.join(name);
        println!("cargo:rerun-if-changed={}", tsv.display());
        std::fs::read_to_string(&tsv).unwrap_or_else(|e| panic!("{name} reads: {e}"))
    })
    .collect();
    let classes = ["N", "Ns", "Nk", "NA", "V", "ADJ", "ADV", "SFX"];
    struct Row<'a> {
        surface: &'a str,
        reading: Vec<u8>,
        pos: u8,
        cost: u8,
        units: u8,
    }
    let mut rows: Vec<Row> = Vec::new();
    for line in texts
        .iter()
        .flat_map(|text| text.lines())
        .filter(|l| !l.starts_with('#'))
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "lexicon row: {line}");
        let reading: Vec<u8> = f[1]
            .chars()
            .map(|c| {
                let cp = u32::from(c);
                assert!((0x30A0..=0x30FF).contains(&cp), "katakana reading: {line}");
                (cp - 0x30A0) as u8
            })
            .collect();
        let mut pos = 0u8;
        for class in f[2].split('|') {
            if let Some(i) = classes.iter().position(|c| *c == class) {
                pos |= 1 << i;
            }
        }
        rows.push(Row {
            surface: f[0],
            reading,
            pos,
            cost: f[3].parse().expect("cost class"),
            units: f[4].parse::<u8>().expect("units").min(15),
        });
    }
    // Stable: of two rows with one surface and reading, the first file's stays first.
    rows.sort_by(|a, b| a.surface.cmp(b.surface).then(a.reading.cmp(&b.reading)));
    rows.dedup_by(|later, first| later.surface == first.surface && later.reading == first.reading);
    let mut strings: Vec<u8> = Vec::new();
    let mut records: Vec<u8> = Vec::with_capacity(rows.len() * 12);
    for r in &rows {
        let surface_at = strings.len() as u32;
        strings.extend_from_slice(r.surface.as_bytes());
        let reading_at = strings.len() as u32;
        strings.extend_from_slice(&r.reading);
        records.extend_from_slice(&surface_at.to_le_bytes());
        records.extend_from_slice(&reading_at.to_le_bytes());
        records.push(r.surface.len() as u8);
        records.push(r.reading.len() as u8);
        records.push(r.pos);
        records.push((r.cost << 4) | r.units);
    }
    let mut by_reading: Vec<u32> = (0..rows.len() as u32).collect();
    by_reading.sort_by(|&a, &b| {
        let (a, b) = (&rows[a as usize], &rows[b as usize]);
        a.reading.cmp(&b.reading).then(a.surface.cmp(b.surface))
    });
    // By surface read backwards (bytes): the words ending with a part are one range.
    let mut by_suffix: Vec<u32> = (0..rows.len() as u32).collect();
    by_suffix.sort_by(|&a, &b| {
        let (a, b) = (rows[a as usize].surface, rows[b as usize].surface);
        a.bytes().rev().cmp(b.bytes().rev())
    });
    let mut bin = Vec::new();
    bin.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    bin.extend_from_slice(&records);
    for id in by_reading.into_iter().chain(by_suffix) {
        bin.extend_from_slice(&id.to_le_bytes());
    }
    bin.extend_from_slice(&strings);
    std::fs::write(out.join("dictionary.bin"), bin).unwrap();

    // A one-hash Bloom filter of the readings of noun compounds (units >= 2): most noun runs
    // a misconversion check reads have no such reading, and one bit says so without a
    // binary search. Same hash as `dictionary::may_be_compound_reading`.
    let mut bloom = vec![0u8; COMPOUND_BLOOM_BITS / 8];
    for r in rows.iter().filter(|r| r.units >= 2 && r.pos & 0x0F != 0) {
        let bit = (fnv::extend(fnv::OFFSET, &r.reading) as usize) % COMPOUND_BLOOM_BITS;
        bloom[bit / 8] |= 1 << (bit % 8);
    }
    std::fs::write(out.join("compound_readings.bloom"), bloom).unwrap();
}

/// Bits of the compound-reading filter (128 KiB; about 6% of them set).
const COMPOUND_BLOOM_BITS: usize = 1 << 20;

/// The crate's FNV-1a, compiled into the build script too, so the filter is written with the
/// hash `dictionary::may_be_compound_reading` reads it with.
#[path = "src/algo/fnv.rs"]
#[allow(dead_code)]
mod fnv;
