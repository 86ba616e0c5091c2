//! Reading one Content-Length framed JSON-RPC message: shared by the test client and the
//! latency benchmark (which includes this file by path).

use serde_json::Value;
use std::io::BufRead;

pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    serde_json::from_slice(&read_body(reader)?).ok()
}

/// The body of the next message, unparsed.
pub fn read_body(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}
