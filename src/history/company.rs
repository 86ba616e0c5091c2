//! When two headings name the same company: one key per company, matched exactly. Small
//! differences of writing are dropped (case, punctuation, a legal form, a heading label, an
//! annotation); nothing is guessed, so two companies whose names merely look alike never merge.

use crate::model::company::{company_name, CJK_FORMS};
use std::fmt;

/// The company a heading names, reduced to what identifies it: `Acme Robotics, Inc.`,
/// `acme robotics` and `Offer: ACME Robotics (Tokyo)` all have the key `acme robotics`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CompanyKey(String);

impl CompanyKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as one word of `a-z0-9-` (for calendar UIDs): other characters are kept as
    /// their hexadecimal code point, so two keys never give the same slug.
    pub fn slug(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        for c in self.0.chars() {
            match c {
                'a'..='z' | '0'..='9' => out.push(c),
                ' ' => out.push('-'),
                other => out.push_str(&format!("_{:x}", other as u32)),
            }
        }
        out
    }
}

impl fmt::Display for CompanyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Legal forms dropped at the end of a name (as words, after punctuation is removed, so
/// `S.A.` is `sa` and `Co., Ltd.` is `co ltd`). Only forms of incorporation: a word that can
/// tell two companies apart (`Labs`, `Systems`, `Group`, `Holdings`) is never dropped.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "kgaa",
    "ug",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "sl",
    "bv",
    "nv",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "pty",
    "pte",
    "pvt",
    "kk",
    "ab",
    "asa",
    "oy",
    "oyj",
    "se",
    "ulc",
    "lda",
    "ltda",
];

/// The key of the company a heading names (see [`CompanyKey`]). Linear in the name.
pub fn company_key(heading: &str) -> CompanyKey {
    let mut name = company_name(heading).trim();
    for form in CJK_FORMS {
        if let Some(rest) = name.strip_prefix(form).filter(|r| !r.trim().is_empty()) {
            name = rest.trim();
        }
        if let Some(rest) = name.strip_suffix(form).filter(|r| !r.trim().is_empty()) {
            name = rest.trim();
        }
    }
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '.' | '\'' | '’') {
            // `S.A.` is `sa`, `McDonald's` is `mcdonalds`: these marks join, they don't split
        } else {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            // `Alder & Finch` is `Alder and Finch`
            if c == '&' || c == '+' {
                words.push("and".into());
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&w.as_str()))
    {
        words.pop();
    }
    // `Acme, Inc. and Co` leaves a dangling `and`
    while words.len() > 1 && words.last().is_some_and(|w| w == "and") {
        words.pop();
    }
    CompanyKey(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names a person writes for the same company in different headings and journals.
    const SAME: &[(&str, &str)] = &[
        ("Acme Robotics", "acme robotics"),
        ("Acme Robotics", "  ACME ROBOTICS  "),
        ("Acme Robotics", "Acme Robotics, Inc."),
        ("Acme Robotics", "Acme Robotics Inc"),
        ("Acme Robotics", "Acme Robotics LLC"),
        ("Acme Robotics", "Offer: Acme Robotics"),
        ("Acme Robotics", "offer: acme robotics inc."),
        ("Acme Robotics", "Offer from Acme Robotics"),
        ("Acme Robotics", "Offer — Acme Robotics"),
        ("Acme Robotics", "Acme Robotics (current job)"),
        ("Acme Robotics", "Acme Robotics [dream job]"),
        ("Acme Robotics", "Acme Robotics | Tokyo"),
        ("Acme Robotics", "Acme Robotics — second round"),
        ("Acme Robotics", "Acme Robotics - remote"),
        ("Acme Robotics", "Acme  Robotics"),
        ("Acme Robotics", "Acme-Robotics"),
        ("Kestrel", "Kestrel GmbH"),
        ("Kessel GmbH (Berlin)", "Kessel"),
        ("Nestlé", "Nestlé S.A."),
        ("Nestlé", "NESTLÉ SA"),
        ("Philips", "Philips N.V."),
        ("Booking Holdings", "Booking Holdings Inc."),
        ("Siemens", "Siemens AG"),
        ("Atlassian", "Atlassian Pty Ltd"),
        ("Atlassian", "Atlassian Corporation Plc"),
        ("Sunmill Bakery", "Sunmill Bakery Co"),
        ("Sunmill Bakery", "Sunmill Bakery Co., Ltd."),
        ("Alder & Finch", "Alder and Finch"),
        ("Alder & Finch", "alder &finch llc"),
        ("McDonald's", "McDonalds"),
        ("Procter & Gamble", "Procter & Gamble Co."),
        ("ソニー", "ソニー株式会社"),
        ("トヨタ", "株式会社トヨタ"),
        ("トヨタ", "トヨタ(株)"),
        ("Brightwave (Austin)", "Brightwave"),
        ("Wayne Enterprises", "Wayne Enterprises, Incorporated"),
        ("Globex", "Globex Corp."),
        ("Globex", "GLOBEX CORPORATION"),
        (
            "Vandelay Industries",
            "Vandelay Industries (where I work now)",
        ),
        ("Initech", "Initech Limited"),
        ("Spotify", "Spotify AB"),
        ("Rovio", "Rovio Oyj"),
    ];

    /// Names that look alike but may be different companies: never one key.
    const DIFFERENT: &[(&str, &str)] = &[
        ("Acme Robotics", "Acme Robotic Systems"),
        ("Acme Robotics", "Acme"),
        ("Acme Robotics", "Acme Robotics Labs"),
        ("Meta", "Metabase"),
        ("Meta", "Metaculus"),
        ("Kestrel GmbH", "Kestrel Labs"),
        ("Pinecrest", "Pinecrest Credit Union"),
        ("Fernhill Bio", "Fernhill Insurance"),
        ("Harbor Analytics", "Harbour Analytics"),
        ("Lumen Labs", "Lumen Health"),
        ("Juniper", "Juniper Media"),
        ("Northwind", "Northwind Traders"),
        ("Tidewater", "Tidewater Bank"),
        ("Larkspur", "Larkspur Labs"),
        ("GitHub", "GitLab"),
        ("Stripe", "Stripe Partners"),
        ("Apple", "Applied Materials"),
        ("Oracle", "Oracle Health"),
        ("The Guardian", "Guardian"),
        ("Booking Holdings", "Booking"),
        ("Amazon", "Amazon Web Services"),
        ("Square", "Squarespace"),
        ("Sony", "ソニー"),
        ("Co", "Inc"),
        ("Alphabet", "Alpha Bet"),
        ("Block", "Blockchain Capital"),
        ("Acme Robotics", "Acme Robotics Group"),
        ("Initech", "Initrode"),
    ];

    #[test]
    fn the_same_company_written_differently_is_one_key() {
        assert!(SAME.len() >= 20);
        for (a, b) in SAME {
            assert_eq!(
                company_key(a),
                company_key(b),
                "`{a}` and `{b}` should be one company"
            );
        }
    }

    #[test]
    fn companies_that_merely_look_alike_never_merge() {
        assert!(DIFFERENT.len() >= 20);
        for (a, b) in DIFFERENT {
            assert_ne!(
                company_key(a),
                company_key(b),
                "`{a}` and `{b}` must stay apart"
            );
        }
    }

    #[test]
    fn a_name_that_is_only_a_legal_form_keeps_it() {
        assert_eq!(company_key("Inc.").as_str(), "inc");
        assert_eq!(company_key("Offer:").as_str(), "offer");
    }

    #[test]
    fn slugs_are_distinct_for_distinct_keys() {
        assert_eq!(company_key("Acme Robotics, Inc.").slug(), "acme-robotics");
        assert_ne!(company_key("ソニー").slug(), company_key("ソ ニー").slug());
    }
}
