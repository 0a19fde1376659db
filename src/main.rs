//! Thin entry point: parse, run, exit with the verdict's code.

fn main() -> std::process::ExitCode {
    let code = chatgpt_doctor::main_entry();
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
