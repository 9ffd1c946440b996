//! Arbitrary text checked against the built-in packs: no panic, every finding's spans inside
//! the file on char boundaries, and applying the fixes keeps a valid text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

static LINTER: LazyLock<seigo::Linter> = LazyLock::new(|| {
    let rules = seigo::config::Config::default()
        .load_rules(&seigo::Morphology::new())
        .expect("built-in packs load");
    seigo::Linter::new(rules, seigo::Morphology::new())
});

fuzz_target!(|data: &[u8]| {
    let Some((format, bytes)) = common::split_format(data) else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let doc = common::parse(format, &text);
    let findings = LINTER.check(&doc);
    common::assert_findings(&doc.source, &findings);
    let (fixed, _) = seigo::fix::apply(&doc.source, &findings);
    let _ = LINTER.check(&common::parse(format, &fixed));
});
