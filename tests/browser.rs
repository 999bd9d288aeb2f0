//! End-to-end tests of the shell in real headless Chromium against the real
//! reference server. Run them with `cargo xtask test` (it builds dist/ first).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{Env, ROUTES};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boots_and_renders_every_route_without_console_errors() {
    let env = Env::demo().await;
    for (path, marker) in ROUTES {
        env.goto(path).await;
        env.text(marker).await;
        assert!(env.exists("nav.sidebar").await, "{path} has the sidebar");
        let errors = env.console_errors().await;
        assert!(errors.is_empty(), "console errors on {path}: {errors:?}");
    }
    // Route parameters reach their pages.
    env.goto("/customers/3063060?phone=11111122222").await;
    env.wait_text(".param", "3063060").await;
    env.goto("/call?phone=138%200013%208000").await;
    env.wait_text("#call-phone", "138 0013 8000").await;
    // `/` goes to the customer list.
    env.goto("/").await;
    env.wait_path("/customers").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embed_mode_hides_the_sidebar_and_is_remembered() {
    let env = Env::demo().await;
    env.goto("/customers?embed=1").await;
    env.text("section[data-route='/customers']").await;
    assert!(!env.exists("nav.sidebar").await, "no sidebar when embedded");
    assert!(env.exists(".shell.embed").await);
    // Remembered for the session: a link without the parameter stays embedded.
    env.goto("/settings").await;
    env.text("section[data-route='/settings']").await;
    assert!(!env.exists("nav.sidebar").await, "embed mode is remembered");
    // And switched off explicitly.
    env.goto("/settings?embed=0").await;
    env.text("nav.sidebar").await;
    env.close().await;
}

/// Whether keyboard focus is on the element matching `css`.
async fn focused(env: &Env, css: &str) -> bool {
    env.browser
        .execute(
            "const a = document.activeElement; return !!a && a.matches(arguments[0]);",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap()
        == serde_json::json!(true)
}

async fn wait_focused(env: &Env, css: &str) {
    let started = std::time::Instant::now();
    while !focused(env, css).await {
        assert!(started.elapsed() < support::WAIT, "focus never on {css}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embed_mode_has_a_page_menu_usable_by_keyboard_at_360_px() {
    let env = Env::demo().await;
    // The sidebar's entries, to compare with the menu's.
    env.goto("/customers").await;
    env.text("nav.sidebar").await;
    let pages = env.texts("nav.sidebar a").await;
    assert!(pages.len() >= 7, "{pages:?}");

    env.browser.set_window_size(360, 740).await.unwrap();
    env.goto("/customers?embed=1").await;
    env.text("section[data-route='/customers']").await;
    let button = env.wait_for("#embed-menu-button", "menu button").await;
    // Named in words; the icon is hidden from screen readers.
    assert!(button.text().await.unwrap().contains("菜单"));
    assert!(
        env.exists("#embed-menu-button span[aria-hidden='true']")
            .await
    );
    assert_eq!(
        button.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false")
    );
    assert!(!menu_shown(&env).await, "the menu is closed");

    // Opening lists the pages, the current one marked, focus on the first.
    button.click().await.unwrap();
    wait_focused(&env, "#embed-menu-list a").await;
    assert_eq!(
        button.attr("aria-expanded").await.unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(env.texts("#embed-menu-list a").await, pages);
    assert_eq!(
        env.text("#embed-menu-list a[aria-current='page']").await,
        "客户查询"
    );
    // It fits: nothing scrolls sideways, the list ends inside the window.
    let fits = env
        .browser
        .execute(
            "const r = document.querySelector('#embed-menu-list').getBoundingClientRect();
             return r.right <= window.innerWidth && r.left >= 0
                 && document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, serde_json::json!(true), "the menu fits at 360 px");

    // Esc closes it and focus returns to the button.
    env.press("\u{E00C}").await;
    wait_focused(&env, "#embed-menu-button").await;
    assert!(!menu_shown(&env).await, "the menu is closed");

    // By keyboard: Enter opens, Tab to the second page, Enter goes there.
    env.press("\u{E007}").await;
    wait_focused(&env, "#embed-menu-list a").await;
    // Arrow keys move between pages, wrapping at the ends.
    env.press("\u{E013}").await;
    wait_focused(&env, "#embed-menu-list li:last-child a").await;
    env.press("\u{E015}").await;
    wait_focused(&env, "#embed-menu-list li:first-child a").await;
    env.press("\u{E004}").await;
    wait_focused(&env, "#embed-menu-list li:nth-child(2) a").await;
    env.press("\u{E007}").await;
    env.text("section[data-route='/tags']").await;
    assert!(!menu_shown(&env).await, "the menu is closed");
    assert!(!env.exists("nav.sidebar").await, "still embedded");

    // A click chooses a page too.
    env.click("#embed-menu-button").await;
    env.click("#embed-menu-list a[href='/settings']").await;
    env.text("section[data-route='/settings']").await;
    assert!(!menu_shown(&env).await, "the menu is closed");
    env.assert_no_console_errors().await;
    env.close().await;
}

/// Whether the embed menu's list of pages is showing.
async fn menu_shown(env: &Env) -> bool {
    env.wait_for("#embed-menu-list", "menu")
        .await
        .is_displayed()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_locale_changes_text_and_survives_reload() {
    let env = Env::demo().await;
    env.goto("/settings").await;
    env.wait_text("nav.sidebar", "客户查询").await;
    env.select("#locale-select", "en").await;
    env.wait_text("nav.sidebar", "Customers").await;
    assert_eq!(
        env.browser
            .execute("return document.documentElement.lang", vec![])
            .await
            .unwrap(),
        "en"
    );
    env.browser.refresh().await.unwrap();
    env.wait_text("nav.sidebar", "Customers").await;
    env.select("#locale-select", "zh-TW").await;
    env.wait_text("nav.sidebar", "客戶查詢").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_is_refused_then_login_and_logout_work() {
    let env = Env::new().await;
    env.goto("/login").await;
    // Empty fields are caught before any request.
    env.click("#login-submit").await;
    env.wait_text("#login-error", "请输入用户名和密码").await;

    env.fill("#login-username", "demo").await;
    env.fill("#login-password", "wrong-password").await;
    env.click("#login-submit").await;
    // The server's own words replace the local hint.
    let started = std::time::Instant::now();
    loop {
        let msg = env.text("#login-error").await;
        if !msg.trim().is_empty() && !msg.contains("请输入用户名和密码") {
            break;
        }
        assert!(
            started.elapsed() < support::WAIT,
            "no error shown for a wrong password"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(env.path().await, "/login", "still on the login page");
    // Keyboard and screen-reader users land on why it failed.
    let focused = env
        .browser
        .execute(
            "return document.activeElement && document.activeElement.id;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused, serde_json::json!("login-error"));

    env.fill("#login-password", "demo123").await;
    env.click("#login-submit").await;
    env.text("#current-user").await;
    env.wait_path("/customers").await;

    env.click("#logout").await;
    env.wait_path("/login").await;
    // The session is gone on the server too: the shell sends us back to login.
    env.goto("/settings").await;
    env.wait_path("/login?next=/settings").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_leads_to_login_and_back_to_the_same_place() {
    let env = Env::new().await;
    env.login("sales1", "sales123").await;
    env.goto("/manual-tasks/11855?page=2").await;
    env.text("section[data-route='/manual-tasks/:adminUserId']")
        .await;
    // The session expires (cookie gone); the next API call answers 401.
    env.browser.delete_all_cookies().await.unwrap();
    env.browser.refresh().await.unwrap();
    env.wait_path("/login?next=/manual-tasks/11855%3Fpage%3D2")
        .await;
    env.fill("#login-username", "sales1").await;
    env.fill("#login-password", "sales123").await;
    env.click("#login-submit").await;
    env.wait_path("/manual-tasks/11855?page=2").await;
    env.text("#current-user").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crafted_next_never_leaves_the_panel_after_login() {
    let env = Env::new().await;
    // `/<tab>/evil.example.com`: the tab is dropped by the browser's URL
    // parser, which would make it `//evil.example.com`, another site.
    for next in [
        "%2F%09%2Fevil.example.com",
        "%2F%5Cevil.example.com",
        "%2F..%2Fx",
    ] {
        env.goto(&format!("/login?next={next}")).await;
        env.fill("#login-username", "demo").await;
        env.fill("#login-password", "demo123").await;
        env.click("#login-submit").await;
        env.text("#current-user").await;
        env.wait_path("/customers").await;
        let url = env.browser.current_url().await.unwrap();
        assert_eq!(url.host_str(), Some("127.0.0.1"), "{next} left the panel");
        env.click("#logout").await;
        env.wait_path("/login").await;
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cookie_mode_keeps_no_token_and_sign_out_forgets_drafts() {
    let env = Env::demo().await;
    let stored = |key: &'static str| {
        let browser = env.browser.clone();
        async move {
            browser
                .execute(
                    "return sessionStorage.getItem(arguments[0]);",
                    vec![serde_json::json!(key)],
                )
                .await
                .unwrap()
        }
    };
    // The HttpOnly cookie is the session: no token a script could read.
    assert_eq!(stored("scrm.token").await, serde_json::Value::Null);
    // Something typed into the new-entry form is kept as a draft...
    env.goto("/manual-tasks/new").await;
    env.fill("#mt-new-customerName", "草稿客户").await;
    let started = std::time::Instant::now();
    while stored("scrm.draft.manualTaskNew").await == serde_json::Value::Null {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "no draft kept"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // ...and gone once the salesperson signs out (a shared office PC).
    env.click("#logout").await;
    env.wait_path("/login").await;
    assert_eq!(
        stored("scrm.draft.manualTaskNew").await,
        serde_json::Value::Null
    );
    env.login("demo", "demo123").await;
    env.goto("/manual-tasks/new").await;
    env.text("#mt-new-form").await;
    let name = env
        .browser
        .execute(
            "return document.querySelector('#mt-new-customerName').value;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(name, serde_json::json!(""));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_config_json_shows_a_readable_error_page() {
    let env = Env::with(|o| o.config_json = Some("{ \"apiBase\": ".into())).await;
    env.goto("/customers").await;
    env.wait_text("#config-error", "config.json").await;
    env.close().await;
}

/// index.html asks for config.json while the wasm downloads (one round trip
/// less before the first screen), and the panel uses that answer rather
/// than asking again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_json_is_asked_for_once_while_the_page_is_parsed() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.goto("/customers").await;
    env.wait_for("#customer-table tbody tr", "customer rows")
        .await;
    let seen = env
        .js("const all = performance.getEntriesByType('resource');
             const config = all.filter(e => new URL(e.name).pathname.endsWith('/config.json'));
             const nav = performance.getEntriesByType('navigation')[0];
             return [config.length, config.length > 0 && config[0].startTime < nav.domInteractive];")
        .await;
    // The panel's own code runs after the document is parsed (a module
    // script), so only index.html can have asked before that.
    assert_eq!(
        seen,
        serde_json::json!([1, true]),
        "config.json requests, first while parsing"
    );
    env.close().await;
}

/// When the early request fails (here: every request for config.json), the
/// panel asks again itself and says what went wrong instead of a blank page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_config_json_shows_a_readable_error_page() {
    let env = Env::new().await;
    env.goto("/login").await;
    env.text("#login-title").await;
    env.block_urls(&["*config.json"]).await;
    env.goto("/customers").await;
    env.wait_text("#config-error", "config.json").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clinic_module_is_absent_from_navigation_when_disabled() {
    let env = Env::with(|o| {
        o.config_json = Some(
            r#"{"apiBase":"","auth":"cookie","loginUrl":"/login","locale":"en","embedOrigins":[],"clinic":{"enabled":false}}"#.into(),
        )
    })
    .await;
    env.login("demo", "demo123").await;
    env.wait_text("nav.sidebar", "Customers").await;
    assert!(!env.exists("nav.sidebar a[href='/clinic']").await);
    assert!(
        !env.exists("nav.sidebar a[href='/clinic/appointments']")
            .await
    );
    // Nor from embed mode's menu.
    env.goto("/customers?embed=1").await;
    env.click("#embed-menu-button").await;
    env.wait_text("#embed-menu-list", "Customers").await;
    assert!(!env.exists("#embed-menu-list a[href^='/clinic']").await);
    env.close().await;
}

/// Not a check: saves screenshots of the shell at desktop and 360 px widths
/// into target/screenshots for a person to look at.
/// `SCRM_DIST=dist cargo test --test browser -- --ignored screenshots`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn screenshots() {
    let env = Env::new().await;
    env.goto("/login").await;
    env.text("#login-title").await;
    env.screenshot("login").await;
    env.login("demo", "demo123").await;
    for (w, h) in [(1280, 800), (360, 740)] {
        env.browser.set_window_size(w, h).await.unwrap();
        for (name, path) in [
            ("customers", "/customers"),
            ("settings", "/settings"),
            ("call-customer", "/call?phone=13800000001"),
            ("tags", "/tags"),
            ("manual-tasks", "/manual-tasks"),
            ("manual-task-new", "/manual-tasks/new"),
            ("manual-task-import", "/manual-tasks/import"),
            // Last: embed mode is remembered until `embed=0` below.
            ("embed", "/call?phone=13800138000&embed=1"),
        ] {
            env.goto(path).await;
            env.text("main section").await;
            // Let the page's first answers arrive before the picture.
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            env.screenshot(&format!("{name}-{w}")).await;
        }
        env.goto("/settings?embed=0").await;
    }
    env.close().await;
}

/// The page's theme and the background colour the browser really paints.
async fn painted_theme(env: &Env) -> (String, String) {
    let v = env
        .browser
        .execute(
            "return [document.documentElement.dataset.theme || '',
                     getComputedStyle(document.documentElement).backgroundColor];",
            vec![],
        )
        .await
        .unwrap();
    (
        v[0].as_str().unwrap_or_default().to_owned(),
        v[1].as_str().unwrap_or_default().to_owned(),
    )
}

async fn wait_theme(env: &Env, want: (&str, &str)) {
    let started = std::time::Instant::now();
    loop {
        let got = painted_theme(env).await;
        if (got.0.as_str(), got.1.as_str()) == want {
            return;
        }
        assert!(
            started.elapsed() < support::WAIT,
            "theme {got:?}, want {want:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_colour_theme_is_chosen_in_settings_kept_and_applied_at_once() {
    const LIGHT: (&str, &str) = ("light", "rgb(245, 246, 248)");
    const DARK: (&str, &str) = ("dark", "rgb(20, 21, 23)");
    let env = Env::demo().await;
    env.goto("/settings").await;
    // Headless Chromium prefers light, and the default follows the system.
    assert_eq!(env.value("#theme-select").await, "system");
    wait_theme(&env, LIGHT).await;
    // Following the system: the page changes as soon as the system does.
    let scheme = |dark: bool| {
        serde_json::json!({ "features": [
            { "name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" } }
        ] })
    };
    env.cdp("Emulation.setEmulatedMedia", scheme(true)).await;
    wait_theme(&env, DARK).await;
    env.cdp("Emulation.setEmulatedMedia", scheme(false)).await;
    wait_theme(&env, LIGHT).await;
    env.select("#theme-select", "dark").await;
    wait_theme(&env, DARK).await;
    // Kept in this browser: dark from the first paint of the next visit.
    env.browser.refresh().await.unwrap();
    wait_theme(&env, DARK).await;
    assert_eq!(env.value("#theme-select").await, "dark");
    env.goto("/customers").await;
    wait_theme(&env, DARK).await;
    env.goto("/settings").await;
    env.select("#theme-select", "light").await;
    wait_theme(&env, LIGHT).await;
    env.assert_no_console_errors().await;
    env.close().await;
}

/// Whether each of `css` is laid out (its computed `display` is not none).
async fn shown(env: &Env, css: &[&str]) -> Vec<bool> {
    let v = env
        .js(&format!(
            "return {css:?}.map(s => {{ const e = document.querySelector(s);
               return !!e && getComputedStyle(e).display !== 'none'; }});"
        ))
        .await;
    serde_json::from_value(v).unwrap()
}

/// Lays the page out for `media` ("print"; "" for the screen again).
async fn emulate_media(env: &Env, media: &str) {
    env.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": media }),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_record_and_a_conversation_print_without_the_panel_around_them() {
    const PAPER: (&str, &str) = ("dark", "rgb(245, 246, 248)");
    let env = Env::demo().await;
    // Chosen dark on screen; paper is white all the same.
    env.goto("/settings").await;
    env.select("#theme-select", "dark").await;
    env.goto("/customers?phone=13800000001").await;
    env.click("#customer-table tbody tr .row-edit").await;
    env.text("#customer-edit-form").await;
    emulate_media(&env, "print").await;
    wait_theme(&env, PAPER).await;
    assert_eq!(
        shown(
            &env,
            &[
                "nav.sidebar",
                ".topbar",
                "#edit-save",
                "#edit-name",
                "#edit-phone"
            ]
        )
        .await,
        [false, false, false, true, true],
        "the record without navigation and buttons"
    );
    // The conversation is printed whole, not cut to its scroll box.
    emulate_media(&env, "").await;
    env.goto("/customers").await;
    env.click("#customer-table tbody tr .row-chat").await;
    env.text(".chat-list .msg-row").await;
    emulate_media(&env, "print").await;
    assert_eq!(
        shown(
            &env,
            &[".chat-toolbar", "nav.sidebar", ".chat-list .msg-row"]
        )
        .await,
        [false, false, true]
    );
    let whole = env
        .js("const s = document.querySelector('.chat-scroll');
             return s.scrollHeight <= s.clientHeight + 1 && s.scrollHeight > 600;")
        .await;
    assert_eq!(
        whole,
        serde_json::json!(true),
        "the messages run on, unclipped"
    );
    env.assert_no_console_errors().await;
    env.close().await;
}
