//! Calendar dates: today's (UTC) by default, or one given with `--date` so output repeats;
//! the months of a scenario start on a date and run calendar month by calendar month.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date, shown as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The civil date of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date { year, month, day }
}

impl Date {
    /// Days since 1970-01-01 (the inverse of `from_days`).
    pub fn days(self) -> i64 {
        let y = self.year - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.days() - self.days()
    }

    /// The same day `n` months later (or earlier), clamped to the month's last day:
    /// 2026-01-31 plus one month is 2026-02-28.
    pub fn add_months(self, n: i64) -> Date {
        let index = self.year * 12 + i64::from(self.month) - 1 + n;
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u32;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

/// Today in UTC, from the system clock.
pub fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of a year.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

/// Parses `YYYY-MM-DD`, checking that the day exists.
pub fn parse(text: &str) -> Result<Date, String> {
    parse_with(text, false)
}

/// Parses `YYYY-MM-DD`, or `YYYY-MM` meaning the first of that month (a scenario's start).
pub fn parse_month_or_day(text: &str) -> Result<Date, String> {
    parse_with(text, true)
}

fn parse_with(text: &str, month_alone: bool) -> Result<Date, String> {
    let example = if month_alone {
        "2026-12 or 2026-12-01"
    } else {
        "2026-11-24"
    };
    let bad = || format!("expected a date such as {example}, found \"{text}\"");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (*y, *m, Some(*d)),
        [y, m] if month_alone => (*y, *m, None),
        _ => return Err(bad()),
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(y, 4) || !digits(m, 2) || d.is_some_and(|d| !digits(d, 2)) {
        return Err(bad());
    }
    let year: i64 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    let day: u32 = match d {
        Some(d) => d.parse().map_err(|_| bad())?,
        None => 1,
    };
    if !(1..=12).contains(&month) {
        return Err(format!("{text} has no month {month}"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(format!("{text} is not a day of that month"));
    }
    Ok(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        parse(text).expect("a date")
    }

    #[test]
    fn days_since_the_epoch_become_calendar_dates_and_back() {
        assert_eq!(from_days(0).to_string(), "1970-01-01");
        // 2026-11-24 is day 20,781: 56 years of days (1970–2025, 14 leap) + 327 days of 2026.
        assert_eq!(from_days(56 * 365 + 14 + 327).to_string(), "2026-11-24");
        assert_eq!(from_days(-1).to_string(), "1969-12-31");
        for days in [-800, -1, 0, 1, 59, 60, 20_781, 40_000] {
            assert_eq!(from_days(days).days(), days);
        }
    }

    #[test]
    fn parse_checks_the_day_exists() {
        assert_eq!(
            parse("2026-11-24").map(|d| d.to_string()),
            Ok("2026-11-24".into())
        );
        assert!(parse("2026-02-29").is_err());
        assert!(parse("2028-02-29").is_ok());
        assert!(parse("2026-13-01").is_err());
        assert!(parse("24/11/2026").is_err());
        assert!(parse("2026-12").is_err());
        assert_eq!(parse_month_or_day("2026-12"), Ok(d("2026-12-01")));
        // Only digits: a sign would slip through a plain integer parse ("+1" reads as 1).
        assert!(parse_month_or_day("2026-+1").is_err());
        assert!(parse("2026-01-+1").is_err());
    }

    #[test]
    fn months_are_added_on_the_calendar() {
        assert_eq!(d("2026-12-01").add_months(1), d("2027-01-01"));
        assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
        assert_eq!(d("2026-11-27").add_months(-11), d("2025-12-27"));
        // 2026-12-01 to 2027-01-14: 31 days + 13.
        assert_eq!(d("2026-12-01").days_until(d("2027-01-14")), 44);
    }
}
