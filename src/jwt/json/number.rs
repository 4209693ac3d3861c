//! A JSON number's value.
//!
//! Rust's float parser is exact, and its tables cost the page's first load 16 KB of gzipped
//! wasm (measured: 214.3 → 198.6 KB). The page reads numbers for what it shows of them (a
//! number's text is always shown as written, from its span) and for times: `exp`, `nbf`
//! and `iat`. So builds without the `exact-numbers` feature (the page and the extras) read
//! numbers with [`small`]: exact for every integer below 2^128 and every number of at most
//! 15 significant digits with a decimal exponent within ±22 (the forms tokens use:
//! `1764550800`, `1764550800.5`, `1.5e9`), and within a few units in the last place
//! otherwise (a 20-digit fraction, `1e300`), a billionth of a second on a time. The
//! verifier, the native tests and every other build read them exactly.

/// The value of `text`, a number the JSON grammar accepted.
pub fn value(text: &str) -> f64 {
    #[cfg(feature = "exact-numbers")]
    {
        text.parse::<f64>().unwrap_or(f64::NAN)
    }
    #[cfg(not(feature = "exact-numbers"))]
    {
        small(text)
    }
}

/// Exact powers of ten: every one up to 10^22 is a float.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The value of `text` (a number the JSON grammar accepted: `-? int frac? exp?`) without
/// the float parser's tables: exact on the forms named in the module's documentation,
/// within a few units in the last place on the others. Anything else gives NaN.
pub fn small(text: &str) -> f64 {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    // The significant digits (the first 38 of them), and the decimal exponent of the last
    // digit kept.
    let mut mantissa: u128 = 0;
    let mut kept = 0u32;
    let mut dropped_nonzero = false;
    let mut exp10: i64 = 0;
    let mut i = 0;
    let mut seen_digit = false;
    let mut in_fraction = false;
    while let Some(&b) = rest.get(i) {
        match b {
            b'0'..=b'9' => {
                seen_digit = true;
                let d = u128::from(b - b'0');
                if mantissa == 0 && d == 0 {
                    // A leading zero: only moves the exponent inside the fraction.
                    if in_fraction {
                        exp10 -= 1;
                    }
                } else if kept < 38 {
                    mantissa = mantissa * 10 + d;
                    kept += 1;
                    if in_fraction {
                        exp10 -= 1;
                    }
                } else {
                    dropped_nonzero |= d != 0;
                    if !in_fraction {
                        exp10 += 1;
                    }
                }
            }
            b'.' if !in_fraction => in_fraction = true,
            b'e' | b'E' => break,
            _ => return f64::NAN,
        }
        i += 1;
    }
    if !seen_digit {
        return f64::NAN;
    }
    if let Some(exponent) = rest.get(i + 1..) {
        let (sign, digits) = match exponent.split_first() {
            Some((b'-', d)) => (-1, d),
            Some((b'+', d)) => (1, d),
            _ => (1, exponent),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return f64::NAN;
        }
        // Saturates far beyond any float's range.
        let e = digits.iter().fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(1 << 40));
        exp10 += sign * e;
    }
    let magnitude = magnitude(mantissa, exp10, dropped_nonzero);
    if negative { -magnitude } else { magnitude }
}

/// `mantissa × 10^exp10`, where `dropped` says digits after the mantissa were not all zero.
fn magnitude(mut mantissa: u128, mut exp10: i64, dropped: bool) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    // `1.50000000000000000000` is `15e-1`.
    while !dropped && mantissa.is_multiple_of(10) {
        mantissa /= 10;
        exp10 += 1;
    }
    // Exact: the mantissa is a float, and so is the power of ten; one rounding.
    if !dropped && mantissa <= 1 << 53 && (-22..=22).contains(&exp10) {
        let (m, p) = (mantissa as f64, POW10[exp10.unsigned_abs() as usize]);
        return if exp10 < 0 { m / p } else { m * p };
    }
    // Exact: an integer below 2^128, converted with one rounding.
    if !dropped && (0..=38).contains(&exp10) {
        let scaled = (0..exp10).try_fold(mantissa, |n, _| n.checked_mul(10));
        if let Some(n) = scaled {
            return n as f64;
        }
    }
    // A few roundings: close, not exact.
    let mut value = mantissa as f64;
    let mut e = exp10;
    while e > 22 && value.is_finite() {
        value *= 1e22;
        e -= 22;
    }
    while e < -22 && value != 0.0 {
        value /= 1e22;
        e += 22;
    }
    let p = POW10[e.unsigned_abs().min(22) as usize];
    if e < 0 { value / p } else { value * p }
}

#[cfg(test)]
mod tests {
    use super::small;

    fn exact(text: &str) {
        let want: f64 = text.parse().unwrap();
        assert_eq!(small(text).to_bits(), want.to_bits(), "{text}");
    }

    #[test]
    fn exact_on_the_forms_tokens_use() {
        for t in [
            "0",
            "-0",
            "0.0",
            "1",
            "-1",
            "1764550800",
            "1764550800.5",
            "1764550800.123",
            "1.5e9",
            "1.5E+9",
            "17645508e2",
            "0.1",
            "0.3",
            "-0.000001",
            "123456789012345",
            "9007199254740993",
            "18446744073709551615",
            "99999999999999999999999999999999999999",
            "1e22",
            "1e-22",
            "4102444800",
            "1764550800000",
            "2.5e-3",
            "0.000",
            "10000000000000000000000000000000000000",
        ] {
            exact(t);
        }
        // Every time of this century, whole and with up to three decimals.
        let mut t: u64 = 946_684_800;
        while t < 4_102_444_800 {
            exact(&t.to_string());
            exact(&format!("{t}.{}", t % 1000));
            exact(&format!("{}.{:03}", t / 1000, t % 1000));
            t += 7_919_993;
        }
    }

    #[test]
    fn close_on_the_rest() {
        for t in [
            "0.12345678901234567890123",
            "1e300",
            "1.7976931348623157e308",
            "2.2250738585072014e-308",
            "5e-324",
            "123456789012345678901234567890e-5",
            "3.14159265358979323846264338327950288",
            "1e-300",
            "9.999999999999999e22",
        ] {
            let want: f64 = t.parse().unwrap();
            let got = small(t);
            let ulps = (got.to_bits() as i64 - want.to_bits() as i64).unsigned_abs();
            assert!(ulps <= 16 || (want - got).abs() <= f64::MIN_POSITIVE, "{t}: {got} vs {want} ({ulps} ulps)");
        }
        assert_eq!(small("1e400"), f64::INFINITY);
        assert_eq!(small("-1e400"), f64::NEG_INFINITY);
        assert_eq!(small("1e-400"), 0.0);
        assert_eq!(small("1e99999999999999999999"), f64::INFINITY);
    }

    #[test]
    fn nan_on_what_is_no_number() {
        for t in ["", "-", "e5", ".", "1e", "1e+", "1x", "--1", "1.2.3"] {
            assert!(small(t).is_nan(), "{t}");
        }
    }
}
