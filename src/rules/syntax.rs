//! Syntax rules: problems met while reading lines, reported through the registry like
//! any other rule so they can be explained, re-levelled and allowed.

use super::{Context, Finding};

fn issues(ctx: &Context, code: &str, out: &mut Vec<Finding>) {
    for issue in ctx.journal.issues.iter().filter(|i| i.code == code) {
        let mut finding = Finding::new(issue.section, issue.span, issue.message.clone());
        if let Some((span, message)) = &issue.related {
            finding = finding.related(*span, message.clone());
        }
        out.push(finding);
    }
}

pub fn invalid_value(ctx: &Context, out: &mut Vec<Finding>) {
    issues(ctx, "invalid-value", out);
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

pub fn unknown_key(ctx: &Context, out: &mut Vec<Finding>) {
    issues(ctx, "unknown-key", out);
}

pub fn duplicate_key(ctx: &Context, out: &mut Vec<Finding>) {
    issues(ctx, "duplicate-key", out);
}
