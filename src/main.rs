//! One binary, two front ends: the CLI on the native target, the web app in wasm32.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    fixfind::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    fixfind::app::main()
}
