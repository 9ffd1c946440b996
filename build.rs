//! Embeds the built-in rule packs (`rules/<pack>/*.yaml`) and generates one `#[test]` per
//! built-in rule, so `cargo test` runs every rule's examples by name.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
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
    let mut tests = String::new();
    for (pack, stem, path) in &files {
        writeln!(
            table,
            "    BuiltinFile {{ pack: {pack:?}, stem: {stem:?}, text: include_str!({path:?}) }},",
            path = path.display().to_string()
        )
        .unwrap();
        let fn_name: String = format!("{pack}__{stem}")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        writeln!(
            tests,
            "#[test]\nfn {fn_name}() {{ crate::rules::testing::assert_builtin_examples({id:?}); }}",
            id = format!("{pack}/{stem}")
        )
        .unwrap();
    }
    table.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out).join("builtin_rules.rs"), table).unwrap();
    std::fs::write(Path::new(&out).join("builtin_tests.rs"), tests).unwrap();
}
