//! `odplint schema`: prints the embedded JSON Schema.

use crate::Outcome;
use crate::schema::SCHEMA_TEXT;

pub fn run(lang: crate::messages::Lang) -> Outcome {
    let result = super::with_stdout(|out| {
        out.write_all(SCHEMA_TEXT.as_bytes())?;
        if !SCHEMA_TEXT.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        Ok(())
    });
    super::finish(result, Outcome::Clean, lang)
}
