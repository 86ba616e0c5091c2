//! `--redact`: the report for sharing. The names of companies and people become stable
//! placeholders (Offer A, Recruiter A…) and amounts are rounded to the nearest thousand, in
//! every text of the file — titles, descriptions, tables and the reasons quoted from the
//! journal alike. Every text the report writes passes through [`Words::say`], so nothing
//! escapes it.

use crate::model::{Currency, Money};
use crate::Report;

/// What the report says things with: as written, or redacted.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// (name as written, placeholder), longest first; empty when not redacting.
    names: Vec<(String, String)>,
    redact: bool,
}

/// The letter of the `i`th placeholder: A…Z, then AA, AB…
fn letter(i: usize) -> String {
    let mut i = i;
    let mut out = String::new();
    loop {
        out.insert(0, (b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out
}

/// Words of a company's name too common to stand for it on their own.
const COMMON: &[&str] = &[
    "Offer",
    "The",
    "Inc",
    "Labs",
    "Health",
    "Group",
    "Company",
    "Corp",
    "Systems",
    "Analytics",
    "Data",
    "Tech",
    "Current",
    "Job",
];

impl Words {
    /// Texts as written.
    pub fn plain() -> Words {
        Words::default()
    }

    /// Placeholders for the journal's companies (in order of their sections) and people
    /// (per role, in order of first mention; one person named twice keeps one placeholder).
    pub fn redacting(report: &Report) -> Words {
        let mut names: Vec<(String, String)> = Vec::new();
        let add = |names: &mut Vec<(String, String)>, name: &str, placeholder: &str| {
            let name = name.trim();
            if name.chars().count() >= 2 && !names.iter().any(|(n, _)| n == name) {
                names.push((name.to_string(), placeholder.to_string()));
            }
        };
        let mut companies = 0;
        for (_, section) in report.journal.offers() {
            let company = section.company();
            let known = names
                .iter()
                .find(|(n, _)| *n == company || Some(n.as_str()) == section.name.as_deref())
                .map(|(_, p)| p.clone());
            let placeholder = known.unwrap_or_else(|| {
                companies += 1;
                format!("Offer {}", letter(companies - 1))
            });
            if let Some(name) = section.name.as_deref() {
                add(&mut names, name, &placeholder);
            }
            let bare = company
                .strip_prefix("Offer:")
                .map(str::trim)
                .unwrap_or(&company)
                .to_string();
            add(&mut names, &company, &placeholder);
            add(&mut names, &bare, &placeholder);
            // the name's first word stands for the company in free text ("Harbor offer")
            if let Some(first) = bare.split_whitespace().next() {
                let first = first.trim_matches(|c: char| !c.is_alphanumeric());
                if first.chars().count() >= 4
                    && first.chars().next().is_some_and(char::is_uppercase)
                    && !COMMON.contains(&first)
                {
                    add(&mut names, first, &placeholder);
                }
            }
        }
        let mut people: Vec<(&str, usize)> = Vec::new();
        for (_, section) in report.journal.offers() {
            for (field, role) in [
                (&section.recruiter, "Recruiter"),
                (&section.hiring_manager, "Hiring manager"),
                (&section.referred_by, "Referrer"),
            ] {
                let Some(name) = field.as_ref().map(|f| f.value.trim()) else {
                    continue;
                };
                if name.is_empty() || names.iter().any(|(n, _)| n == name) {
                    continue;
                }
                let count = match people.iter_mut().find(|(r, _)| *r == role) {
                    Some((_, c)) => {
                        *c += 1;
                        *c
                    }
                    None => {
                        people.push((role, 1));
                        1
                    }
                };
                let placeholder = format!("{role} {}", letter(count - 1));
                add(&mut names, name, &placeholder);
                // each word of a person's name stands for them too ("Dev pushed back")
                for part in name.split_whitespace() {
                    let part = part.trim_matches(|c: char| !c.is_alphanumeric());
                    if part.chars().count() >= 3 {
                        add(&mut names, part, &placeholder);
                    }
                }
            }
        }
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        Words {
            names,
            redact: true,
        }
    }

    pub fn redacting_enabled(&self) -> bool {
        self.redact
    }

    /// The names this redacts, as written (for tests).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(n, _)| n.as_str())
    }

    /// `text` as the report may show it.
    pub fn say(&self, text: &str) -> String {
        if !self.redact {
            return text.to_string();
        }
        round_amounts(&replace_names(text, &self.names))
    }

    /// An amount as the report may show it.
    pub fn money(&self, m: Money) -> String {
        self.say(&m.to_string())
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every whole-word occurrence of a name (ASCII case ignored) replaced by its placeholder, in
/// one pass, so a placeholder is never replaced again.
fn replace_names(text: &str, names: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let before_ok = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
        let found = before_ok
            .then(|| {
                names.iter().find(|(name, _)| {
                    let end = i + name.len();
                    end <= text.len()
                        && text.is_char_boundary(end)
                        && bytes[i..end].eq_ignore_ascii_case(name.as_bytes())
                        && text[end..].chars().next().is_none_or(|c| !is_word(c))
                })
            })
            .flatten();
        match found {
            Some((name, placeholder)) => {
                out.push_str(placeholder);
                i += name.len();
            }
            None => {
                let c = text[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// Prefixes that make a number an amount, longest first.
const SYMBOLS: &[&str] = &["C$", "A$", "$", "€", "£", "¥", "₹"];

/// Every amount in `text` — `$142,500`, `€131.944,44`, `$142.5k`, `120,000 CHF` — rounded to
/// the nearest thousand, in its currency's own format.
pub fn round_amounts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        // a symbol, then the number
        if let Some(symbol) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
            let after = i + symbol.len();
            if let Some((value, len, k)) = number_at(&text[after..]) {
                let currency = Currency::from_symbol(symbol).unwrap_or(Currency::USD);
                out.push_str(&rounded(value, currency, k, Some(symbol)));
                i = after + len;
                continue;
            }
        }
        // a number, then a currency code (`120,000 CHF`)
        let starts_number = rest.starts_with(|c: char| c.is_ascii_digit())
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word(c) && c != '.' && c != ',');
        if starts_number {
            if let Some((value, len, k)) = number_at(rest) {
                let tail = &rest[len..];
                let code = tail
                    .strip_prefix(' ')
                    .filter(|t| t.len() >= 3 && t.is_char_boundary(3))
                    .map(|t| &t[..3])
                    .filter(|c| c.chars().all(|ch| ch.is_ascii_uppercase()))
                    .filter(|_| tail[4..].chars().next().is_none_or(|c| !is_word(c)))
                    .and_then(|c| Currency::from_code(c).map(|cur| (c, cur)));
                if let Some((code, currency)) = code {
                    out.push_str(&rounded(value, currency, k, None));
                    out.push(' ');
                    out.push_str(code);
                    i += len + 4;
                    continue;
                }
                out.push_str(&rest[..len]);
                i += len;
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The amount rounded to the nearest thousand, written as `$143,000` (or `$143k` when it was
/// written with a `k`); without a symbol, the number alone (the caller writes the code).
fn rounded(value: f64, currency: Currency, k: bool, symbol: Option<&str>) -> String {
    let thousands = (value / 1000.0).round() as i64;
    if k {
        return format!("{}{thousands}k", symbol.unwrap_or(""));
    }
    let m = Money::major(thousands * 1000, currency).to_string();
    match symbol {
        Some(_) => m,
        None => m.split(' ').next().unwrap_or(&m).to_string(),
    }
}

/// A number at the start of `text`: digits with `,`/`.` between them (a separator followed by
/// exactly three digits groups; by one or two, it is the decimal point), an optional `k`.
/// Returns (value, bytes read, had a `k`).
fn number_at(text: &str) -> Option<(f64, usize, bool)> {
    let bytes = text.as_bytes();
    if !bytes.first()?.is_ascii_digit() {
        return None;
    }
    let mut end = 0;
    while end < bytes.len() {
        let b = bytes[end];
        let separator =
            (b == b',' || b == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !b.is_ascii_digit() && !separator {
            break;
        }
        end += 1;
    }
    let token = &text[..end];
    let mut integer = String::new();
    let mut fraction = String::new();
    let parts: Vec<&str> = token.split([',', '.']).collect();
    let seps: Vec<char> = token.chars().filter(|c| *c == ',' || *c == '.').collect();
    for (j, part) in parts.iter().enumerate() {
        let last = j + 1 == parts.len();
        // the last part is decimals when it is not three digits, or when its separator differs
        // from the first one (`131.944,44`)
        let decimals = part.len() != 3 || (seps.len() >= 2 && seps[seps.len() - 1] != seps[0]);
        if j > 0 && last && decimals {
            fraction.push_str(part);
        } else {
            integer.push_str(part);
        }
    }
    let mut value: f64 = integer.parse().ok()?;
    if !fraction.is_empty() {
        value += format!("0.{fraction}").parse::<f64>().unwrap_or(0.0);
    }
    let k = matches!(bytes.get(end), Some(b'k' | b'K'))
        && text[end + 1..].chars().next().is_none_or(|c| !is_word(c));
    if k {
        value *= 1000.0;
        end += 1;
    }
    Some((value, end, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_round_to_the_nearest_thousand_in_their_own_format() {
        assert_eq!(round_amounts("accept at $142,500."), "accept at $143,000.");
        assert_eq!(
            round_amounts("$50,579 over 4 years"),
            "$51,000 over 4 years"
        );
        assert_eq!(round_amounts("€131.944,44 a year"), "€132.000 a year");
        assert_eq!(round_amounts("-$3,400"), "-$3,000");
        assert_eq!(round_amounts("$142.5k and $178k"), "$143k and $178k");
        assert_eq!(round_amounts("120,500 CHF base"), "121,000 CHF base");
        assert_eq!(round_amounts("$8,300–$13,800"), "$8,000–$14,000");
    }

    #[test]
    fn numbers_that_are_not_amounts_stay() {
        let text = "2026-10-30: 4 months, 8.0% below, year 3, 12 weeks";
        assert_eq!(round_amounts(text), text);
    }

    #[test]
    fn names_are_replaced_as_whole_words_in_one_pass() {
        let names = vec![
            ("Dev Malhotra".to_string(), "Recruiter A".to_string()),
            ("Offer".to_string(), "Offer B".to_string()),
            ("Dev".to_string(), "Recruiter A".to_string()),
        ];
        assert_eq!(
            replace_names("Dev pushed; dev Malhotra; Devon; Offer", &names),
            "Recruiter A pushed; Recruiter A; Devon; Offer B"
        );
    }

    #[test]
    fn placeholders_letter_on_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
    }
}
