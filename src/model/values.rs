//! Typed values from the text after `key:` — money, percents, durations, dates and the rest.
//! The grammar matches the shape; this module turns it into exact numbers, or says what
//! was expected, with an example, when it does not fit.

pub mod fuller;

use super::wording;
use super::{
    AllowedCode, AnchorYears, Basis, Bonus, Counter, Currency, Decision, Duration, DurationUnit,
    Equity, ExchangeRate, Money, Percent, Rating, Status, Target, Verdict,
};
use crate::syntax::{OfferGrammar, Rule};
use crate::text::Span;
use chrono::NaiveDate;
use pest::iterators::Pair;
use pest::Parser;

/// Why a value did not parse, in words for the person who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ValueError(pub String);

type Result<T> = std::result::Result<T, ValueError>;

fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(ValueError(message.into()))
}

/// Amounts written without a currency get this until the journal's currency is known.
pub const UNSET_CURRENCY: Currency = Currency::UNSET;

pub const MONEY_EXAMPLE: &str = "an amount like `$172,000`, `$172k`, `95.000 EUR` or `1.2m USD`";

pub(super) fn parse<'a>(rule: Rule, text: &'a str) -> Option<Pair<'a, Rule>> {
    OfferGrammar::parse(rule, text).ok()?.next()
}

fn parse_or<'a>(rule: Rule, text: &'a str, expected: &str) -> Result<Pair<'a, Rule>> {
    match parse(rule, text) {
        Some(pair) => Ok(pair),
        None if text.trim().is_empty() => fail(format!("this needs a value: {expected}")),
        None => fail(format!("expected {expected}, found `{}`", text.trim())),
    }
}

fn first<'a>(pair: &Pair<'a, Rule>, rule: Rule) -> Option<Pair<'a, Rule>> {
    pair.clone().into_inner().find(|p| p.as_rule() == rule)
}

// ------------------------------------------------------------------ money

pub fn money(text: &str) -> Result<Money> {
    let pair = parse_or(Rule::money_value, text, MONEY_EXAMPLE)?;
    money_from(first(&pair, Rule::money).ok_or_else(|| ValueError(MONEY_EXAMPLE.into()))?)
}

/// Money out of a matched `money` pair.
fn money_from(pair: Pair<'_, Rule>) -> Result<Money> {
    let mut currency = None;
    let mut number = "";
    let mut multiplier = 1i128;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::currency_prefix => currency = Currency::from_symbol(part.as_str().trim()),
            Rule::currency_code => {
                let code = Currency::from_code(part.as_str());
                if currency.is_some() && code != currency {
                    return fail(format!(
                        "`{}` names two currencies; write one, e.g. `$172,000` or `172000 USD`",
                        part.as_str()
                    ));
                }
                currency = code;
            }
            Rule::number => number = part.as_str(),
            Rule::multiplier => {
                multiplier = match part.as_str() {
                    "k" | "K" => 1_000,
                    _ => 1_000_000,
                }
            }
            _ => {}
        }
    }
    let (mantissa, scale) = decimal_number(number, multiplier != 1)?;
    // minor units are hundredths of the major unit
    let minor = mantissa
        .checked_mul(multiplier * 100)
        .ok_or_else(|| ValueError("that amount is too large to be a salary".into()))?;
    let divisor = 10i128.pow(scale);
    if minor % divisor != 0 {
        return fail(format!(
            "`{number}` has more decimals than a currency has cents; round it, e.g. `$172,000.50`"
        ));
    }
    let minor = minor / divisor;
    if minor > 100_000_000_000_000 {
        return fail("that amount is too large to be a salary");
    }
    Ok(Money::new(minor as i64, currency.unwrap_or(UNSET_CURRENCY)))
}

/// Read digits with grouping and decimal separators into (mantissa, decimal places).
///
/// `_`, `'` and spaces always group. With both `,` and `.` present, the last one is the
/// decimal mark. With one of them once, three digits after it group thousands
/// (`€95.000`, `$172,000`) unless a `k`/`m` follows (`$1.250k`); one or two digits make
/// it the decimal mark (`$172.5k`, `€95,50`). With one of them several times, it groups.
fn decimal_number(number: &str, has_multiplier: bool) -> Result<(i128, u32)> {
    let cleaned: String = number
        .chars()
        .filter(|c| !matches!(c, '_' | '\'' | '’' | ' ' | '\u{2009}' | '\u{202F}'))
        .collect();
    let commas = cleaned.matches(',').count();
    let dots = cleaned.matches('.').count();
    let decimal_mark = match (commas, dots) {
        (0, 0) => None,
        (_, 0) | (0, _) => {
            let mark = if commas > 0 { ',' } else { '.' };
            let count = commas + dots;
            let after = cleaned.len() - cleaned.rfind(mark).map_or(0, |i| i + 1);
            if count == 1 && (after != 3 || has_multiplier) {
                Some(mark)
            } else {
                None
            }
        }
        _ => {
            let last_comma = cleaned.rfind(',');
            let last_dot = cleaned.rfind('.');
            let mark = if last_comma > last_dot { ',' } else { '.' };
            if cleaned.matches(mark).count() > 1 {
                return fail(format!(
                    "`{number}` mixes `,` and `.` in a way that can't be read; write `172,000.50` or `172.000,50`"
                ));
            }
            Some(mark)
        }
    };
    let (whole, fraction) = match decimal_mark {
        Some(mark) => cleaned.split_once(mark).unwrap_or((&cleaned, "")),
        None => (cleaned.as_str(), ""),
    };
    // every group after the first must be three digits
    let groups: Vec<&str> = whole.split([',', '.']).collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
        return fail(format!(
            "`{number}` has digit groups that are not three digits long; write e.g. `172,000`"
        ));
    }
    let digits: String = groups.concat() + fraction;
    let mantissa: i128 = digits
        .parse()
        .map_err(|_| ValueError(format!("`{number}` is too long to be an amount")))?;
    Ok((mantissa, fraction.len() as u32))
}

// ------------------------------------------------------------------ other scalars

pub fn target(text: &str) -> Result<Target> {
    let expected = format!("{MONEY_EXAMPLE}, then optionally `base` or `total`");
    let pair = parse_or(Rule::floor_value, text, &expected)?;
    let amount =
        money_from(first(&pair, Rule::money).ok_or_else(|| ValueError(expected.clone()))?)?;
    let basis = match first(&pair, Rule::basis) {
        Some(b) if !b.as_str().to_ascii_lowercase().starts_with("base") => Basis::Total,
        _ => Basis::Base,
    };
    Ok(Target { amount, basis })
}

fn decimal_hundredths(text: &str) -> Result<i64> {
    let normal = text.replace(',', ".");
    let (whole, frac) = normal.split_once('.').unwrap_or((&normal, ""));
    if frac.len() > 2 {
        return fail(format!(
            "`{text}` has more precision than this needs; two decimals at most"
        ));
    }
    let whole: i64 = whole
        .parse()
        .map_err(|_| ValueError(format!("`{text}` is too large")))?;
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().unwrap_or(0)
    };
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac))
        .ok_or_else(|| ValueError(format!("`{text}` is too large")))
}

pub fn percent(text: &str) -> Result<Percent> {
    let pair = parse_or(
        Rule::percent_value,
        text,
        "a percentage like `10%` or `3.5%`",
    )?;
    percent_from(first(&pair, Rule::percent))
}

fn percent_from(pair: Option<Pair<'_, Rule>>) -> Result<Percent> {
    let number = pair
        .and_then(|p| first(&p, Rule::decimal))
        .ok_or_else(|| ValueError("expected a percentage like `10%`".into()))?;
    let value = decimal_hundredths(number.as_str())?;
    if value > 100_000 {
        return fail("a percentage over 1000% can't be right here");
    }
    Ok(Percent(value))
}

pub fn duration(text: &str) -> Result<Duration> {
    let expected = "a length of time like `4 months`, `6 weeks`, `1 year`, `4y` or `90 days`";
    let pair = parse_or(Rule::duration_value, text, expected)?;
    duration_from(first(&pair, Rule::duration).ok_or_else(|| ValueError(expected.into()))?)
}

fn duration_from(pair: Pair<'_, Rule>) -> Result<Duration> {
    let mut amount = 0;
    let mut unit = DurationUnit::Day;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::decimal => amount = decimal_hundredths(part.as_str())?,
            Rule::duration_unit => {
                unit = match part.as_str().to_ascii_lowercase().chars().next() {
                    Some('y') => DurationUnit::Year,
                    Some('m') => DurationUnit::Month,
                    Some('w') => DurationUnit::Week,
                    _ => DurationUnit::Day,
                }
            }
            _ => {}
        }
    }
    if amount > 100 * 1000 {
        return fail("that is longer than any runway or vesting schedule");
    }
    Ok(Duration::new(amount, unit))
}

pub fn date(text: &str) -> Result<NaiveDate> {
    let pair = parse_or(
        Rule::date_value,
        text,
        "a date like `2026-12-01` (year-month-day)",
    )?;
    let written = first(&pair, Rule::date).map(|p| p.as_str()).unwrap_or("");
    date_from(written)
}

/// An ISO date; an impossible one (`2026-02-30`) says why.
pub fn date_from(written: &str) -> Result<NaiveDate> {
    let mut parts = written.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return fail(format!(
            "expected a date like `2026-12-01`, found `{written}`"
        ));
    };
    if !(1..=12).contains(&month) {
        return fail(format!(
            "`{written}` is not a date: there is no month {month}"
        ));
    }
    match NaiveDate::from_ymd_opt(year as i32, month, day) {
        Some(date) => Ok(date),
        None => {
            let days = days_in_month(year as i32, month);
            let name = MONTHS[(month - 1) as usize];
            fail(format!(
                "`{written}` is not a date: {name} {year} has {days} days"
            ))
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map_or(31, |d| chrono::Datelike::day(&d))
}

pub fn rating(text: &str) -> Result<Rating> {
    let Some(pair) = parse(Rule::rating_value, text) else {
        return fail(wording::not_a_rating(text));
    };
    let word = first(&pair, Rule::rating)
        .map(|p| p.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match word.as_str() {
        "strong" | "+" => Rating::Strong,
        "weak" | "-" => Rating::Weak,
        _ => Rating::Ok,
    })
}

pub fn status(text: &str) -> Result<Status> {
    let word = parse(Rule::status_value, text)
        .and_then(|pair| first(&pair, Rule::status))
        .map(|p| p.as_str().to_ascii_lowercase());
    Status::ALL
        .iter()
        .copied()
        .find(|s| word.as_deref() == Some(s.name()))
        .ok_or_else(|| ValueError(wording::not_a_status(text)))
}

pub fn yes_no(text: &str) -> Result<bool> {
    let pair = parse_or(
        Rule::yes_no_value,
        text,
        "`yes` or `no` (`not yet` and `verbal only` also mean no)",
    )?;
    Ok(first(&pair, Rule::yes_no).is_some_and(|answer| first(&answer, Rule::yes).is_some()))
}

pub fn text_value(text: &str) -> Result<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return fail("this needs a value");
    }
    Ok(trimmed.to_string())
}

pub fn bonus(text: &str) -> Result<Option<Bonus>> {
    let expected = format!("a percent of base like `10%`, or {MONEY_EXAMPLE}");
    let pair = parse_or(Rule::bonus_value, text, &expected)?;
    if first(&pair, Rule::none).is_some() {
        return Ok(None);
    }
    if let Some(p) = first(&pair, Rule::percent) {
        return Ok(Some(Bonus::Percent(percent_from(Some(p))?)));
    }
    let m = first(&pair, Rule::money).ok_or(ValueError(expected))?;
    Ok(Some(Bonus::Amount(money_from(m)?)))
}

pub fn equity(text: &str) -> Result<Equity> {
    let expected =
        "a grant and its vesting like `$160k over 4 years`, or a yearly value like `$40k/yr`";
    let pair = parse(Rule::equity_value, text);
    let Some(pair) = pair else {
        if parse(Rule::money_value, text).is_some() {
            return fail(format!("say how it vests: {expected}"));
        }
        if let Some(message) = wording::equity_without_value(text) {
            return fail(message);
        }
        return parse_or(Rule::equity_value, text, expected).map(|_| Equity::None);
    };
    if let Some(grant) = first(&pair, Rule::equity_grant) {
        let total = money_from(first(&grant, Rule::money).ok_or(ValueError(expected.into()))?)?;
        let vesting =
            duration_from(first(&grant, Rule::duration).ok_or(ValueError(expected.into()))?)?;
        if vesting.twelfths_of_day <= 0 {
            return fail("a grant can't vest over zero time");
        }
        return Ok(Equity::Grant { total, vesting });
    }
    if let Some(yearly) = first(&pair, Rule::equity_yearly) {
        let per_year = money_from(first(&yearly, Rule::money).ok_or(ValueError(expected.into()))?)?;
        return Ok(Equity::PerYear(per_year));
    }
    Ok(Equity::None)
}

/// What a counter line looks like, for the message when one can't be read.
pub const COUNTER_EXAMPLE: &str = "write it like `asked $195k, got $178k`: the first amount after `asked` and after `got` is the base, anything after it is kept (`asked $195k plus a $15k sign-on`), and `got` waits until they answer";

/// `asked $195k, got $178k` — `got` may be missing while you wait for an answer, and each
/// amount may be followed by extra parts (`plus a $15k sign-on`), kept as written.
/// `value_start` is where the value starts in the document, for the spans.
pub fn counter(text: &str, date: Option<NaiveDate>, value_start: usize) -> Result<Counter> {
    let Some(pair) = parse(Rule::counter_value, text) else {
        return fail(format!(
            "`{}` is not a counter round: {COUNTER_EXAMPLE}",
            text.trim()
        ));
    };
    let span_of = |p: &Pair<'_, Rule>| {
        Span::new(
            value_start + p.as_span().start(),
            value_start + p.as_span().end(),
        )
    };
    let asked_part = first(&pair, Rule::counter_asked).ok_or(ValueError(COUNTER_EXAMPLE.into()))?;
    let asked =
        money_from(first(&asked_part, Rule::money).ok_or(ValueError(COUNTER_EXAMPLE.into()))?)?;
    let asked_extra = first(&asked_part, Rule::asked_extra);
    let (got, got_span, got_extra) = match first(&pair, Rule::counter_got) {
        Some(part) => {
            let amount = first(&part, Rule::money).ok_or(ValueError(COUNTER_EXAMPLE.into()))?;
            let span = span_of(&amount);
            (
                Some(money_from(amount)?),
                Some(span),
                first(&part, Rule::got_extra),
            )
        }
        None => {
            if let Some(answer) = asked_extra.as_ref().and_then(|e| dangling_got(e.as_str())) {
                return fail(format!(
                    "`{answer}` has no amount: write the number they came back with, like `asked $195k, got $178k`, and leave `got` out while you wait"
                ));
            }
            (None, None, None)
        }
    };
    let extra = |part: Option<Pair<'_, Rule>>| {
        part.and_then(|p| {
            let start = span_of(&p).start;
            trim_extra(p.as_str()).map(|(from, to)| Span::new(start + from, start + to))
        })
    };
    Ok(Counter {
        date,
        asked,
        got,
        got_span,
        asked_extra: extra(asked_extra),
        got_extra: extra(got_extra),
    })
}

/// The byte range of an extra part without the separators and spaces around it, or `None`
/// when nothing is left.
fn trim_extra(text: &str) -> Option<(usize, usize)> {
    let is_edge = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '—' | '–');
    let trimmed = text.trim_start_matches(is_edge);
    let from = text.len() - trimmed.len();
    let trimmed = trimmed.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';'));
    (!trimmed.is_empty()).then_some((from, from + trimmed.len()))
}

/// A `got` that starts a part of the line but has no amount after it (`, got nothing`):
/// the answer the person wrote, from `got` to the end.
fn dangling_got(extra: &str) -> Option<&str> {
    let lower = extra.to_ascii_lowercase();
    lower.match_indices("got").find_map(|(at, _)| {
        let before = lower[..at].trim_end_matches(|c: char| c.is_whitespace());
        let starts_part = before.is_empty() || before.ends_with([',', ';', '—', '–']);
        let word_ends = !lower[at + 3..].starts_with(|c: char| c.is_ascii_alphanumeric());
        (starts_part && word_ends).then(|| extra[at..].trim_end())
    })
}

pub fn decision(text: &str, date: Option<NaiveDate>) -> Result<Decision> {
    let pair = parse_or(
        Rule::decision_value,
        text,
        "`walk`, `accept`, `counter` or `wait`",
    )?;
    let verdict = match first(&pair, Rule::verdict)
        .map(|p| p.as_str().to_ascii_lowercase())
        .as_deref()
    {
        Some("walk") => Verdict::Walk,
        Some("accept") => Verdict::Accept,
        Some("counter") => Verdict::Counter,
        _ => Verdict::Wait,
    };
    Ok(Decision { date, verdict })
}

pub fn anchor_years(text: &str) -> Result<AnchorYears> {
    let pair = parse_or(
        Rule::anchor_value,
        text,
        "a number of years like `3`, or a range like `2-4`",
    )?;
    let low: u32 = first(&pair, Rule::anchor_low)
        .and_then(|p| p.as_str().parse().ok())
        .unwrap_or(0);
    let high: u32 = first(&pair, Rule::anchor_high)
        .and_then(|p| p.as_str().parse().ok())
        .unwrap_or(low);
    if low == 0 || high > 10 || low > high {
        return fail("anchor years should be between 1 and 10, like `4` or `2-4`");
    }
    Ok(AnchorYears { low, high })
}

/// `allow: small-gap, quadrant` — the codes and where each is written.
pub fn allow(text: &str, value_start: usize) -> Result<Vec<AllowedCode>> {
    let pair = parse_or(
        Rule::allow_value,
        text,
        "rule codes separated by commas, like `small-gap, quadrant`",
    )?;
    Ok(pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::rule_code)
        .map(|p| AllowedCode {
            // written as a person may type it: `BELOW_FLOOR` is `below-floor`
            code: super::keys::normalise(p.as_str()),
            span: Span::new(
                value_start + p.as_span().start(),
                value_start + p.as_span().end(),
            ),
        })
        .collect())
}

/// The exchange rates a journal may state (see [`exchange_rate`]).
const MIN_RATE: f64 = 0.000_001;
const MAX_RATE: f64 = 1_000_000.0;

pub fn exchange_rate(text: &str) -> Result<ExchangeRate> {
    let expected = "a rate like `1 EUR = 1.08 USD`";
    let pair = parse_or(Rule::rate_value, text, expected)?;
    let mut numbers = Vec::new();
    let mut codes = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::decimal => numbers.push(part.as_str().replace(',', ".")),
            Rule::currency_code => codes.push(Currency::from_code(part.as_str())),
            _ => {}
        }
    }
    let (Some(Some(from)), Some(Some(to))) = (codes.first(), codes.get(1)) else {
        return fail(expected);
    };
    let parse_f = |s: &String| s.parse::<f64>().ok();
    let (left, right) = match numbers.len() {
        1 => (1.0, parse_f(&numbers[0])),
        _ => (
            parse_f(&numbers[0]).unwrap_or(0.0),
            numbers.get(1).and_then(parse_f),
        ),
    };
    let Some(right) = right else {
        return fail(expected);
    };
    if left <= 0.0 || right <= 0.0 {
        return fail("an exchange rate must be above zero");
    }
    // Rates are kept in millionths: below one millionth a rate would read as zero (every
    // amount converted to nothing: "100% below"), and past a million an amount converted
    // with it would not fit. No two currencies in use are that far apart.
    let rate = right / left;
    if !(MIN_RATE..=MAX_RATE).contains(&rate) {
        return fail(
            "an exchange rate must be between 0.000001 and 1,000,000; write it the other way round, e.g. `1 USD = 150 JPY`",
        );
    }
    Ok(ExchangeRate {
        from: *from,
        to: *to,
        rate_millionths: (rate * 1_000_000.0).round() as i64,
    })
}

/// Every amount written in a value (`asked $195k, got $178k` has two), with its byte range
/// in `text` and its exact value; amounts without a currency have [`UNSET_CURRENCY`].
pub fn amounts(kind: super::keys::ValueKind, text: &str) -> Vec<(std::ops::Range<usize>, Money)> {
    use super::keys::ValueKind;
    let rule = match kind {
        ValueKind::Money => Rule::money_value,
        ValueKind::Target => Rule::floor_value,
        ValueKind::Bonus => Rule::bonus_value,
        ValueKind::SignOn => Rule::sign_on_value,
        ValueKind::Refresher => Rule::refresher_value,
        ValueKind::Burn => Rule::burn_value,
        ValueKind::Plan => Rule::plan_value,
        ValueKind::Equity => Rule::equity_value,
        ValueKind::Counter => Rule::counter_value,
        _ => return Vec::new(),
    };
    let Some(pair) = parse(rule, text) else {
        return Vec::new();
    };
    pair.into_inner()
        .flatten()
        .filter(|p| p.as_rule() == Rule::money)
        .filter_map(|p| {
            let range = p.as_span().start()..p.as_span().end();
            money_from(p).ok().map(|m| (range, m))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(units: i64) -> Money {
        Money::major(units, Currency::USD)
    }

    #[test]
    fn money_in_every_spelling_the_spec_lists() {
        assert_eq!(money("$172,000").unwrap(), usd(172_000));
        assert_eq!(money("$172k").unwrap(), usd(172_000));
        assert_eq!(money("172000 USD").unwrap(), usd(172_000));
        assert_eq!(
            money("€95.000").unwrap(),
            Money::major(95_000, Currency::EUR)
        );
        assert_eq!(money("£80k").unwrap().to_string(), "£80,000");
        assert_eq!(money("1.2m USD").unwrap(), usd(1_200_000));
        assert_eq!(
            money("172_000").unwrap(),
            Money::major(172_000, UNSET_CURRENCY)
        );
        assert_eq!(
            money("172\u{2009}000 EUR").unwrap(),
            Money::major(172_000, Currency::EUR)
        );
    }

    #[test]
    fn money_decimals_follow_the_separator_position() {
        assert_eq!(money("$172.5k").unwrap(), usd(172_500));
        assert_eq!(
            money("€95.000,50").unwrap(),
            Money::new(9_500_050, Currency::EUR)
        );
        assert_eq!(
            money("$95,000.50").unwrap(),
            Money::new(9_500_050, Currency::USD)
        );
        assert_eq!(
            money("€1,2m").unwrap(),
            Money::major(1_200_000, Currency::EUR)
        );
        assert_eq!(money("$1,234,567").unwrap(), usd(1_234_567));
        assert_eq!(money("usd 90k").unwrap(), usd(90_000));
    }

    #[test]
    fn money_that_cannot_be_read_says_what_was_expected() {
        let err = money("a lot").unwrap_err().0;
        assert!(err.contains("$172,000"), "{err}");
        assert!(money("$1,23,456").is_err());
        assert!(money("$1.2345").is_err());
        assert!(money("$99999999999999m").is_err());
        assert!(money("$172,000 EUR").is_err());
    }

    #[test]
    fn impossible_dates_are_errors_that_say_why() {
        assert_eq!(
            date("2026-12-01").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        let err = date("2026-02-30").unwrap_err().0;
        assert_eq!(err, "`2026-02-30` is not a date: February 2026 has 28 days");
        assert!(date("2028-02-29").is_ok());
        assert!(date("2026-13-01").unwrap_err().0.contains("no month 13"));
        assert!(date("next friday").is_err());
    }

    #[test]
    fn durations_percents_and_ratings() {
        assert_eq!(duration("4 months").unwrap(), Duration::months(4));
        assert_eq!(duration("4y").unwrap().unit, DurationUnit::Year);
        assert_eq!(duration("90 days").unwrap().twelfths_of_day, 1080);
        assert_eq!(duration("6 weeks").unwrap(), Duration::weeks(6));
        assert_eq!(percent("3.5 %").unwrap(), Percent(350));
        assert_eq!(percent("10%").unwrap(), Percent(1000));
        assert_eq!(rating("+").unwrap(), Rating::Strong);
        assert_eq!(
            rating("Weak — the manager dodged questions").unwrap(),
            Rating::Weak
        );
        assert!(rating("great").is_err());
    }

    #[test]
    fn composite_values() {
        assert_eq!(
            target("$190k base").unwrap(),
            Target {
                amount: usd(190_000),
                basis: Basis::Base
            }
        );
        assert_eq!(target("$250k total").unwrap().basis, Basis::Total);
        assert_eq!(
            equity("$160k over 4 years").unwrap(),
            Equity::Grant {
                total: usd(160_000),
                vesting: Duration::new(400, DurationUnit::Year)
            }
        );
        assert_eq!(equity("$40k/yr").unwrap(), Equity::PerYear(usd(40_000)));
        assert!(equity("$160k").unwrap_err().0.contains("vests"));
        let c = counter("asked $195k, got $178k", None, 100).unwrap();
        assert_eq!((c.asked, c.got), (usd(195_000), Some(usd(178_000))));
        assert_eq!(c.got_span, Some(Span::new(100 + 17, 100 + 22)));
        assert_eq!(counter("asked $195k", None, 0).unwrap().got, None);
        assert_eq!(
            decision("walk — numbers don't work", None).unwrap().verdict,
            Verdict::Walk
        );
        assert!(decision("maybe", None).is_err());
        assert_eq!(
            anchor_years("2-4").unwrap(),
            AnchorYears { low: 2, high: 4 }
        );
        let codes: Vec<String> = allow("small-gap, quadrant", 0)
            .unwrap()
            .into_iter()
            .map(|a| a.code)
            .collect();
        assert_eq!(codes, ["small-gap", "quadrant"]);
        let rate = exchange_rate("1 EUR = 1.08 USD").unwrap();
        assert_eq!(
            (rate.from, rate.to, rate.rate_millionths),
            (Currency::EUR, Currency::USD, 1_080_000)
        );
    }
}
