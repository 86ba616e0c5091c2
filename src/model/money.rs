//! Money as exact integers: hundredths of a currency's major unit, never floats.
//! Formatting follows the currency's own convention (`$178,000`, `€95.000`).

use std::fmt;

/// An ISO 4217 currency code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const EUR: Currency = Currency(*b"EUR");
    /// ISO 4217's "no currency": an amount written without one, until the journal's is known.
    pub const UNSET: Currency = Currency(*b"XXX");

    /// A code the grammar accepted (three ASCII letters, any case).
    pub fn from_code(code: &str) -> Option<Currency> {
        let bytes = code.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        Some(Currency([
            bytes[0].to_ascii_uppercase(),
            bytes[1].to_ascii_uppercase(),
            bytes[2].to_ascii_uppercase(),
        ]))
    }

    /// A symbol written before an amount.
    pub fn from_symbol(symbol: &str) -> Option<Currency> {
        let code = match symbol {
            "$" | "US$" => "USD",
            "C$" | "CA$" => "CAD",
            "A$" | "AU$" => "AUD",
            "NZ$" => "NZD",
            "HK$" => "HKD",
            "S$" => "SGD",
            "€" => "EUR",
            "£" => "GBP",
            "¥" => "JPY",
            "₹" => "INR",
            other => return Currency::from_code(other),
        };
        Currency::from_code(code)
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    fn symbol(&self) -> Option<&'static str> {
        Some(match &self.0 {
            b"USD" => "$",
            b"EUR" => "€",
            b"GBP" => "£",
            b"JPY" => "¥",
            b"INR" => "₹",
            b"CAD" => "C$",
            b"AUD" => "A$",
            _ => return None,
        })
    }

    /// Currencies written `95.000,50` rather than `95,000.50`.
    fn groups_with_dot(&self) -> bool {
        matches!(
            &self.0,
            b"EUR" | b"DKK" | b"NOK" | b"SEK" | b"BRL" | b"TRY" | b"RON" | b"PLN" | b"CZK" | b"HUF"
        )
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An exact amount: `minor` is hundredths of the currency's major unit
/// (cents, pence, hundredths of a yen), so `$172,000` is `17_200_000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    pub fn major(units: i64, currency: Currency) -> Self {
        Money::new(units.saturating_mul(100), currency)
    }

    pub fn as_f64(self) -> f64 {
        self.minor as f64 / 100.0
    }

    /// The same currency's amount closest to `major` units (used for projections).
    pub fn from_f64(major: f64, currency: Currency) -> Self {
        Money::new((major * 100.0).round() as i64, currency)
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency).then_some(())?;
        Some(Money::new(
            self.minor.checked_add(other.minor)?,
            self.currency,
        ))
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        (self.currency == other.currency).then_some(())?;
        Some(Money::new(
            self.minor.checked_sub(other.minor)?,
            self.currency,
        ))
    }

    /// This amount times a percentage (hundredths of a percent), rounded to the cent.
    pub fn percent_of(self, hundredths_of_percent: i64) -> Money {
        let product = self.minor as i128 * hundredths_of_percent as i128;
        // saturates rather than wraps (a sum with it then fails its checked add)
        let minor = div_round(product, 10_000).clamp(i64::MIN as i128, i64::MAX as i128);
        Money::new(minor as i64, self.currency)
    }

    /// Divide by a whole number, rounded to the cent.
    pub fn divided(self, by: i64) -> Money {
        if by == 0 {
            return self;
        }
        Money::new(
            div_round(self.minor as i128, by as i128).clamp(i64::MIN as i128, i64::MAX as i128)
                as i64,
            self.currency,
        )
    }

    /// Shown rounded to whole units: `$6,300`.
    pub fn whole(self) -> Money {
        Money::new(
            div_round(self.minor as i128, 100) as i64 * 100,
            self.currency,
        )
    }
}

fn div_round(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r = n % d;
    if r.abs() * 2 >= d.abs() {
        q + n.signum() * d.signum()
    } else {
        q
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.minor < 0;
        let abs = self.minor.unsigned_abs();
        let units = abs / 100;
        let cents = abs % 100;
        let (group, decimal) = if self.currency.groups_with_dot() {
            ('.', ',')
        } else {
            (',', '.')
        };
        let digits = units.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(ch);
        }
        if cents != 0 {
            grouped.push(decimal);
            grouped.push_str(&format!("{cents:02}"));
        }
        let sign = if negative { "-" } else { "" };
        match self.currency.symbol() {
            Some(symbol) => write!(f, "{sign}{symbol}{grouped}"),
            None => write!(f, "{sign}{grouped} {}", self.currency),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_the_currency_convention() {
        assert_eq!(Money::major(178_000, Currency::USD).to_string(), "$178,000");
        assert_eq!(Money::major(95_000, Currency::EUR).to_string(), "€95.000");
        let chf = Currency::from_code("chf").unwrap();
        assert_eq!(Money::major(120_000, chf).to_string(), "120,000 CHF");
        assert_eq!(Money::new(-1_250, Currency::USD).to_string(), "-$12.50");
    }

    #[test]
    fn percent_of_rounds_to_the_cent() {
        let base = Money::major(172_000, Currency::USD);
        assert_eq!(base.percent_of(1_000), Money::major(17_200, Currency::USD));
        assert_eq!(base.divided(4), Money::major(43_000, Currency::USD));
    }
}
