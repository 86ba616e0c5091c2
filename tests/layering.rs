//! The layers of docs/ARCHITECTURE.md, guarded: the arrows point one way. A file that
//! imports against them fails here with the line that does it, before it can grow roots.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The code lines (not comments) of the files under `dir` that contain any of `needles`.
fn offenders(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in sources(Path::new(dir)) {
        let text = std::fs::read_to_string(&path).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if needles.iter().any(|needle| code.contains(needle)) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, code));
            }
        }
    }
    found
}

/// The core: everything the CLI, the server and the tests call, with no editor in it.
const CORE: &[&str] = &[
    "src/text.rs",
    "src/syntax",
    "src/model",
    "src/analysis",
    "src/history",
    "src/rules",
    "src/present",
    "src/actions",
    "src/incremental.rs",
    "src/config.rs",
];

fn in_core(needles: &[&str]) -> Vec<String> {
    CORE.iter()
        .filter(|p| Path::new(p).exists())
        .flat_map(|p| {
            if p.ends_with(".rs") {
                let text = std::fs::read_to_string(p).expect("a source file");
                text.lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim_start().starts_with("//"))
                    .filter(|(_, l)| needles.iter().any(|n| l.contains(n)))
                    .map(|(n, l)| format!("{p}:{}: {}", n + 1, l.trim()))
                    .collect()
            } else {
                offenders(p, needles)
            }
        })
        .collect()
}

/// The LSP crates, as they are named in code: the server framework (tower-lsp-server, and
/// tower-lsp before it), its protocol types (ls-types, and lsp-types before it) and their URI type.
const LSP_CRATES: &[&str] = &["tower_lsp", "ls_types", "lsp_types", "fluent_uri"];

#[test]
fn lsp_types_live_only_in_the_server() {
    let mut found = Vec::new();
    for path in sources(Path::new("src")) {
        if path.starts_with("src/server") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            if !line.trim_start().starts_with("//")
                && LSP_CRATES.iter().any(|krate| line.contains(krate))
            {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "LSP types outside src/server: {found:#?}");
}

#[test]
fn the_core_never_reaches_up_to_a_surface() {
    let found = in_core(&["crate::server", "crate::render", "super::server"]);
    assert!(found.is_empty(), "the core imports a surface: {found:#?}");
}

#[test]
fn the_analysis_core_does_not_know_the_rule_registry() {
    // rules read the analysis; the analysis (and what it is built from) never reads rules
    let lower = [
        "src/text.rs",
        "src/severity.rs",
        "src/config.rs",
        "src/syntax",
        "src/model",
        "src/analysis",
        "src/history",
    ];
    let found: Vec<String> = lower
        .iter()
        .flat_map(|p| {
            if p.ends_with(".rs") {
                offenders_in_file(p, &["crate::rules"])
            } else {
                offenders(p, &["crate::rules"])
            }
        })
        .collect();
    assert!(
        found.is_empty(),
        "below the rules, a use of them: {found:#?}"
    );
}

fn offenders_in_file(path: &str, needles: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("a source file");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| needles.iter().any(|n| l.contains(n)))
        .map(|(n, l)| format!("{path}:{}: {}", n + 1, l.trim()))
        .collect()
}

#[test]
fn no_rule_code_is_spelled_outside_the_registry() {
    // the codes users write; outside src/rules (where the registry names them once) code
    // names a rule by its `Code` variant
    let codes: Vec<String> = offer_notes::rules::RULES
        .iter()
        .map(|r| format!("\"{}\"", r.code))
        .collect();
    let needles: Vec<&str> = codes.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    for path in sources(Path::new("src")) {
        if path.starts_with("src/rules") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        // unit tests may say what a user sees
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            if !line.trim_start().starts_with("//") && needles.iter().any(|c| line.contains(c)) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "rule codes spelled outside src/rules: {found:#?}"
    );
}

#[test]
fn syntax_never_reaches_up_to_the_model() {
    let found = offenders("src/syntax", &["crate::model", "super::model"]);
    assert!(found.is_empty(), "syntax imports the model: {found:#?}");
}

#[test]
fn no_source_file_is_too_big_to_hold() {
    // a room of a size you can hold: past 800 lines a file wants splitting by what it does
    let big: Vec<String> = ["src", "tests", "benches"]
        .iter()
        .flat_map(|d| sources(Path::new(d)))
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p).ok()?.lines().count();
            (lines > 800).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    assert!(big.is_empty(), "files over 800 lines: {big:#?}");
}
