//! `odplint version [--json]`: what this binary is, for bug reports.

use crate::Outcome;
use crate::version::{BuildInfo, LINE};

pub fn run(json: bool, lang: crate::messages::Lang) -> Outcome {
    let info = BuildInfo::current();
    let result = super::with_stdout(|out| {
        if json {
            serde_json::to_writer_pretty(&mut *out, &info).map_err(std::io::Error::from)?;
            return writeln!(out);
        }
        writeln!(out, "odplint {LINE}")?;
        writeln!(out, "commit: {}", info.commit)?;
        writeln!(out, "target: {} ({})", info.target, info.profile)?;
        writeln!(out, "rustc: {}", info.rustc)?;
        let features = if info.features.is_empty() {
            "none".to_string()
        } else {
            info.features.join(", ")
        };
        writeln!(out, "features: {features}")
    });
    super::finish(result, Outcome::Clean, lang)
}
