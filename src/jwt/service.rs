//! The verifier worker's one entry point: a JSON message from the page in (a verify or a
//! sign request, told apart by `"kind"`), a JSON answer out. Component tests call it in
//! the page's own thread; the worker calls it for real.

use super::signing::{self, SignRequest};
use super::verdict::Request;
use super::{sign, verify};

/// Answers one message; `None` for a message it does not know.
pub fn answer_json(text: &str) -> Option<String> {
    match signing::message_kind(text)?.as_str() {
        "verify" => Some(verify::answer(&Request::from_json(text)?).to_json()),
        "sign" => Some(sign::answer(&SignRequest::from_json(text)?).to_json()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::signing::SignReport;
    use crate::jwt::verdict::{Report, Verdict};

    #[test]
    fn routes_by_kind() {
        let sign = SignRequest {
            id: 5,
            header: "{\"alg\":\"HS256\"}".into(),
            payload: "{}".into(),
            alg: "HS256".into(),
            key: "0123456789abcdef0123456789abcdef".into(),
            ..SignRequest::default()
        };
        let signed = SignReport::from_json(&answer_json(&sign.to_json()).unwrap()).unwrap();
        let token = signed.token.unwrap();
        let req = Request { id: 6, token, key: sign.key.clone(), ..Request::default() };
        let report = Report::from_json(&answer_json(&req.to_json()).unwrap()).unwrap();
        assert_eq!((report.id, report.outcome.verdict), (6, Verdict::Verified));
        assert_eq!(answer_json("{\"kind\":\"other\"}"), None);
        assert_eq!(answer_json("not json"), None);
    }
}
