//! The rule pages in docs/rules are the registry's explanations, one page per rule.
//! Run with UPDATE_DOCS=1 to regenerate them after changing a rule.

use offer_notes::rules::{doc_page, RULES};
use std::path::Path;

#[test]
fn every_rule_has_its_generated_doc_page_and_no_page_is_orphaned() {
    let dir = Path::new("docs/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    if update {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut stale = Vec::new();
    for rule in RULES {
        let path = dir.join(format!("{}.md", rule.code));
        let page = doc_page(rule);
        if update {
            std::fs::write(&path, &page).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let code = name.trim_end_matches(".md");
        if !RULES.iter().any(|r| r.code == code) && name != "README.md" {
            stale.push(format!("{name} documents no rule"));
        }
    }
    assert!(
        stale.is_empty(),
        "out of date (run UPDATE_DOCS=1 cargo test --test docs): {stale:?}"
    );
}

/// The README's rule table is the registry's, in its order (UPDATE_DOCS=1 rewrites it).
#[test]
fn the_readme_lists_every_rule_as_the_registry_says() {
    let mut table = String::from("| code | default | fires when |\n|---|---|---|\n");
    for rule in RULES {
        table.push_str(&format!(
            "| [`{code}`](docs/rules/{code}.md) | {} | {} |\n",
            rule.severity().name(),
            rule.summary(),
            code = rule.code,
        ));
    }
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let start = readme
        .find("| code | default | fires when |")
        .expect("the README's rule table");
    let end = start
        + readme[start..]
            .find("\n\n")
            .expect("a blank line after the table")
        + 1;
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write("README.md", updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "the README's rule table is out of date (run UPDATE_DOCS=1 cargo test --test docs)"
    );
}
