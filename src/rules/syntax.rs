//! Syntax rules: problems met while reading lines, reported through the registry like
//! any other rule so they can be explained, re-levelled and allowed.

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Context, Finding, Spec};
use crate::model::IssueKind;

fn issues(ctx: &Context, kind: IssueKind, out: &mut Vec<Finding>) {
    for issue in ctx.journal.issues.iter().filter(|i| i.kind == kind) {
        let mut finding = Finding::new(issue.section, issue.span, issue.message.clone());
        if let Some((span, message)) = &issue.related {
            finding = finding.related(*span, message.clone());
        }
        out.push(finding);
    }
}

/// `invalid-value`: a known key whose value can't be read.
pub(super) const INVALID_VALUE: Spec = Spec {
    severity: Error,
    family: Syntax,
    sources: &[Format],
    summary: "a known key whose value can't be read",
    explanation: "The key is one offer-notes knows, but its value doesn't have the expected shape. The message says what was expected, with an example. Only this line is affected: everything else in the file is still checked.",
    check: invalid_value,
};

pub fn invalid_value(ctx: &Context, out: &mut Vec<Finding>) {
    issues(ctx, IssueKind::InvalidValue, out);
    // `allow:` naming a code that doesn't exist would silence nothing, silently
    for (index, section) in ctx.journal.sections.iter().enumerate() {
        for field in &section.allow {
            for allowed in field
                .value
                .iter()
                .filter(|a| super::find(&a.code).is_none())
            {
                let message = format!(
                    "`allow`: `{}` is not a rule code; {}",
                    crate::text::shortened(&allowed.code),
                    super::code_hint(&allowed.code)
                );
                out.push(Finding::new(index, allowed.span, message));
            }
        }
    }
}

/// `unknown-key`: a key that looks like a misspelled known key.
pub(super) const UNKNOWN_KEY: Spec = Spec {
    severity: Hint,
    family: Syntax,
    sources: &[Format],
    summary: "a key that looks like a misspelled known key",
    explanation: "This line looks like `key: value` and its key is close to one offer-notes knows, so it was probably meant as that key. Fix the spelling to have it counted. Prose that merely contains a colon is never flagged.",
    check: unknown_key,
};

pub fn unknown_key(ctx: &Context, out: &mut Vec<Finding>) {
    issues(ctx, IssueKind::UnknownKey, out);
}

/// `duplicate-key`: the same single-valued key twice in one section.
pub(super) const DUPLICATE_KEY: Spec = Spec {
    severity: Warning,
    family: Syntax,
    sources: &[Format],
    summary: "the same single-valued key twice in one section",
    explanation: "A key that takes one value is set twice in the same section, so one of the two lines is ignored (the later one counts). Remove or rename one. Keys that repeat by design — `counter`, `walk`, `stay`, `decision`, `allow`, `exchange-rate` — are fine.",
    check: duplicate_key,
};

pub fn duplicate_key(ctx: &Context, out: &mut Vec<Finding>) {
    issues(ctx, IssueKind::DuplicateKey, out);
}
