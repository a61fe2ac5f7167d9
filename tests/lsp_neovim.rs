//! End to end with a real editor: Neovim (headless, its built-in LSP
//! client) runs `tests/neovim/e2e.lua` against `oasguard server`, applying
//! a quick fix and a suppression through its code-action menu. Skipped when
//! `nvim` is not installed, unless OASGUARD_REQUIRE_TOOLS is set (`.ci/run`).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SPEC: &str = "\
openapi: 3.0.3
info: {title: Notes, version: \"1.0\"}
servers:
  - url: http://api.example.com
security: [{key: []}]
paths:
  /notes:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                text:
                  type: string
      responses:
        \"201\": {description: created}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
";

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn neovim_applies_a_quick_fix_and_a_suppression() {
    if !nvim_available() {
        assert!(
            std::env::var_os("OASGUARD_REQUIRE_TOOLS").is_none(),
            "OASGUARD_REQUIRE_TOOLS is set but nvim is not installed"
        );
        eprintln!("skipped: nvim is not installed (Debian: apt-get install neovim)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().canonicalize().expect("canonical");
    let spec = folder.join("notes.yaml");
    let result = folder.join("result.txt");
    std::fs::write(&spec, SPEC).expect("write spec");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/neovim/e2e.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {script}"))
        .env("OASGUARD_BIN", env!("CARGO_BIN_EXE_oasguard"))
        .env("SPEC", &spec)
        .env("RESULT", &result)
        .current_dir(&folder)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let buffer = std::fs::read_to_string(&result).unwrap_or_default();
    assert!(status.success(), "nvim failed: {buffer}");
    let expected = SPEC
        .replace("http://api.example.com", "https://api.example.com")
        .replace(
            "                  type: string\n",
            "                  type: string\n                  x-oasguard-ignore: [string-unbounded]\n",
        );
    assert_eq!(buffer, expected);
}
