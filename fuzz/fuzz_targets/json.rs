//! The span-keeping JSON reader and the pretty-printer: never a panic, depth bounded, and
//! pretty-printing what parsed gives text that parses to the same shape.
#![no_main]
use jwt_lens::jwt::json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(doc) = json::parse(text) {
        let pretty = json::pretty(text, &doc.root);
        let again = json::parse(&pretty.text).expect("pretty-printed JSON parses");
        assert_eq!(again.root.value.type_name(), doc.root.value.type_name());
    }
});
