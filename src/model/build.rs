//! Lines → journal: sections, typed fields, drafts, and the syntax issues met on the way
//! (`invalid-value`, `unknown-key`, `duplicate-key`). Every line is read on its own.

use super::keys::{Suggestion, SuggestionKind, ValueKind};
use super::values::{self, ValueError, UNSET_CURRENCY};
use super::*;
use crate::syntax::{Line, LineKind};

/// Whether a line outside a fenced block adds nothing to the journal, read on its own: a
/// blank line, a heading below `##`, prose that is not a dated key missing its colon, or a
/// `words: …` line whose words are no key, in a profile or an offer, nor close to one.
/// Editing such a line into another such line (adding or removing no line) changes no
/// field, section or issue — only the byte offsets after it.
pub fn adds_nothing(line: &str) -> bool {
    adds_nothing_as(line, 0, &crate::syntax::kind_of_line(line))
}

/// [`adds_nothing`] for a line already classified, its spans counted from `start`: the
/// builder skips exactly these lines.
fn adds_nothing_as(line: &str, start: usize, kind: &LineKind) -> bool {
    match kind {
        LineKind::Blank => true,
        LineKind::Heading { level, .. } => *level > 2,
        LineKind::Prose => dated_key_without_colon(line).is_none(),
        LineKind::Entry { key, arg, .. } => {
            let written = &line[key.start - start..key.end - start];
            Key::parse_in_offer(written).is_none()
                && (arg.is_some() || Key::suggest(written).is_none())
        }
        _ => false,
    }
}

/// Build the journal from its classified lines.
pub fn build(text: &str, lines: &[Line]) -> Journal {
    let (mut journal, first_currency) = build_parts(text, lines);
    fill_currencies(&mut journal, first_currency);
    journal
}

/// Build without deciding the currency of amounts written without one (they keep
/// [`UNSET_CURRENCY`]); also returns the first currency written. Incremental analysis
/// builds each section on its own and decides the currency once, for the whole text.
pub fn build_parts(text: &str, lines: &[Line]) -> (Journal, Option<Currency>) {
    let mut builder = Builder {
        text,
        sections: vec![Section::default()],
        issues: Vec::new(),
        title: None,
        first_currency: None,
        open_draft: None,
    };
    for line in lines {
        builder.line(line);
    }
    builder.finish()
}

/// Give amounts written without a currency the journal's first currency (else USD).
pub fn fill_currencies(journal: &mut Journal, first_currency: Option<Currency>) {
    let currency = first_currency.unwrap_or(Currency::USD);
    for section in &mut journal.sections {
        fill_currency(section, currency);
    }
    journal.default_currency = currency;
}

struct Builder<'t> {
    text: &'t str,
    sections: Vec<Section>,
    issues: Vec<SyntaxIssue>,
    title: Option<Field<String>>,
    first_currency: Option<Currency>,
    /// (kind, opening line, first body line start)
    open_draft: Option<(DraftKind, Span, Option<Span>)>,
}

impl<'t> Builder<'t> {
    fn section(&mut self) -> &mut Section {
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    fn section_index(&self) -> usize {
        self.sections.len() - 1
    }

    fn line(&mut self, line: &Line) {
        if adds_nothing_as(line.span.of(self.text), line.span.start, &line.kind) {
            return;
        }
        match line.kind {
            LineKind::Heading { level: 1, .. }
                if self.title.is_some() || self.sections.len() > 1 =>
            {
                // a `# ` after the title or after an offer starts the next search
                self.open_search(line.span);
            }
            LineKind::Heading { level: 1, text } => {
                self.title = Some(Field {
                    value: text.of(self.text).to_string(),
                    line: line.span,
                    key: Span::new(line.span.start, text.start),
                    value_span: text,
                });
            }
            LineKind::Heading { level: 2, text } => self.open_section(line.span, text),
            LineKind::FenceOpen { info } => {
                self.close_draft(None);
                let info = info.of(self.text).trim().to_ascii_lowercase();
                if let Some(rest) = info.strip_prefix("email") {
                    if rest.is_empty() || rest.starts_with([' ', '\t']) {
                        let kind = match rest.split_whitespace().next() {
                            Some("decline") => DraftKind::Decline,
                            Some("renege") => DraftKind::Renege,
                            Some("resign") | Some("resignation") => DraftKind::Resign,
                            Some("counter") => DraftKind::Counter,
                            Some("extension") => DraftKind::Extension,
                            _ => DraftKind::Other,
                        };
                        self.open_draft = Some((kind, line.span, None));
                    }
                }
            }
            LineKind::FenceBody => {
                if let Some((_, _, body)) = &mut self.open_draft {
                    *body = Some(match body {
                        Some(b) => Span::new(b.start, line.span.end),
                        None => line.span,
                    });
                }
            }
            LineKind::FenceClose => self.close_draft(Some(line.span)),
            LineKind::Entry { key, arg, value } => self.entry(line.span, key, arg, value),
            LineKind::Prose => self.prose(line.span),
            _ => {}
        }
    }

    /// A later search's profile: its key lines are read until the next `## `.
    fn open_search(&mut self, heading: Span) {
        self.close_draft(None);
        self.section().span.end = heading.start;
        self.sections.push(Section {
            heading: Some(heading),
            span: Span::new(heading.start, self.text.len()),
            ..Section::default()
        });
    }

    /// Prose is never an error, except a dated line that can only be a counter or a
    /// decision with its colon missing (`counter 2026-11-25 asked $140k, got $128k`):
    /// dropping it silently would lose a round, so it is an `invalid-value` on that line.
    fn prose(&mut self, line: Span) {
        let Some((key, date)) = dated_key_without_colon(line.of(self.text)) else {
            return;
        };
        let example = match key {
            Key::Counter => "asked $195k, got $178k",
            _ => "walk",
        };
        self.issue(
            IssueKind::InvalidValue,
            line,
            format!(
                "`{}`: this line needs a colon after its date, like `{} {date}: {example}`",
                key.name(),
                key.name()
            ),
        );
    }

    fn open_section(&mut self, heading: Span, text: Span) {
        self.close_draft(None);
        let end = heading.start;
        self.section().span.end = end;
        let raw = text.of(self.text);
        let (name, name_span) = match strip_offer_prefix(raw) {
            Some(stripped) => {
                let start = text.end - stripped.len();
                (stripped.to_string(), Span::new(start, text.end))
            }
            None => (raw.to_string(), text),
        };
        self.sections.push(Section {
            name: Some(name),
            heading: Some(heading),
            name_span: Some(name_span),
            span: Span::new(heading.start, self.text.len()),
            ..Section::default()
        });
    }

    fn close_draft(&mut self, close: Option<Span>) {
        let Some((kind, open, body)) = self.open_draft.take() else {
            return;
        };
        if close.is_none() {
            self.issue(
                IssueKind::InvalidValue,
                open,
                "this ```email block is never closed: add a line with ``` after the draft".into(),
            );
        }
        let body = body.unwrap_or(Span::new(open.end, open.end));
        self.section().drafts.push(Draft {
            kind,
            open,
            body,
            close,
        });
    }

    fn issue(&mut self, kind: IssueKind, span: Span, message: String) {
        let section = self.section_index();
        self.issues.push(SyntaxIssue {
            kind,
            span,
            message,
            related: None,
            section,
        });
    }

    fn entry(&mut self, line: Span, key_span: Span, arg: Option<Span>, value: Span) {
        let written = key_span.of(self.text);
        let in_offer = self.sections.last().is_some_and(|s| !s.is_profile());
        let key = if in_offer {
            Key::parse_in_offer(written)
        } else {
            Key::parse(written)
        };
        let Some(key) = key else {
            self.unknown_key(line, key_span, arg, value);
            return;
        };
        if arg.is_some() && !key.takes_date() {
            // `review 2027-01-01: look back` reads as prose, not as a key
            return;
        }
        let raw = value.of(self.text);
        if raw.trim().is_empty() {
            // a key waiting to be filled in is not an error
            return;
        }
        let date = match arg {
            Some(arg) => match values::date_from(arg.of(self.text)) {
                Ok(date) => Some(date),
                Err(ValueError(message)) => {
                    self.issue(
                        IssueKind::InvalidValue,
                        arg,
                        format!("`{}`: {message}", key.name()),
                    );
                    return;
                }
            },
            None => None,
        };
        macro_rules! field {
            ($v:expr) => {
                Field {
                    value: $v,
                    line,
                    key: key_span,
                    value_span: value,
                }
            };
        }
        let parsed = self.parse_value(key, raw, date, value.start);
        let parsed = match parsed {
            // a `plan:` with no amount is prose ("Plan: call Megan tomorrow")
            Ok(Parsed::Prose) => return,
            Ok(parsed) => parsed,
            Err(ValueError(message)) => {
                self.issue(
                    IssueKind::InvalidValue,
                    value,
                    format!("`{}`: {message}", key.name()),
                );
                return;
            }
        };
        if !key.is_repeatable() {
            if let Some(first) = self.existing(key) {
                let section = self.section_index();
                let name = self.sections[section].display_name().to_string();
                self.issues.push(SyntaxIssue {
                    kind: IssueKind::DuplicateKey,
                    span: key_span,
                    message: format!(
                        "`{}` is set twice in {name}; this later line is the one that counts",
                        key.name()
                    ),
                    related: Some((first, format!("`{}` was first set here", key.name()))),
                    section,
                });
            }
        }
        let section = self.section();
        match parsed {
            Parsed::Target(t) if key == Key::Floor => section.floor = Some(Box::new(field!(t))),
            Parsed::Target(t) => section.wish = Some(Box::new(field!(t))),
            Parsed::Duration(d) if key == Key::Runway => section.runway = Some(Box::new(field!(d))),
            Parsed::Duration(d) if key == Key::Clawback => {
                section.clawback = Some(Box::new(field!(d)))
            }
            Parsed::Duration(d) => section.pto = Some(Box::new(field!(d))),
            Parsed::Date(d) => match key {
                Key::DecisionDate => section.decision_date = Some(Box::new(field!(d))),
                Key::Today => section.today = Some(Box::new(field!(d))),
                Key::StartDate => section.start_date = Some(Box::new(field!(d))),
                Key::Expires => section.expires = Some(Box::new(field!(d))),
                _ => section.review = Some(Box::new(field!(d))),
            },
            Parsed::Percent(p) => section.raise_rate = Some(Box::new(field!(p))),
            Parsed::AnchorYears(a) => section.anchor_years = Some(Box::new(field!(a))),
            Parsed::ExchangeRate(r) => section.exchange_rates.push(field!(r)),
            Parsed::Status(s) => section.status = Some(field!(s)),
            Parsed::Text(t) => match key {
                Key::Role => section.role = Some(field!(t)),
                Key::Recruiter => section.recruiter = Some(Box::new(field!(t))),
                Key::HiringManager => section.hiring_manager = Some(Box::new(field!(t))),
                Key::ReferredBy => section.referred_by = Some(Box::new(field!(t))),
                Key::Location => section.location = Some(Box::new(field!(t))),
                Key::Expect => section.expect = Some(Box::new(field!(t))),
                Key::Lesson => section.lessons.push(field!(t)),
                Key::Walk => section.reasons.push(field!(Reason {
                    side: Side::Walk,
                    text: t
                })),
                _ => section.reasons.push(field!(Reason {
                    side: Side::Stay,
                    text: t
                })),
            },
            Parsed::Money(m) => match key {
                Key::Relocation => section.relocation = Some(Box::new(field!(m))),
                Key::Savings => section.savings = Some(Box::new(field!(m))),
                _ => section.base = Some(field!(m)),
            },
            Parsed::Bonus(b) => section.bonus = Some(field!(b)),
            Parsed::Equity(e, v) => {
                section.equity = Some(field!(e));
                section.vesting = Some(Box::new(field!(v)));
            }
            Parsed::SignOn(parts) => {
                section.sign_on = Some(Box::new(field!(parts.total)));
                section.sign_on_tranches = parts.tranches;
            }
            Parsed::Refresher(r) => section.refresher = Some(Box::new(field!(r))),
            Parsed::Burn(m) => section.burn = Some(Box::new(field!(m))),
            Parsed::Match(m) => section.retirement_match = Some(Box::new(field!(m))),
            Parsed::Plan(p) => section.plan = Some(Box::new(field!(p))),
            Parsed::Outcome(o) => section.outcomes.push(field!(o)),
            Parsed::Prose => {}
            Parsed::YesNo(y) => section.in_writing = Some(Box::new(field!(y))),
            Parsed::Rating(r) => {
                let factor = factor_of(key);
                section.ratings.retain(|(f, _)| *f != factor);
                section.ratings.push((factor, field!(r)));
            }
            Parsed::Counter(c) => section.counters.push(field!(c)),
            Parsed::Decision(d) => section.decisions.push(field!(d)),
            Parsed::Allow(codes) => section.allow.push(field!(codes)),
        }
    }

    /// The key span of an earlier line in this section that set `key`.
    fn existing(&self, key: Key) -> Option<Span> {
        let s = &self.sections[self.section_index()];
        let k = |f: Option<Span>| f;
        match key {
            Key::Floor => k(s.floor.as_ref().map(|f| f.key)),
            Key::Wish => s.wish.as_ref().map(|f| f.key),
            Key::Runway => s.runway.as_ref().map(|f| f.key),
            Key::DecisionDate => s.decision_date.as_ref().map(|f| f.key),
            Key::RaiseRate => s.raise_rate.as_ref().map(|f| f.key),
            Key::AnchorYears => s.anchor_years.as_ref().map(|f| f.key),
            Key::Today => s.today.as_ref().map(|f| f.key),
            Key::Status => s.status.as_ref().map(|f| f.key),
            Key::Role => s.role.as_ref().map(|f| f.key),
            Key::Recruiter => s.recruiter.as_ref().map(|f| f.key),
            Key::HiringManager => s.hiring_manager.as_ref().map(|f| f.key),
            Key::ReferredBy => s.referred_by.as_ref().map(|f| f.key),
            Key::Location => s.location.as_ref().map(|f| f.key),
            Key::Base => s.base.as_ref().map(|f| f.key),
            Key::Bonus => s.bonus.as_ref().map(|f| f.key),
            Key::Equity => s.equity.as_ref().map(|f| f.key),
            Key::SignOn => s.sign_on.as_ref().map(|f| f.key),
            Key::Pto => s.pto.as_ref().map(|f| f.key),
            Key::InWriting => s.in_writing.as_ref().map(|f| f.key),
            Key::Review => s.review.as_ref().map(|f| f.key),
            Key::Refresher => s.refresher.as_ref().map(|f| f.key),
            Key::Clawback => s.clawback.as_ref().map(|f| f.key),
            Key::StartDate => s.start_date.as_ref().map(|f| f.key),
            Key::Relocation => s.relocation.as_ref().map(|f| f.key),
            Key::RetirementMatch => s.retirement_match.as_ref().map(|f| f.key),
            Key::Expires => s.expires.as_ref().map(|f| f.key),
            Key::Plan => s.plan.as_ref().map(|f| f.key),
            Key::Expect => s.expect.as_ref().map(|f| f.key),
            Key::Savings => s.savings.as_ref().map(|f| f.key),
            Key::Burn => s.burn.as_ref().map(|f| f.key),
            Key::Scope
            | Key::Manager
            | Key::Team
            | Key::Growth
            | Key::LocationFit
            | Key::EquityQuality => s.rating(factor_of(key)).map(|f| f.key),
            Key::ExchangeRate
            | Key::Counter
            | Key::Walk
            | Key::Stay
            | Key::Decision
            | Key::Allow
            | Key::Outcome
            | Key::Lesson => None,
        }
    }

    fn parse_value(
        &mut self,
        key: Key,
        raw: &str,
        date: Option<chrono::NaiveDate>,
        value_start: usize,
    ) -> Result<Parsed, ValueError> {
        let parsed = match key.kind() {
            ValueKind::Money => Parsed::Money(values::money(raw)?),
            ValueKind::Target => Parsed::Target(values::target(raw)?),
            ValueKind::Percent => Parsed::Percent(values::percent(raw)?),
            ValueKind::Duration => Parsed::Duration(values::duration(raw)?),
            ValueKind::Date => Parsed::Date(values::date(raw)?),
            ValueKind::Rating => Parsed::Rating(values::rating(raw)?),
            ValueKind::Status => Parsed::Status(values::status(raw)?),
            ValueKind::YesNo => Parsed::YesNo(values::yes_no(raw)?),
            ValueKind::Text => Parsed::Text(values::text_value(raw)?),
            ValueKind::Bonus => Parsed::Bonus(values::bonus(raw)?),
            ValueKind::SignOn => Parsed::SignOn(values::fuller::sign_on_parts(raw)?),
            ValueKind::Equity => {
                let equity = values::equity(raw)?;
                let vesting = values::fuller::vesting(raw, &equity)?;
                Parsed::Equity(equity, vesting)
            }
            ValueKind::Refresher => Parsed::Refresher(values::fuller::refresher(raw)?),
            ValueKind::Burn => Parsed::Burn(values::fuller::burn(raw)?),
            ValueKind::RetirementMatch => Parsed::Match(values::fuller::retirement_match(raw)?),
            ValueKind::Plan => match values::fuller::plan(raw)? {
                Some(plan) => Parsed::Plan(plan),
                None => Parsed::Prose,
            },
            ValueKind::Outcome => Parsed::Outcome(Outcome {
                date,
                text: values::text_value(raw)?,
            }),
            ValueKind::Counter => Parsed::Counter(values::counter(raw, date, value_start)?),
            ValueKind::Decision => Parsed::Decision(values::decision(raw, date)?),
            ValueKind::AnchorYears => Parsed::AnchorYears(values::anchor_years(raw)?),
            ValueKind::Allow => Parsed::Allow(values::allow(raw, value_start)?),
            ValueKind::ExchangeRate => Parsed::ExchangeRate(values::exchange_rate(raw)?),
        };
        parsed.for_each_money(|m| {
            if m.currency != UNSET_CURRENCY && self.first_currency.is_none() {
                self.first_currency = Some(m.currency);
            }
        });
        if let Parsed::ExchangeRate(rate) = &parsed {
            self.first_currency.get_or_insert(rate.to);
        }
        Ok(parsed)
    }

    /// A key we don't know: prose, unless it looks like a slip of a key we do know
    /// (`flor: $190k`). A prose line that merely has a colon stays prose.
    fn unknown_key(&mut self, line: Span, key_span: Span, arg: Option<Span>, value: Span) {
        if arg.is_some() {
            return;
        }
        let written = key_span.of(self.text);
        let Some(Suggestion { key, kind }) = Key::suggest(written) else {
            return;
        };
        let raw = value.of(self.text);
        let value_fits =
            !matches!(key.kind(), ValueKind::Text) && self.parse_value_quietly(key, raw);
        let convincing = match kind {
            SuggestionKind::MissingOrExtraLetter => true,
            SuggestionKind::Synonym | SuggestionKind::Typo => value_fits,
        };
        if !convincing {
            return;
        }
        let _ = line;
        self.issue(
            IssueKind::UnknownKey,
            key_span,
            format!(
                "`{}` is not a key offer-notes knows — did you mean `{}`? ({})",
                crate::text::shortened(written.trim()),
                key.name(),
                key.doc()
            ),
        );
    }

    fn parse_value_quietly(&mut self, key: Key, raw: &str) -> bool {
        let saved = self.first_currency;
        let ok = self.parse_value(key, raw, None, 0).is_ok();
        self.first_currency = saved;
        ok
    }

    fn finish(mut self) -> (Journal, Option<Currency>) {
        self.close_draft(None);
        let end = self.text.len();
        self.section().span.end = end;
        // a list grows to room for four at its first push; most sections hold one or two,
        // and a journal of 100,000 sections would carry the spare room (tens of megabytes)
        for section in &mut self.sections {
            section.ratings.shrink_to_fit();
            section.reasons.shrink_to_fit();
            section.counters.shrink_to_fit();
        }
        let mut journal = Journal {
            title: self.title,
            sections: self.sections,
            searches: Vec::new(),
            issues: self.issues,
            default_currency: UNSET_CURRENCY,
        };
        index_searches(&mut journal);
        (journal, self.first_currency)
    }
}

enum Parsed {
    Money(Money),
    Target(Target),
    Percent(Percent),
    Duration(Duration),
    Date(chrono::NaiveDate),
    Rating(Rating),
    Status(Status),
    YesNo(bool),
    Text(String),
    Bonus(Option<Bonus>),
    SignOn(SignOnParts),
    Equity(Equity, Vesting),
    Refresher(Option<Refresher>),
    Burn(Money),
    Match(RetirementMatch),
    Plan(Plan),
    Outcome(Outcome),
    /// A line that only looked like a key (`plan:` with no amount).
    Prose,
    Counter(Counter),
    Decision(Decision),
    AnchorYears(AnchorYears),
    Allow(Vec<AllowedCode>),
    ExchangeRate(ExchangeRate),
}

impl Parsed {
    fn for_each_money(&self, mut f: impl FnMut(&Money)) {
        match self {
            Parsed::Money(m)
            | Parsed::Burn(m)
            | Parsed::SignOn(SignOnParts { total: Some(m), .. })
            | Parsed::Refresher(Some(Refresher { per_year: m, .. }))
            | Parsed::Bonus(Some(Bonus::Amount(m))) => f(m),
            Parsed::Plan(p) => {
                for m in [p.ask, p.accept_at, p.walk_below].iter().flatten() {
                    f(m);
                }
            }
            Parsed::Target(t) => f(&t.amount),
            Parsed::Equity(Equity::Grant { total, .. }, _) => f(total),
            Parsed::Equity(Equity::PerYear(m), _) => f(m),
            Parsed::Counter(c) => {
                f(&c.asked);
                if let Some(got) = &c.got {
                    f(got);
                }
            }
            _ => {}
        }
    }
}

fn fill_currency(section: &mut Section, currency: Currency) {
    let fix = |m: &mut Money| {
        if m.currency == UNSET_CURRENCY {
            m.currency = currency;
        }
    };
    if let Some(f) = &mut section.floor {
        fix(&mut f.value.amount);
    }
    if let Some(f) = &mut section.wish {
        fix(&mut f.value.amount);
    }
    if let Some(f) = &mut section.base {
        fix(&mut f.value);
    }
    if let Some(Field {
        value: Some(Bonus::Amount(m)),
        ..
    }) = &mut section.bonus
    {
        fix(m);
    }
    if let Some(Field { value: Some(m), .. }) = section.sign_on.as_deref_mut() {
        fix(m);
    }
    if let Some(f) = &mut section.equity {
        match &mut f.value {
            Equity::Grant { total, .. } => fix(total),
            Equity::PerYear(m) => fix(m),
            Equity::None => {}
        }
    }
    for m in [
        &mut section.relocation,
        &mut section.savings,
        &mut section.burn,
    ]
    .into_iter()
    .flatten()
    {
        fix(&mut m.value);
    }
    if let Some(Field { value: Some(r), .. }) = section.refresher.as_deref_mut() {
        fix(&mut r.per_year);
    }
    for t in &mut section.sign_on_tranches {
        fix(&mut t.amount);
    }
    if let Some(p) = &mut section.plan {
        p.value.amounts_mut().for_each(fix);
    }
    for c in &mut section.counters {
        fix(&mut c.value.asked);
        if let Some(got) = &mut c.value.got {
            fix(got);
        }
    }
}

fn factor_of(key: Key) -> Factor {
    match key {
        Key::Scope => Factor::Scope,
        Key::Manager => Factor::Manager,
        Key::Team => Factor::Team,
        Key::Growth => Factor::Growth,
        Key::LocationFit => Factor::LocationFit,
        _ => Factor::EquityQuality,
    }
}

/// `counter 2026-11-25 asked …` / `decision 2026-11-21 walk`: a key that takes a date, then
/// the date, then no colon. Returns the key and the date as written.
fn dated_key_without_colon(line: &str) -> Option<(Key, &str)> {
    let body = line.trim_start();
    let body = body
        .strip_prefix(['-', '*', '+'])
        .map_or(body, |rest| rest.trim_start());
    let word_end = body.find(|c: char| !c.is_ascii_alphabetic())?;
    let key = Key::parse(&body[..word_end]).filter(|k| k.takes_date())?;
    let after_key = &body[word_end..];
    let date = after_key.trim_start_matches([' ', '\t']);
    if date.len() == after_key.len() {
        return None;
    }
    let date_len = date
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(date.len());
    let written = &date[..date_len];
    let parts: Vec<&str> = written.split('-').collect();
    let shaped = parts.len() == 3
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| (1..=2).contains(&p.len()))
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped || date[date_len..].trim_start().starts_with(':') {
        return None;
    }
    Some((key, written))
}

/// `## Offer: Acme` names the section `Acme`.
fn strip_offer_prefix(heading: &str) -> Option<&str> {
    let lower = heading.get(..6)?.to_ascii_lowercase();
    if lower == "offer:" {
        Some(heading[6..].trim_start())
    } else {
        None
    }
}
