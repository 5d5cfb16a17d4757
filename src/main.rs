//! One binary, two front ends over the `fixfind` library: the command line on the native
//! target, the web app in wasm32. Neither is part of the library's API; both render what
//! `fixfind::present` decides.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(target_arch = "wasm32")]
mod app;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    app::main()
}
