//! Project tasks: `cargo xtask <command>` (the alias lives in `.cargo/config.toml`).
//!
//! Deliberately small: std and anyhow only. Paths are derived from the workspace root, which
//! is this crate's parent folder.

use std::ffi::OsString;
use std::fs;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  install-pdfium   download pdfium (from the pypdfium2 wheel) into .pdfium/ unless present
  demo [--listen ADDR] [--data-dir DIR] [--release]
                   run ecab-server with the demo data (default 127.0.0.1:8080, data/demo)
  test [ARGS...]   run the workspace's tests (cargo nextest when installed, else cargo test);
                   ARGS go to the test runner
  ui               build the web ui into ui/dist (installing trunk, wasm-bindgen-cli and binaryen if missing)
  lint             cargo fmt --check and cargo clippy -D warnings on the whole workspace
";

/// The pypdfium2 release whose wheel carries the pdfium build we bind to (pdfium 8149).
const PYPDFIUM2_VERSION: &str = "5.15.2";
const WHEEL_PLATFORM: &str = "manylinux_2_17_x86_64";
const WHEEL_FILE: &str = "pypdfium2-5.15.2-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl";
const WHEEL_SHA256: &str = "dc31aea5b0fb9fefc9b537a65f4113980b2c40798445736a7e6565bc85161e37";
const WHEEL_MEMBER: &str = "pypdfium2_raw/libpdfium.so";
const LIBRARY_FILE: &str = "libpdfium.so";
/// The variable ecab-pdf reads to find the library.
const LIBRARY_ENV: &str = "ECAB_PDFIUM_LIBRARY";

const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// Keep in step with the demo data loaded by `ecab-server serve --demo`.
const DEMO_ACCOUNTS: &str =
    "thuky / chanhvanphong / chutich / daibieu01…20 / diemcau01…30 / admin — password ecabinet-demo";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let command = args.next().map(|a| a.to_string_lossy().into_owned());
    let rest: Vec<OsString> = args.collect();
    let result = match command.as_deref() {
        Some("install-pdfium") => no_args("install-pdfium", &rest).and_then(|()| {
            install_pdfium(&workspace_root())?;
            Ok(ExitCode::SUCCESS)
        }),
        Some("demo") => demo(&rest),
        Some("test") => test(&rest),
        Some("ui") => no_args("ui", &rest).and_then(|()| {
            build_ui(&workspace_root())?;
            Ok(ExitCode::SUCCESS)
        }),
        Some("lint") => no_args("lint", &rest).and_then(|()| lint()),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(anyhow!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(anyhow!("no command given\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn no_args(command: &str, rest: &[OsString]) -> Result<()> {
    match rest.first() {
        None => Ok(()),
        Some(arg) => bail!("`{command}` takes no arguments (got `{}`)", arg.to_string_lossy()),
    }
}

/// The workspace root: the parent of this crate's manifest folder.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

fn pdfium_dir(root: &Path) -> PathBuf {
    root.join(".pdfium")
}

// ---------------------------------------------------------------------------------------------
// install-pdfium

/// Make sure `<root>/.pdfium/libpdfium.so` exists and return its path. Quiet when it does.
///
/// pdfium comes from the pypdfium2 wheel on the Python package index (one of the registries
/// reachable from our machines), downloaded with pip, checked against a pinned sha256 and
/// unpacked with Python's zipfile module.
fn install_pdfium(root: &Path) -> Result<PathBuf> {
    let dir = pdfium_dir(root);
    let library = dir.join(LIBRARY_FILE);
    if library.is_file() {
        return Ok(library);
    }
    if !cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        bail!(
            "install-pdfium only knows the x86_64 Linux build of pdfium; install libpdfium \
             yourself and set {LIBRARY_ENV} to its path"
        );
    }
    let started = Instant::now();
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;

    let wheel = dir.join(WHEEL_FILE);
    if !wheel.is_file() {
        check_pip()?;
        eprintln!("xtask: downloading pypdfium2 {PYPDFIUM2_VERSION} (pdfium) into {}", dir.display());
        let status = Command::new("python3")
            .args(["-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps"])
            .arg(format!("pypdfium2=={PYPDFIUM2_VERSION}"))
            .args(["--only-binary=:all:", "--platform", WHEEL_PLATFORM, "-d"])
            .arg(&dir)
            .status()
            .context("cannot run python3 -m pip")?;
        if !status.success() {
            bail!(
                "pip could not download pypdfium2=={PYPDFIUM2_VERSION} ({status}); see pip's \
                 message above. Is the Python package index (or the configured mirror) reachable?"
            );
        }
        if !wheel.is_file() {
            bail!("pip finished but {} is not there", wheel.display());
        }
    }

    let digest = python(
        "import hashlib, sys\n\
         h = hashlib.sha256()\n\
         with open(sys.argv[1], 'rb') as f:\n\
         \x20   for block in iter(lambda: f.read(1 << 20), b''):\n\
         \x20       h.update(block)\n\
         print(h.hexdigest())",
        &[wheel.as_os_str()],
    )
    .context("cannot compute the wheel's sha256")?;
    if digest.trim() != WHEEL_SHA256 {
        // Remove it so that the next run downloads it again instead of failing forever.
        let _ = fs::remove_file(&wheel);
        bail!(
            "{} has sha256 {} but {WHEEL_SHA256} was expected; the file was removed, run the \
             command again to download it afresh",
            wheel.display(),
            digest.trim()
        );
    }

    // Unpack under a temporary name, then rename: readers never see a half-written library.
    let partial = dir.join(format!("{LIBRARY_FILE}.{}.tmp", std::process::id()));
    let unpacked = python(
        "import shutil, sys, zipfile\n\
         with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], 'wb') as dst:\n\
         \x20   shutil.copyfileobj(src, dst)",
        &[wheel.as_os_str(), WHEEL_MEMBER.as_ref(), partial.as_os_str()],
    )
    .with_context(|| format!("cannot unpack {WHEEL_MEMBER} from {}", wheel.display()))
    .and_then(|_| {
        fs::rename(&partial, &library)
            .with_context(|| format!("cannot rename {} to {}", partial.display(), library.display()))
    });
    if let Err(e) = unpacked {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    eprintln!("xtask: installed {} in {:.1?}", library.display(), started.elapsed());
    Ok(library)
}

/// Fail with an actionable message when python3 or its pip module is missing.
fn check_pip() -> Result<()> {
    match Command::new("python3").args(["-m", "pip", "--version"]).output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => bail!(
            "python3 has no pip module ({}); install it, e.g. `apt-get install python3-pip`",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            bail!("python3 is not installed; it is needed to download pdfium (apt-get install python3 python3-pip)")
        }
        Err(e) => Err(e).context("cannot run python3"),
    }
}

/// Run a Python snippet with arguments and return its standard output.
fn python(script: &str, args: &[&std::ffi::OsStr]) -> Result<String> {
    let out = Command::new("python3").arg("-c").arg(script).args(args).stderr(Stdio::inherit()).output().map_err(
        |e| match e.kind() {
            ErrorKind::NotFound => anyhow!("python3 is not installed"),
            _ => anyhow!(e).context("cannot run python3"),
        },
    )?;
    if !out.status.success() {
        bail!("python3 failed ({})", out.status);
    }
    String::from_utf8(out.stdout).context("python3 printed something that is not UTF-8")
}

// ---------------------------------------------------------------------------------------------
// demo

fn demo(args: &[OsString]) -> Result<ExitCode> {
    let root = workspace_root();
    let mut listen = DEFAULT_LISTEN.to_owned();
    let mut data_dir = root.join("data").join("demo");
    let mut release = false;
    let mut args = args.iter().map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next()).ok_or_else(|| anyhow!("{flag} needs a value"));
        match flag.as_str() {
            "--listen" => listen = value()?,
            "--data-dir" => data_dir = PathBuf::from(value()?),
            "--release" => release = true,
            _ => bail!("unknown argument `{arg}` for demo\n\n{USAGE}"),
        }
    }
    let address: SocketAddr =
        listen.parse().with_context(|| format!("--listen {listen}: not an address like 127.0.0.1:8080"))?;

    let library = install_pdfium(&root)?;

    let profile = if release { "release" } else { "debug" };
    // The desktop app embeds the built ui, so the ui comes first.
    let ui_dir = build_ui(&root)?;
    let desktop = has_display();
    let mut build = cargo();
    build.args(["build", "--package", "ecab-server", "--bin", "ecab-server"]);
    if desktop {
        build.args(["--package", "ecab-desktop", "--bin", "ecabinet"]);
    }
    if release {
        build.arg("--release");
    }
    let status = build.status().context("cannot run cargo build")?;
    if !status.success() {
        bail!("building the demo failed ({status})");
    }
    let binaries = target_dir(&root).join(profile);
    let server = binaries.join("ecab-server");

    let base = base_url(address);
    println!("Web ui:   {base}/   (open it in a browser)");
    println!("API:      {base}/api/v1");
    println!("OpenAPI:  {base}/api/openapi.json");
    println!("Accounts: {DEMO_ACCOUNTS}");
    println!("Data:     {}", data_dir.display());
    println!();

    let mut serve = Command::new(&server);
    serve.args(["serve", "--demo", "--listen", &listen, "--data-dir"]).arg(&data_dir).env(LIBRARY_ENV, &library);
    serve.arg("--ui-dir").arg(&ui_dir);
    if !desktop {
        println!("No display: the desktop app is not started; use the web ui above.");
        return run_in_foreground(serve, &server);
    }
    run_with_desktop(serve, &binaries.join("ecabinet"), &base, address, &library)
}

/// A graphical session is there to open the desktop app's window in.
fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"].iter().any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()))
}

/// Start the server, wait until it answers, open the desktop app on it, and keep serving
/// (the browser ui stays available) until the server stops or Ctrl-C ends both.
fn run_with_desktop(
    mut serve: Command,
    app: &Path,
    base: &str,
    address: SocketAddr,
    library: &Path,
) -> Result<ExitCode> {
    let mut server = serve.spawn().context("cannot start ecab-server")?;
    let probe = base_url(address).trim_start_matches("http://").parse::<SocketAddr>()?;
    let started = Instant::now();
    while std::net::TcpStream::connect_timeout(&probe, std::time::Duration::from_millis(200)).is_err() {
        if let Some(status) = server.try_wait()? {
            bail!("ecab-server stopped before it listened ({status})");
        }
        if started.elapsed().as_secs() > 60 {
            let _ = server.kill();
            bail!("ecab-server did not listen on {address} within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    println!("Desktop:  starting {} on {base}", app.display());
    let mut desktop = Command::new(app);
    desktop.env("ECAB_SERVER", base).env(LIBRARY_ENV, library);
    if let Err(e) = desktop.spawn() {
        eprintln!("xtask: the desktop app did not start ({e}); the web ui is still served");
    }
    let status = server.wait().context("waiting for ecab-server")?;
    Ok(exit_code(status))
}

const TRUNK_VERSION: &str = "~0.21";
const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// binaryen's wasm-opt, from npm (the GitHub download trunk would use is not reachable);
/// `ui/Trunk.toml` names the same version, so trunk takes it from PATH.
const BINARYEN_VERSION: &str = "132.0.0";

/// Build the web ui with trunk into `ui/dist`, installing the wasm target, trunk,
/// wasm-bindgen-cli (pinned, from crates.io) and binaryen (pinned, from npm) when missing.
fn build_ui(root: &Path) -> Result<PathBuf> {
    let have = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let run = |mut c: Command, what: &str| -> Result<()> {
        let status = c.status().with_context(|| format!("cannot run {what}"))?;
        if !status.success() {
            bail!("{what} failed ({status})");
        }
        Ok(())
    };
    let mut target = Command::new("rustup");
    target.args(["target", "add", "wasm32-unknown-unknown"]).stdout(Stdio::null());
    run(target, "rustup target add wasm32-unknown-unknown")?;
    if !have("trunk") {
        eprintln!("installing trunk {TRUNK_VERSION} (once, a few minutes)");
        let mut c = cargo();
        c.args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]);
        run(c, "cargo install trunk")?;
    }
    if !have("wasm-bindgen") {
        eprintln!("installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (once)");
        let mut c = cargo();
        c.args(["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION]);
        run(c, "cargo install wasm-bindgen-cli")?;
    }
    let tools = binaryen(root)?;
    let path = std::env::join_paths(
        std::iter::once(tools).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )?;
    let mut trunk = Command::new("trunk");
    trunk.args(["build", "--release"]).current_dir(root.join("ui")).env("PATH", path);
    run(trunk, "trunk build (ui)")?;
    let dist = root.join("ui").join("dist");
    gzip_assets(&dist)?;
    Ok(dist)
}

/// The folder holding binaryen's `wasm-opt` (pinned), installed from npm under
/// `target/tools/` when missing: it makes the ui's wasm a third smaller and quicker to start.
fn binaryen(root: &Path) -> Result<PathBuf> {
    let prefix = root.join("target").join("tools").join(format!("binaryen-{BINARYEN_VERSION}"));
    let bin = prefix.join("node_modules").join(".bin");
    if bin.join("wasm-opt").exists() {
        return Ok(bin);
    }
    eprintln!("installing binaryen {BINARYEN_VERSION} (wasm-opt) from npm (once)");
    fs::create_dir_all(&prefix).with_context(|| format!("creating {}", prefix.display()))?;
    let status = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(format!("binaryen@{BINARYEN_VERSION}"))
        .status()
        .context("cannot run npm (Debian: apt-get install nodejs npm)")?;
    if !status.success() || !bin.join("wasm-opt").exists() {
        bail!("npm install binaryen@{BINARYEN_VERSION} failed ({status})");
    }
    Ok(bin)
}

/// The independent OpenAPI validator the server's tests check the description with
/// (`openapi-spec-validator` from PyPI, pinned), in a virtual environment under
/// `target/tools/` made when missing. Returns its command.
fn openapi_validator(root: &Path) -> Result<PathBuf> {
    let venv = root.join("target").join("tools").join(format!("openapi-spec-validator-{OPENAPI_VALIDATOR_VERSION}"));
    let bin = venv.join("bin").join("openapi-spec-validator");
    if bin.exists() {
        return Ok(bin);
    }
    eprintln!("installing openapi-spec-validator {OPENAPI_VALIDATOR_VERSION} from PyPI (once)");
    let status = Command::new("python3").arg("-m").arg("venv").arg(&venv).status().context("cannot run python3")?;
    if !status.success() {
        bail!("python3 -m venv failed ({status}; Debian: apt-get install python3-venv)");
    }
    let status = Command::new(venv.join("bin").join("pip"))
        .args(["install", "--quiet", &format!("openapi-spec-validator=={OPENAPI_VALIDATOR_VERSION}")])
        .status()
        .context("cannot run pip")?;
    if !status.success() || !bin.exists() {
        bail!("pip install openapi-spec-validator=={OPENAPI_VALIDATOR_VERSION} failed ({status})");
    }
    Ok(bin)
}

/// Write a `.gz` twin of each wasm, JS and CSS file (the server sends it to browsers that
/// accept gzip; the wasm shrinks to about a third, which matters on 3G).
fn gzip_assets(dist: &Path) -> Result<()> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm" || e == "js" || e == "css") {
            files.push(path);
        }
    }
    if files.is_empty() {
        return Ok(());
    }
    let status =
        Command::new("gzip").args(["-9", "-k", "-f", "-n"]).args(&files).status().context("cannot run gzip")?;
    if !status.success() {
        bail!("gzip of the ui's files failed ({status})");
    }
    Ok(())
}

/// The URL a client on this machine uses: an unspecified listen address becomes loopback.
fn base_url(address: SocketAddr) -> String {
    let mut address = address;
    if address.ip().is_unspecified() {
        address.set_ip(match address {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    format!("http://{address}")
}

/// Run the server as the foreground program. On Unix the process is replaced (exec), so Ctrl-C,
/// SIGTERM and the exit status all belong to the server itself and no orphan is left behind.
fn run_in_foreground(mut command: Command, program: &Path) -> Result<ExitCode> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let e = command.exec();
        Err(anyhow!(e).context(format!("cannot start {}", program.display())))
    }
    #[cfg(not(unix))]
    {
        let status = command.status().with_context(|| format!("cannot start {}", program.display()))?;
        Ok(exit_code(status))
    }
}

/// Cargo's target folder: CARGO_TARGET_DIR when set, else `<root>/target`.
fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() { dir } else { root.join(dir) }
        }
        _ => root.join("target"),
    }
}

// ---------------------------------------------------------------------------------------------
// test and lint

fn test(extra: &[OsString]) -> Result<ExitCode> {
    let root = workspace_root();
    let library = install_pdfium(&root)?;
    // The desktop crate embeds ui/dist at compile time, so the ui is built first.
    build_ui(&root)?;
    let validator = openapi_validator(&root)?;
    let mut steps = Steps::default();
    if nextest_installed() {
        let mut nextest = cargo();
        nextest
            .args(["nextest", "run", "--workspace"])
            .args(extra)
            .env(LIBRARY_ENV, &library)
            .env(OPENAPI_VALIDATOR_ENV, &validator);
        // No doctests step: examples in the docs are `text` and runnable ones live in
        // `examples/` (built with the tests). `cargo test --doc` would rebuild the workspace
        // with other features for nothing.
        steps.run("cargo nextest run --workspace", nextest)?;
    } else {
        let mut cargo_test = cargo();
        cargo_test
            .args(["test", "--workspace"])
            .args(extra)
            .env(LIBRARY_ENV, &library)
            .env(OPENAPI_VALIDATOR_ENV, &validator);
        steps.run("cargo test --workspace", cargo_test)?;
    }
    // The ui suites drive real browsers and the real desktop window over the binaries the
    // workspace tests have just built (ECAB_PREBUILT tells the scripts not to build again).
    if std::env::var_os(SKIP_UI_ENV).is_some_and(|v| v == "1") {
        eprintln!("xtask: {SKIP_UI_ENV}=1: the browser and desktop suites are skipped");
    } else {
        for (name, script) in
            [("browser ui (chromium)", "tests/browser/run.sh"), ("desktop app (Xvfb)", "tests/desktop/run.sh")]
        {
            let mut suite = Command::new("bash");
            suite.arg(root.join(script)).env(LIBRARY_ENV, &library).env("ECAB_PREBUILT", "1");
            steps.run(name, suite)?;
        }
    }
    Ok(steps.finish())
}

/// The pinned PyPI release of the OpenAPI validator, and the variable naming its command.
const OPENAPI_VALIDATOR_VERSION: &str = "0.9.0";
const OPENAPI_VALIDATOR_ENV: &str = "ECAB_OPENAPI_VALIDATOR";

/// Set to 1 to run only the Rust tests (no browser, no desktop window).
const SKIP_UI_ENV: &str = "ECAB_SKIP_UI_TESTS";

fn lint() -> Result<ExitCode> {
    let mut steps = Steps::default();
    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--check"]);
    steps.run("cargo fmt --all --check", fmt)?;
    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
    steps.run("cargo clippy --workspace --all-targets -D warnings", clippy)?;
    Ok(steps.finish())
}

fn nextest_installed() -> bool {
    cargo()
        .args(["nextest", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs commands one after the other (all of them, even after a failure, so one run shows every
/// problem), prints how long each took and remembers the first failure's exit status.
#[derive(Default)]
struct Steps {
    summary: Vec<String>,
    first_failure: Option<ExitCode>,
}

impl Steps {
    fn run(&mut self, name: &str, mut command: Command) -> Result<()> {
        let started = Instant::now();
        let status = command.status().with_context(|| format!("cannot run {name}"))?;
        let verdict = if status.success() { "ok".to_owned() } else { format!("FAILED ({status})") };
        let line = format!("xtask: {name}: {verdict} in {:.1}s", started.elapsed().as_secs_f64());
        eprintln!("{line}");
        self.summary.push(line);
        if !status.success() && self.first_failure.is_none() {
            self.first_failure = Some(exit_code(status));
        }
        Ok(())
    }

    fn finish(self) -> ExitCode {
        if self.summary.len() > 1 {
            eprintln!("xtask: summary:");
            for line in &self.summary {
                eprintln!("  {line}");
            }
        }
        self.first_failure.unwrap_or(ExitCode::SUCCESS)
    }
}

/// The exit code to pass on for a child's status (1 when it died from a signal).
fn exit_code(status: std::process::ExitStatus) -> ExitCode {
    match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).ok().filter(|&c| c != 0).unwrap_or(1)),
        None => ExitCode::FAILURE,
    }
}

/// `cargo` as run by whoever ran us (cargo sets CARGO), always from the workspace root.
fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(workspace_root());
    command
}
