//! The claims validation panel: what a relying party would check in a claims set
//! (RFC 7519 §4.1, §7.2 step 10) against the values the user expects, each check with a
//! one-sentence reason.
//!
//! Pure: the caller passes `now`. Times are NumericDates in seconds; a fraction counts
//! (an `exp` of 1000.5 still allows 1000), and every sum with the leeway saturates.

use crate::jwt::claims::{self, Time};
use crate::jwt::json::{self, Node, Value};

/// What the user expects of a token.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expectations {
    /// Seconds since 1970.
    pub now: i64,
    /// Clock skew allowed on `exp`, `nbf` and `iat`, in seconds; a negative leeway counts as 0.
    pub leeway: i64,
    pub iss: Option<String>,
    pub aud: Option<String>,
    pub sub: Option<String>,
    /// Claims that must be present.
    pub required: Vec<String>,
}

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStatus {
    Pass,
    Fail,
    /// Nothing to check, or not what the check needs (the claim is absent and not
    /// required; a profile's check without its companion token): the message says why.
    Skip,
}

impl CheckStatus {
    /// A stable keyword for the page (`data-status`).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::Skip => "skip",
        }
    }

    /// The status with this keyword.
    pub fn parse(name: &str) -> Option<CheckStatus> {
        [CheckStatus::Pass, CheckStatus::Fail, CheckStatus::Skip].into_iter().find(|s| s.as_str() == name)
    }
}

/// One line of the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// `exp`, `nbf`, `iat`, `iss`, `aud`, `sub`, `required:<claim>` or `claims`.
    pub name: String,
    pub status: CheckStatus,
    /// One short sentence, values quoted and invisible characters made visible.
    pub reason: String,
}

impl Check {
    fn new(name: impl Into<String>, status: CheckStatus, reason: impl Into<String>) -> Check {
        Check { name: name.into(), status, reason: reason.into() }
    }
}

/// Checks a claims set against the expectations: `exp`, `nbf`, `iat` (always, skipped when
/// absent), then `iss`, `aud`, `sub` (when expected), then one `required:<claim>` per
/// required claim. A payload that is not a JSON object gives the single check `claims`.
pub fn validate(claims: Option<&Node>, e: &Expectations) -> Vec<Check> {
    let claims = match claims {
        Some(c) if c.is_object() => c,
        Some(c) => {
            let why = format!(
                "the payload is {}, not a JSON object, so it has no claims (RFC 7519 §7.2)",
                c.value.type_name()
            );
            return vec![Check::new("claims", CheckStatus::Fail, why)];
        }
        None => {
            let why = "the payload is not a JSON object, so it has no claims (RFC 7519 §7.2)";
            return vec![Check::new("claims", CheckStatus::Fail, why)];
        }
    };
    let leeway = e.leeway.max(0);
    let mut out = vec![
        time_check(claims, "exp", e.now, leeway),
        time_check(claims, "nbf", e.now, leeway),
        time_check(claims, "iat", e.now, leeway),
    ];
    if let Some(want) = expected(&e.iss) {
        out.push(string_check(claims, "iss", want));
    }
    if let Some(want) = expected(&e.aud) {
        out.push(aud_check(claims, want));
    }
    if let Some(want) = expected(&e.sub) {
        out.push(string_check(claims, "sub", want));
    }
    for name in &e.required {
        out.push(required_check(claims, name));
    }
    out
}

/// A time typed by the user: NumericDate seconds (`1764547200`), or a UTC date and time
/// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, with an optional `Z` (a space
/// may stand for the `T`). `None` for anything else.
pub fn parse_time(text: &str) -> Option<i64> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) || t.starts_with('-') && t.len() > 1 {
        return t.parse::<i64>().ok();
    }
    let t = t.strip_suffix('Z').or_else(|| t.strip_suffix('z')).unwrap_or(t);
    let (date, time) = match t.split_once(['T', 't', ' ']) {
        Some((d, tm)) => (d, Some(tm)),
        None => (t, None),
    };
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i64>().ok()).flatten()
    };
    let mut d = date.split('-');
    let (y, mo, day) = (num(d.next()?, 4)?, num(d.next()?, 2)?, num(d.next()?, 2)?);
    if d.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&day) {
        return None;
    }
    let (h, mi, sec) = match time {
        None => (0, 0, 0),
        Some(tm) => {
            let mut p = tm.split(':');
            let h = num(p.next()?, 2)?;
            let mi = num(p.next()?, 2)?;
            let sec = match p.next() {
                Some(s) => num(s, 2)?,
                None => 0,
            };
            if p.next().is_some() || h > 23 || mi > 59 || sec > 60 {
                return None;
            }
            (h, mi, sec)
        }
    };
    // days_from_civil (H. Hinnant), the inverse of claims::civil_from_days.
    let yy = if mo <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + sec)
}

/// Claim names from a text such as `"exp, iss aud"`: split at commas and whitespace,
/// surrounding quotes removed, empty names dropped, duplicates dropped, order kept.
pub fn parse_required(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| c == ',' || c.is_whitespace()) {
        let name = word.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// The expected value, if there is one to check.
fn expected(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.trim().is_empty())
}

/// The most characters of a value a reason quotes.
const QUOTE_LIMIT: usize = 120;

/// A value as it appears in a reason: a JSON string literal, shortened if long, with
/// invisible and direction-changing characters shown as `⟨U+202E⟩`.
pub(crate) fn quoted(s: &str) -> String {
    let short: String = s.chars().take(QUOTE_LIMIT).collect();
    let mut q = crate::jwt::text::visible(&json::quote(&short)).into_owned();
    if short.len() < s.len() {
        q.push('…');
    }
    q
}

/// A claim name in a reason: as is when plain, quoted otherwise.
fn claim_name(name: &str) -> String {
    let plain = !name.is_empty() && name.len() <= 64 && name.bytes().all(|b| b.is_ascii_graphic() && b != b'"');
    if plain { name.to_string() } else { quoted(name) }
}

/// A number as it appears in a reason.
/// (Integer arithmetic only: float formatting would add its tables to the page.)
fn number(n: f64) -> String {
    if !n.is_finite() || n.abs() >= 1e15 {
        return if n.is_finite() {
            format!("{}1e{}", if n < 0.0 { "-" } else { "" }, n.abs().log10().floor() as i64)
        } else {
            "not finite".into()
        };
    }
    let whole = n.trunc() as i64;
    let thousandths = ((n - n.trunc()).abs() * 1000.0).round() as i64;
    let sign = if n < 0.0 && whole == 0 { "-" } else { "" };
    match thousandths {
        0 => format!("{sign}{whole}"),
        1000 => format!("{}", whole + n.signum() as i64),
        t => format!("{sign}{whole}.{}", format!("{t:03}").trim_end_matches('0')),
    }
}

/// A short description of a value of the wrong type: "a number (5)", "an array".
fn describe(node: &Node) -> String {
    match &node.value {
        Value::Number(n) => format!("a number ({})", number(*n)),
        Value::String(s) => format!("a string ({})", quoted(s)),
        Value::Bool(b) => format!("a boolean ({b})"),
        v => v.type_name().to_string(),
    }
}

fn leeway_note(leeway: i64) -> String {
    if leeway > 0 { format!(" (leeway {leeway} s)") } else { String::new() }
}

/// Why a time claim (`exp`, `nbf`, `iat`) cannot be compared with the clock; the message
/// is the reason its check fails.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum TimeClaimError {
    /// The claim is not a number (`found` describes it: "a string (\"soon\")").
    NotANumber { name: String, found: String },
    /// The number looks like milliseconds; `seconds` is the time it means read so.
    Milliseconds { name: String, value: f64, seconds: i64 },
    /// The number is outside years 0 to 9999.
    OutOfRange { name: String, value: f64 },
}

impl std::fmt::Display for TimeClaimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimeClaimError::NotANumber { name, found } => {
                write!(f, "{name} is {found}, but it must be a NumericDate (seconds since 1970)")
            }
            TimeClaimError::Milliseconds { name, value, seconds } => write!(
                f,
                "{name} is {}, which looks like milliseconds: a NumericDate counts seconds (as milliseconds it is {})",
                number(*value),
                claims::format_utc(*seconds)
            ),
            TimeClaimError::OutOfRange { name, value } => {
                write!(f, "{name} is {}, outside the range of dates (years 0 to 9999)", number(*value))
            }
        }
    }
}

impl std::error::Error for TimeClaimError {}

/// A time claim read for comparison: its whole seconds (for display) and the smallest
/// whole second not before it (for comparison with an integer `now`), or why it cannot
/// be read.
fn read_time(node: &Node, name: &str) -> Result<(i64, i64), TimeClaimError> {
    let Value::Number(n) = node.value else {
        return Err(TimeClaimError::NotANumber { name: name.to_string(), found: describe(node) });
    };
    match claims::time_of(node) {
        Some(Time { millis: true, seconds }) => {
            Err(TimeClaimError::Milliseconds { name: name.to_string(), value: n, seconds })
        }
        Some(Time { seconds, .. }) => {
            let ceil = if n.fract() != 0.0 { seconds.saturating_add(1) } else { seconds };
            Ok((seconds, ceil))
        }
        None => Err(TimeClaimError::OutOfRange { name: name.to_string(), value: n }),
    }
}

fn time_check(claims: &Node, name: &str, now: i64, leeway: i64) -> Check {
    let Some(node) = claims.get(name) else {
        let what = match name {
            "exp" => "so it never expires by its own claims",
            "nbf" => "so it is valid from the start",
            _ => "so its age is unknown",
        };
        return Check::new(name, CheckStatus::Skip, format!("the token has no {name} claim, {what}"));
    };
    let (shown, at) = match read_time(node, name) {
        Ok(t) => t,
        Err(why) => return Check::new(name, CheckStatus::Fail, why.to_string()),
    };
    let date = claims::format_utc(shown);
    let when = claims::relative(at, now);
    let note = leeway_note(leeway);
    let (status, reason) = match name {
        // RFC 7519 §4.1.4: not accepted on or after exp.
        "exp" if now < at => (CheckStatus::Pass, format!("expires {date}, {when}")),
        "exp" if now < at.saturating_add(leeway) => {
            (CheckStatus::Pass, format!("expired {date}, {when}, but within the leeway of {leeway} s"))
        }
        "exp" => (CheckStatus::Fail, format!("expired {date}, {when}{note}")),
        // RFC 7519 §4.1.5: not accepted before nbf.
        "nbf" if now >= at => (CheckStatus::Pass, format!("valid since {date}, {when}")),
        "nbf" if now >= at.saturating_sub(leeway) => {
            (CheckStatus::Pass, format!("becomes valid {date}, {when}, but within the leeway of {leeway} s"))
        }
        "nbf" => (CheckStatus::Fail, format!("not valid before {date}, {when}{note}")),
        // RFC 7519 §4.1.6: a token issued in the future is suspect.
        _ if at <= now => (CheckStatus::Pass, format!("issued {date}, {when}")),
        _ if at <= now.saturating_add(leeway) => {
            (CheckStatus::Pass, format!("issued in the future ({date}, {when}), but within the leeway of {leeway} s"))
        }
        _ => (CheckStatus::Fail, format!("issued in the future: {date}, {when}{note}")),
    };
    Check::new(name, status, reason)
}

/// A hint when two strings differ only in a way people overlook.
fn near_miss(got: &str, want: &str) -> &'static str {
    if got.eq_ignore_ascii_case(want) {
        " (they differ only in letter case)"
    } else if got.trim_end_matches('/') == want.trim_end_matches('/') {
        " (they differ only by a trailing slash)"
    } else if got.trim() == want.trim() {
        " (they differ only by surrounding spaces)"
    } else {
        ""
    }
}

/// `iss` or `sub`: a StringOrURI compared exactly (RFC 7519 §4.1.1, §4.1.2), no normalisation.
fn string_check(claims: &Node, name: &str, want: &str) -> Check {
    let (status, reason) = match claims.get(name) {
        None => (CheckStatus::Fail, format!("the token has no {name} claim; expected {}", quoted(want))),
        Some(node) => match node.as_str() {
            Some(got) if got == want => (CheckStatus::Pass, format!("{name} is {}, as expected", quoted(got))),
            Some(got) => (
                CheckStatus::Fail,
                format!(
                    "{name} is {}, not the expected {} (exact, case-sensitive){}",
                    quoted(got),
                    quoted(want),
                    near_miss(got, want)
                ),
            ),
            None => (
                CheckStatus::Fail,
                format!("{name} is {}, but it must be a string; expected {}", describe(node), quoted(want)),
            ),
        },
    };
    Check::new(name, status, reason)
}

/// The most audience values a reason lists.
const AUD_LIST_LIMIT: usize = 5;

/// `aud`: a string or an array of strings, one of which must be the expected value
/// (RFC 7519 §4.1.3).
fn aud_check(claims: &Node, want: &str) -> Check {
    let fail = |why: String| Check::new("aud", CheckStatus::Fail, why);
    let Some(node) = claims.get("aud") else {
        return fail(format!("the token has no aud claim; expected {}", quoted(want)));
    };
    match &node.value {
        Value::String(got) if got == want => {
            Check::new("aud", CheckStatus::Pass, format!("aud is {}, as expected", quoted(got)))
        }
        Value::String(got) => fail(format!(
            "aud is {}, not the expected {} (exact, case-sensitive){}",
            quoted(got),
            quoted(want),
            near_miss(got, want)
        )),
        Value::Array(items) if items.is_empty() => fail(format!("aud is an empty array; expected {}", quoted(want))),
        Value::Array(items) => {
            if let Some(bad) = items.iter().find(|i| i.as_str().is_none()) {
                return fail(format!(
                    "aud has an element that is {}, but it must be an array of strings",
                    describe(bad)
                ));
            }
            let values: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
            let mut list: Vec<String> = values.iter().take(AUD_LIST_LIMIT).map(|v| quoted(v)).collect();
            if values.len() > AUD_LIST_LIMIT {
                list.push(format!("and {} more", values.len() - AUD_LIST_LIMIT));
            }
            let list = list.join(", ");
            if values.contains(&want) {
                Check::new("aud", CheckStatus::Pass, format!("aud [{list}] includes {}", quoted(want)))
            } else {
                fail(format!("aud [{list}] does not include {} (exact, case-sensitive)", quoted(want)))
            }
        }
        _ => fail(format!("aud is {}, but it must be a string or an array of strings", describe(node))),
    }
}

fn required_check(claims: &Node, name: &str) -> Check {
    let check = format!("required:{name}");
    let shown = claim_name(name);
    match claims.get(name) {
        Some(node) if node.value == Value::Null => {
            Check::new(check, CheckStatus::Pass, format!("the token has {shown}, though its value is null"))
        }
        Some(_) => Check::new(check, CheckStatus::Pass, format!("the token has {shown}")),
        None => Check::new(check, CheckStatus::Fail, format!("the token has no {shown} claim, which is required")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::json::parse;

    const NOW: i64 = 1_700_000_000;

    fn run(claims: &str, e: &Expectations) -> Vec<Check> {
        let doc = parse(claims).expect(claims);
        validate(Some(&doc.root), e)
    }

    fn at(now: i64, leeway: i64) -> Expectations {
        Expectations { now, leeway, ..Expectations::default() }
    }

    fn find<'a>(checks: &'a [Check], name: &str) -> &'a Check {
        checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no check {name} in {checks:?}"))
    }

    fn status(checks: &[Check], name: &str) -> &'static str {
        find(checks, name).status.as_str()
    }

    #[test]
    fn time_checks_are_always_present_and_skip_when_absent() {
        let checks = run("{}", &at(NOW, 0));
        let got: Vec<(&str, &str)> = checks.iter().map(|c| (c.name.as_str(), c.status.as_str())).collect();
        assert_eq!(got, [("exp", "skip"), ("nbf", "skip"), ("iat", "skip")]);
        assert_eq!(checks[0].reason, "the token has no exp claim, so it never expires by its own claims");
    }

    #[test]
    fn exp_edges_with_and_without_leeway() {
        let claims = format!("{{\"exp\":{NOW}}}");
        let cases: &[(i64, i64, &str)] = &[
            (NOW - 1, 0, "pass"),
            (NOW, 0, "fail"), // on or after exp: rejected
            (NOW, 60, "pass"),
            (NOW + 59, 60, "pass"),
            (NOW + 60, 60, "fail"),
            (NOW, -5, "fail"), // a negative leeway counts as 0
        ];
        for &(now, leeway, want) in cases {
            assert_eq!(status(&run(&claims, &at(now, leeway)), "exp"), want, "now {now}, leeway {leeway}");
        }
        let checks = run(&claims, &at(NOW - 20 * 60, 0));
        assert_eq!(find(&checks, "exp").reason, "expires 2023-11-14T22:13:20Z, in 20 min");
        let checks = run(&claims, &at(NOW + 3 * 3600, 60));
        assert_eq!(find(&checks, "exp").reason, "expired 2023-11-14T22:13:20Z, 3 h ago (leeway 60 s)");
        let checks = run(&claims, &at(NOW + 30, 60));
        assert_eq!(
            find(&checks, "exp").reason,
            "expired 2023-11-14T22:13:20Z, 30 s ago, but within the leeway of 60 s"
        );
        // A fraction counts: 1000.5 still allows 1000.
        assert_eq!(status(&run("{\"exp\":1000.5}", &at(1000, 0)), "exp"), "pass");
        assert_eq!(status(&run("{\"exp\":1000.5}", &at(1001, 0)), "exp"), "fail");
    }

    #[test]
    fn nbf_edges_with_and_without_leeway() {
        let claims = format!("{{\"nbf\":{NOW}}}");
        let cases: &[(i64, i64, &str)] = &[
            (NOW, 0, "pass"),
            (NOW - 1, 0, "fail"),
            (NOW - 60, 60, "pass"),
            (NOW - 61, 60, "fail"),
            (NOW + 1, 0, "pass"),
        ];
        for &(now, leeway, want) in cases {
            assert_eq!(status(&run(&claims, &at(now, leeway)), "nbf"), want, "now {now}, leeway {leeway}");
        }
        let checks = run(&claims, &at(NOW - 120, 0));
        assert_eq!(find(&checks, "nbf").reason, "not valid before 2023-11-14T22:13:20Z, in 2 min");
    }

    #[test]
    fn iat_in_the_future_fails_beyond_the_leeway() {
        let claims = format!("{{\"iat\":{NOW}}}");
        let cases: &[(i64, i64, &str)] = &[
            (NOW, 0, "pass"),
            (NOW + 100, 0, "pass"),
            (NOW - 1, 0, "fail"),
            (NOW - 30, 30, "pass"),
            (NOW - 31, 30, "fail"),
        ];
        for &(now, leeway, want) in cases {
            assert_eq!(status(&run(&claims, &at(now, leeway)), "iat"), want, "now {now}, leeway {leeway}");
        }
        let checks = run(&claims, &at(NOW - 3600, 10));
        assert_eq!(find(&checks, "iat").reason, "issued in the future: 2023-11-14T22:13:20Z, in 1 h (leeway 10 s)");
    }

    #[test]
    fn unreadable_times_fail_with_a_reason() {
        let checks = run(r#"{"exp":"1700000000","nbf":1700000000000,"iat":1e300}"#, &at(NOW, 0));
        assert_eq!(
            find(&checks, "exp").reason,
            "exp is a string (\"1700000000\"), but it must be a NumericDate (seconds since 1970)"
        );
        assert_eq!(status(&checks, "exp"), "fail");
        assert_eq!(
            find(&checks, "nbf").reason,
            "nbf is 1700000000000, which looks like milliseconds: a NumericDate counts seconds \
             (as milliseconds it is 2023-11-14T22:13:20Z)"
        );
        assert_eq!(status(&checks, "nbf"), "fail");
        assert_eq!(find(&checks, "iat").reason, "iat is 1e300, outside the range of dates (years 0 to 9999)");
        assert_eq!(status(&checks, "iat"), "fail");
        assert_eq!(status(&run(r#"{"exp":null}"#, &at(NOW, 0)), "exp"), "fail");
    }

    #[test]
    fn extreme_now_and_leeway_saturate() {
        let claims = r#"{"exp":253402300799,"nbf":-62167219200,"iat":0}"#;
        for (now, leeway) in [(i64::MAX, i64::MAX), (i64::MIN, i64::MAX), (i64::MIN, i64::MIN), (0, i64::MIN)] {
            let checks = run(claims, &at(now, leeway));
            assert_eq!(checks.len(), 3);
        }
        assert_eq!(status(&run(claims, &at(i64::MAX, i64::MAX)), "exp"), "fail");
        assert_eq!(status(&run(claims, &at(i64::MIN, 0)), "nbf"), "fail");
    }

    #[test]
    fn iss_and_sub_are_exact() {
        let claims = r#"{"iss":"https://issuer.example/","sub":42}"#;
        let e = |iss: &str, sub: &str| Expectations {
            now: NOW,
            iss: Some(iss.into()),
            sub: Some(sub.into()),
            ..Expectations::default()
        };
        let checks = run(claims, &e("https://issuer.example/", "42"));
        let names: Vec<&str> = checks.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["exp", "nbf", "iat", "iss", "sub"]);
        assert_eq!(find(&checks, "iss").reason, "iss is \"https://issuer.example/\", as expected");
        assert_eq!(status(&checks, "iss"), "pass");
        assert_eq!(find(&checks, "sub").reason, "sub is a number (42), but it must be a string; expected \"42\"");
        assert_eq!(status(&checks, "sub"), "fail");

        let checks = run(claims, &e("https://issuer.example", "x"));
        assert_eq!(
            find(&checks, "iss").reason,
            "iss is \"https://issuer.example/\", not the expected \"https://issuer.example\" \
             (exact, case-sensitive) (they differ only by a trailing slash)"
        );
        let checks = run(claims, &e("HTTPS://issuer.example/", "x"));
        assert_eq!(status(&checks, "iss"), "fail");
        assert!(find(&checks, "iss").reason.ends_with("(they differ only in letter case)"));

        let checks = run("{}", &e("a", "b"));
        assert_eq!(find(&checks, "iss").reason, "the token has no iss claim; expected \"a\"");
        assert_eq!(status(&checks, "sub"), "fail");

        // Empty expectations are not checked.
        let checks = run(claims, &e("", "  "));
        assert_eq!(checks.len(), 3);
    }

    #[test]
    fn invisible_characters_in_values_are_shown() {
        let claims = "{\"sub\":\"admin\u{202E}x\"}";
        let e = Expectations { sub: Some("admin".into()), ..Expectations::default() };
        let checks = run(claims, &e);
        assert_eq!(
            find(&checks, "sub").reason,
            "sub is \"admin⟨U+202E⟩x\", not the expected \"admin\" (exact, case-sensitive)"
        );
    }

    #[test]
    fn aud_string_or_array() {
        let e = |aud: &str| Expectations { now: NOW, aud: Some(aud.into()), ..Expectations::default() };
        let cases: &[(&str, &str, &str, &str)] = &[
            (r#"{"aud":"api"}"#, "api", "pass", "aud is \"api\", as expected"),
            (
                r#"{"aud":"api"}"#,
                "API",
                "fail",
                "aud is \"api\", not the expected \"API\" (exact, case-sensitive) (they differ only in letter case)",
            ),
            (r#"{"aud":["web","api"]}"#, "api", "pass", "aud [\"web\", \"api\"] includes \"api\""),
            (
                r#"{"aud":["web","api"]}"#,
                "db",
                "fail",
                "aud [\"web\", \"api\"] does not include \"db\" (exact, case-sensitive)",
            ),
            (r#"{"aud":[]}"#, "api", "fail", "aud is an empty array; expected \"api\""),
            (
                r#"{"aud":["api",1]}"#,
                "api",
                "fail",
                "aud has an element that is a number (1), but it must be an array of strings",
            ),
            (
                r#"{"aud":{"x":"api"}}"#,
                "api",
                "fail",
                "aud is an object, but it must be a string or an array of strings",
            ),
            (r#"{}"#, "api", "fail", "the token has no aud claim; expected \"api\""),
            (
                r#"{"aud":["a","b","c","d","e","f","g"]}"#,
                "g",
                "pass",
                "aud [\"a\", \"b\", \"c\", \"d\", \"e\", and 2 more] includes \"g\"",
            ),
        ];
        for &(claims, want, st, reason) in cases {
            let checks = run(claims, &e(want));
            let c = find(&checks, "aud");
            assert_eq!((c.status.as_str(), c.reason.as_str()), (st, reason), "{claims} expecting {want}");
        }
    }

    #[test]
    fn required_claims() {
        let e = Expectations { now: NOW, required: parse_required("jti, scope nonce,jti"), ..Expectations::default() };
        let checks = run(r#"{"jti":"1","nonce":null}"#, &e);
        let got: Vec<(&str, &str, &str)> =
            checks.iter().skip(3).map(|c| (c.name.as_str(), c.status.as_str(), c.reason.as_str())).collect();
        assert_eq!(
            got,
            [
                ("required:jti", "pass", "the token has jti"),
                ("required:scope", "fail", "the token has no scope claim, which is required"),
                ("required:nonce", "pass", "the token has nonce, though its value is null"),
            ]
        );
        let e = Expectations { required: vec!["a b\u{200B}".into()], ..Expectations::default() };
        let checks = run("{}", &e);
        assert_eq!(checks[3].reason, "the token has no \"a b⟨U+200B⟩\" claim, which is required");
    }

    #[test]
    fn parses_required_lists() {
        assert_eq!(parse_required(" exp,  iss\taud,\n\"sub\", exp ,,"), ["exp", "iss", "aud", "sub"]);
        assert!(parse_required("  , ,").is_empty());
        assert_eq!(parse_required("x-y.z"), ["x-y.z"]);
    }

    #[test]
    fn a_payload_that_is_not_an_object_gives_one_check() {
        let doc = parse("[1,2]").unwrap();
        let e = Expectations { iss: Some("x".into()), required: vec!["a".into()], ..Expectations::default() };
        let checks = validate(Some(&doc.root), &e);
        assert_eq!(
            checks,
            [Check::new(
                "claims",
                CheckStatus::Fail,
                "the payload is an array, not a JSON object, so it has no claims (RFC 7519 §7.2)"
            )]
        );
        let checks = validate(None, &e);
        assert_eq!(checks.len(), 1);
        assert_eq!((checks[0].name.as_str(), checks[0].status), ("claims", CheckStatus::Fail));
    }

    #[test]
    fn duplicate_claims_use_the_last() {
        let checks = run(&format!("{{\"exp\":1,\"exp\":{}}}", NOW + 10), &at(NOW, 0));
        assert_eq!(status(&checks, "exp"), "pass");
    }

    #[test]
    fn parses_typed_times() {
        assert_eq!(parse_time("1764547200"), Some(1_764_547_200));
        assert_eq!(parse_time(" 2025-12-01T00:00:00Z "), Some(1_764_547_200));
        assert_eq!(parse_time("2025-12-01 00:00"), Some(1_764_547_200));
        assert_eq!(parse_time("2025-12-01"), Some(1_764_547_200));
        assert_eq!(parse_time("1970-01-01T00:00:01Z"), Some(1));
        assert_eq!(parse_time("2000-02-29T12:00:00Z"), Some(951_825_600));
        assert_eq!(parse_time("-5"), Some(-5));
        for bad in [
            "",
            "soon",
            "2025-13-01",
            "2025-12-01T25:00",
            "2025-1-1",
            "99999999999999999999999",
            "2025-12-01T00:00:00+01:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
