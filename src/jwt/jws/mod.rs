//! JWS (RFC 7515): checking a signature (compact, JSON and detached serializations),
//! signing, and the signature check shown step by step.

#[cfg(feature = "crypto")]
pub mod sign;
#[cfg(feature = "crypto")]
pub mod verify;
#[cfg(feature = "crypto")]
pub mod walkthrough;

/// The header's `alg`, if the header text is an object with a string `alg`.
pub fn header_alg(text: &str) -> Option<String> {
    crate::jwt::json::parse(text).ok()?.root.get("alg")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    #[test]
    fn header_alg() {
        assert_eq!(super::header_alg("{\"alg\":\"PS384\"}").as_deref(), Some("PS384"));
        assert_eq!(super::header_alg("{\"alg\":1}"), None);
        assert_eq!(super::header_alg("{"), None);
    }
}
