//! The extras' end of the channel to the page (see `ui::bridge` for the messages): what the
//! extras' views send the page. Their questions for the verifier go through it too
//! (`Crypto::remote`).

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use crate::jwt::verdict::SecretEncoding;

thread_local! {
    /// The extras' end of the page's channel, once the page handed it over.
    static PORT: RefCell<Option<web_sys::MessagePort>> = const { RefCell::new(None) };
}

/// Keeps the extras' end of the channel.
pub fn keep(port: web_sys::MessagePort) {
    PORT.with(|p| *p.borrow_mut() = Some(port));
}

fn send(message: &[JsValue]) {
    PORT.with(|p| {
        if let Some(port) = p.borrow().as_ref() {
            let _ = port.post_message(&message.iter().collect::<js_sys::Array>());
        }
    });
}

/// Tells the page that the extras' part of the decrypted pane shows plaintext number `n`.
pub fn plaintext_shown(n: JsValue) {
    send(&["plaintext-shown".into(), n]);
}

/// Tells the page that the extras follow its token number `n` (the page hides the slots of
/// the token's inspection until they do).
pub fn token_shown(n: JsValue) {
    send(&["token-shown".into(), n]);
}

/// "Open in decoder": the token and the key that verifies or decrypts it go to the
/// decoder, which is then shown.
pub fn open_in_decoder(token: String, mut key: String, encoding: SecretEncoding) {
    send(&["open".into(), token.into(), key.as_str().into(), encoding.value().into()]);
    zeroize::Zeroize::zeroize(&mut key);
}
