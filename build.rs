//! Embeds the built-in rule packs (`rules/<pack>/*.yaml`) and generates one `#[test]` per
//! built-in rule, so `cargo test` runs every rule's examples by name.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // The runtime variable, not `env!`: a build script compiled in another checkout (a copied
    // target dir) would otherwise embed that checkout's rules.
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
    let mut current_pack: Option<&str> = None;
    for (pack, stem, path) in &files {
        writeln!(
            table,
            "    BuiltinFile {{ pack: {pack:?}, stem: {stem:?}, text: include_str!({path:?}) }},",
            path = path.display().to_string()
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
    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out).join("builtin_rules.rs"), table).unwrap();
    std::fs::write(Path::new(&out).join("builtin_tests.rs"), tests).unwrap();
}
