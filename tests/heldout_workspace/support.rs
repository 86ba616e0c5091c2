//! Money, text, JSON and folder helpers for the held-out workspace harness.

use super::*;

// ---------------------------------------------------------------------------------------------
// Money, dates, text

/// Every `$` amount in `text`, in cents: `$128,000`, `$128k`, `$128.5k`, `$1.2m`, `$74,050.20`.
pub(crate) fn amounts_in(text: &str) -> Vec<i128> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != '$' {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let mut whole = String::new();
        let mut frac = String::new();
        let mut in_frac = false;
        while j < chars.len() {
            let d = chars[j];
            if d.is_ascii_digit() {
                if in_frac {
                    frac.push(d);
                } else {
                    whole.push(d);
                }
            } else if (d == ',' || d == '_' || d == '\u{2009}' || d == '\u{202f}')
                && !in_frac
                && j + 1 < chars.len()
                && chars[j + 1].is_ascii_digit()
            {
            } else if d == '.' && !in_frac && j + 1 < chars.len() && chars[j + 1].is_ascii_digit() {
                in_frac = true;
            } else {
                break;
            }
            j += 1;
        }
        if whole.is_empty() {
            continue;
        }
        let mult: i128 = match chars.get(j) {
            Some('k') | Some('K') => 1_000,
            Some('m') | Some('M') => 1_000_000,
            _ => 1,
        };
        let Ok(w) = whole.parse::<i128>() else {
            continue;
        };
        // value × mult × 100, with the fraction as exact decimal digits
        let scale = 10i128.pow(frac.len() as u32);
        let f: i128 = if frac.is_empty() {
            0
        } else {
            frac.parse().unwrap_or(0)
        };
        let cents = (w * scale + f) * mult * 100 / scale;
        out.push(cents);
    }
    out
}

pub(crate) fn money_needle(needle: &str) -> Option<i128> {
    if !needle.starts_with('$') {
        return None;
    }
    let found = amounts_in(needle);
    (found.len() == 1).then(|| found[0])
}

/// `needle` in `hay`: money-aware for `$` amounts, case-insensitive otherwise.
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    if let Some(cents) = money_needle(needle) {
        if amounts_in(hay).contains(&cents) {
            return true;
        }
    }
    hay.to_lowercase().contains(&needle.to_lowercase())
}

/// Any of the `||`-separated alternatives.
pub(crate) fn contains_any(hay: &str, needles: &str) -> bool {
    needles.split("||").map(str::trim).any(|n| contains(hay, n))
}

/// `word` in `hay` as a whole word, case-insensitive.
pub(crate) fn has_word(hay: &str, word: &str) -> bool {
    let hay = hay.to_lowercase();
    let word = word.to_lowercase();
    let mut from = 0;
    while let Some(at) = hay[from..].find(&word) {
        let start = from + at;
        let end = start + word.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if edge(before) && edge(after) {
            return true;
        }
        from = start + word.len().max(1);
    }
    false
}

pub(crate) fn first_index(hay: &str, needle: &str) -> Option<usize> {
    hay.to_lowercase().find(&needle.to_lowercase())
}

pub(crate) fn in_order(hay: &str, tokens: &[String]) -> bool {
    let mut last = None;
    for t in tokens {
        let Some(i) = first_index(hay, t) else {
            return false;
        };
        if last.is_some_and(|l| i <= l) {
            return false;
        }
        last = Some(i);
    }
    !tokens.is_empty()
}

/// HTML to text: tags become spaces, a few entities are decoded.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#36;", "$")
        .replace("&dollar;", "$")
        .replace("&#x24;", "$")
        .replace("&nbsp;", " ")
        .replace("&#44;", ",")
        .replace("&amp;", "&")
}

// ---------------------------------------------------------------------------------------------
// JSON helpers

pub(crate) fn json_strings_and_numbers(
    v: &Value,
    strings: &mut Vec<String>,
    numbers: &mut Vec<f64>,
) {
    match v {
        Value::String(s) => strings.push(s.clone()),
        Value::Number(n) => numbers.extend(n.as_f64()),
        Value::Array(a) => a
            .iter()
            .for_each(|x| json_strings_and_numbers(x, strings, numbers)),
        Value::Object(o) => o
            .values()
            .for_each(|x| json_strings_and_numbers(x, strings, numbers)),
        _ => {}
    }
}

pub(crate) fn json_has(v: &Value, needle: &str) -> bool {
    let mut strings = Vec::new();
    let mut numbers = Vec::new();
    json_strings_and_numbers(v, &mut strings, &mut numbers);
    if let Some(cents) = money_needle(needle) {
        let dollars = cents as f64 / 100.0;
        if numbers
            .iter()
            .any(|&n| (n - dollars).abs() < 0.005 || (n - cents as f64).abs() < 0.5)
        {
            return true;
        }
    }
    strings.iter().any(|s| contains(s, needle))
}

/// Some object with a string field equal to `role` whose subtree holds `amount`.
pub(crate) fn json_object_with(v: &Value, role: &str, amount: &str) -> bool {
    match v {
        Value::Array(a) => a.iter().any(|x| json_object_with(x, role, amount)),
        Value::Object(o) => {
            let here = o.values().any(|x| {
                x.as_str()
                    .is_some_and(|s| s.trim().eq_ignore_ascii_case(role.trim()))
            }) && json_has(v, amount);
            here || o.values().any(|x| json_object_with(x, role, amount))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Files of a folder

/// The paths (relative, `/`-separated) a folder's own `.gitignore` names: the held-out
/// folders ignore single files, written as plain relative paths.
pub(crate) fn ignored(folder: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(folder.join(".gitignore"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_start_matches('/').to_string())
        .collect()
}

pub(crate) fn walk(folder: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(folder, &path, out);
        } else if let Ok(rel) = path.strip_prefix(folder) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

pub(crate) fn all_files(folder: &Path) -> Vec<String> {
    let mut out = Vec::new();
    walk(folder, folder, &mut out);
    out.sort();
    out
}

pub(crate) fn is_journal(rel: &str) -> bool {
    rel.ends_with(".offer") || rel.ends_with(".offer.md")
}

pub(crate) fn journals(folder: &Path) -> Vec<String> {
    let skip = ignored(folder);
    all_files(folder)
        .into_iter()
        .filter(|f| is_journal(f) && !skip.contains(f))
        .collect()
}

/// Copy a folder without its ignored files (a copy in /tmp is outside any git repository).
pub(crate) fn copy_folder(from: &Path, to: &Path) {
    let skip = ignored(from);
    let _ = std::fs::remove_dir_all(to);
    for rel in all_files(from) {
        if skip.contains(&rel) {
            continue;
        }
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&rel), dest).unwrap();
    }
}

pub(crate) fn rel_of(folder: &Path, file: &str) -> Option<String> {
    let p = PathBuf::from(file);
    let p = if p.is_absolute() {
        p
    } else {
        std::env::current_dir().ok()?.join(p)
    };
    let p = p.canonicalize().unwrap_or(p);
    p.strip_prefix(folder)
        .ok()
        .map(|r| r.to_string_lossy().replace('\\', "/"))
}

pub(crate) fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) fn uri_path(uri: &str) -> PathBuf {
    let raw = uri.strip_prefix("file://").unwrap_or(uri);
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&raw[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    PathBuf::from(String::from_utf8_lossy(&out).into_owned())
}

/// One diagnostic in a shape both `check --format json` and LSP give.
pub(crate) type Diag = (u64, u64, u64, u64, String, String, String);

pub(crate) fn diag(d: &Value) -> Diag {
    let severity = match &d["severity"] {
        Value::Number(n) => match n.as_u64() {
            Some(1) => "error",
            Some(2) => "warning",
            Some(3) => "information",
            _ => "hint",
        }
        .to_string(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    };
    let code = match &d["code"] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let r = &d["range"];
    let n = |v: &Value| v.as_u64().unwrap_or(u64::MAX);
    (
        n(&r["start"]["line"]),
        n(&r["start"]["character"]),
        n(&r["end"]["line"]),
        n(&r["end"]["character"]),
        code,
        d["message"].as_str().unwrap_or("").to_string(),
        severity,
    )
}
