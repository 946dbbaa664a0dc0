//! Report dates: today's (UTC) by default, or one given with `--date` so reports repeat.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date, shown as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

/// Parses `YYYY-MM-DD`, checking that the day exists.
pub fn parse(text: &str) -> Result<Date, String> {
    let bad = || format!("expected a date such as 2026-11-24, found \"{text}\"");
    let mut parts = text.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let year: i64 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    let day: u32 = d.parse().map_err(|_| bad())?;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => return Err(format!("{text} has no month {month}")),
    };
    if day == 0 || day > days_in_month {
        return Err(format!("{text} is not a day of that month"));
    }
    Ok(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_become_calendar_dates() {
        assert_eq!(from_days(0).to_string(), "1970-01-01");
        // 2026-11-24 is day 20,781: 56 years of days (1970–2025, 14 leap) + 327 days of 2026.
        assert_eq!(from_days(56 * 365 + 14 + 327).to_string(), "2026-11-24");
        assert_eq!(from_days(-1).to_string(), "1969-12-31");
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
    }
}
