fn main() -> std::process::ExitCode {
    oasguard::cli::main()
}
