//! The HTML report in a real browser: headless Chromium, no network, a fresh profile.
//!
//! Checks that the page loads without console errors (a blocked network request would log
//! one), that all charts are in the rendered DOM, and that a screenshot shows the charts'
//! colours, so they are visible and not blank. `.ci/run` installs Chromium; locally, without
//! it, the test says so and passes unless `CI` is set.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        })
}

/// Runs headless Chromium on `page` with the network cut off and a throwaway profile.
fn headless(browser: &Path, profile: &Path, page: &Path, extra: &[&str]) -> Output {
    let mut cmd = std::process::Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        // No network: every host resolves to nothing, and there is no proxy to reach.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(extra)
    .arg(format!("file://{}", page.display()));
    common::limited(cmd).output().expect("chromium starts")
}

/// Pixels whose colour is within a small distance of `rgb`.
fn count_colour(pixels: &[u8], rgb: (u8, u8, u8)) -> usize {
    pixels
        .chunks_exact(4)
        .filter(|p| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs();
            d(p[0], rgb.0) + d(p[1], rgb.1) + d(p[2], rgb.2) < 30
        })
        .count()
}

#[test]
fn the_html_report_renders_in_headless_chromium_with_visible_charts() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium: .ci/run installs it"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("report.html");
    common::tunecalc()
        .args(["report", "scenarios/", "--date", "2026-11-24", "-o"])
        .arg(&page)
        .assert()
        .success();

    // 1. Loads without errors, and the charts are in the rendered DOM.
    let dom = headless(
        &browser,
        &dir.path().join("profile-dom"),
        &page,
        &["--dump-dom"],
    );
    assert!(
        dom.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let text = String::from_utf8_lossy(&dom.stdout);
    let log = String::from_utf8_lossy(&dom.stderr);
    let bundled = common::bundled().len();
    // Each scenario has three charts (cumulative, decision map, volume); those with ranges two
    // more (the spread of payback and the fan).
    let ranged = common::bundled()
        .iter()
        .filter(|c| !c.scenario.uncertain.is_empty())
        .count();
    assert!(ranged >= 1, "a bundled scenario shows ranges");
    assert_eq!(
        text.matches("<svg").count(),
        1 + 3 * bundled + 2 * ranged,
        "every chart is in the DOM"
    );
    assert!(text.contains("Summary"));
    for line in log.lines() {
        let console_error =
            line.contains("CONSOLE") && (line.contains("ERROR") || line.contains("Uncaught"));
        let load_error = line.contains("Failed to load resource") || line.contains("net::ERR_");
        assert!(
            !console_error && !load_error,
            "the page logged an error: {line}"
        );
    }

    // 2. A screenshot is not blank and shows the charts' colours.
    let shot = dir.path().join("shot.png");
    let out = headless(
        &browser,
        &dir.path().join("profile-shot"),
        &page,
        &[
            "--window-size=1200,4000",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    assert!(
        out.status.success(),
        "screenshot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (rgba, _) = rgba_of(&shot);
    let total = rgba.len() / 4;
    let white = count_colour(&rgba, (255, 255, 255));
    assert!(
        white < total * 97 / 100,
        "the screenshot is nearly blank: {white} of {total} white"
    );
    // The comparison chart's green and red bars, the cumulative chart's orange and blue lines.
    for (name, rgb) in [
        ("green", (39, 145, 84)),
        ("red", (192, 57, 43)),
        ("orange", (230, 126, 34)),
        ("blue", (31, 97, 199)),
    ] {
        let n = count_colour(&rgba, rgb);
        assert!(n > 200, "chart colour {name} is not visible ({n} pixels)");
    }

    // 3. On a 400-pixel screen the comparison turns into cards whose verdict, in its colour,
    // stays in view: the right half of the window shows green and red verdict text.
    let narrow = dir.path().join("narrow.png");
    let out = headless(
        &browser,
        &dir.path().join("profile-narrow"),
        &page,
        &[
            "--window-size=400,3000",
            &format!("--screenshot={}", narrow.display()),
        ],
    );
    assert!(out.status.success(), "narrow screenshot failed");
    let (rgba, width) = rgba_of(&narrow);
    let right_half: Vec<u8> = rgba
        .chunks_exact(4 * width)
        .flat_map(|row| row[4 * width / 2..].to_vec())
        .collect();
    for (name, rgb) in [("green", (39, 145, 84)), ("red", (192, 57, 43))] {
        let n = count_colour(&right_half, rgb);
        assert!(
            n > 40,
            "the {name} verdicts are not visible at 400 px ({n} pixels)"
        );
    }

    // 4. Printed: the summary and at most three pages per scenario.
    let pdf = dir.path().join("report.pdf");
    let out = headless(
        &browser,
        &dir.path().join("profile-pdf"),
        &page,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
    );
    assert!(out.status.success(), "printing failed");
    let bytes = std::fs::read(&pdf).expect("a PDF");
    let pages = count_pages(&bytes);
    // At most three pages a scenario, four with ranges, and the summary (its comparison table
    // and chart take two pages from about a dozen scenarios).
    assert!(
        pages > bundled && pages <= 2 + 3 * bundled + ranged,
        "{pages} printed pages for {bundled} scenarios ({ranged} with ranges)"
    );
}

/// The pages of a PDF: its `/Type /Page` objects (not `/Pages`).
fn count_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

/// A screenshot's pixels as RGBA, and its width.
fn rgba_of(path: &Path) -> (Vec<u8>, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("pixels");
    let pixels = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    assert!(channels == 4 || channels == 3, "{:?}", info.color_type);
    let rgba = if channels == 4 {
        pixels.to_vec()
    } else {
        pixels
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect()
    };
    (rgba, info.width as usize)
}
