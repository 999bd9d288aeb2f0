//! The text table: one line per key, `[zh-CN, zh-TW, en]`.

use super::Locale;

macro_rules! texts {
    ($($key:ident => [$cn:expr, $tw:expr, $en:expr],)*) => {
        /// Namespace of the interface texts; `Text::key(locale)`.
        pub struct Text;

        #[allow(non_snake_case, dead_code)]
        impl Text {
            $(
                pub fn $key(locale: Locale) -> &'static str {
                    [$cn, $tw, $en][locale.index()]
                }
            )*

            /// Every key with its three texts (for tests).
            pub const ALL: &'static [(&'static str, [&'static str; 3])] = &[
                $((stringify!($key), [$cn, $tw, $en]),)*
            ];
        }
    };
}

texts! {
    app_title => ["SCRM 销售面板", "SCRM 銷售面板", "SCRM Sales Panel"],
    nav_customers => ["客户查询", "客戶查詢", "Customers"],
    nav_tags => ["按标签找客户", "按標籤找客戶", "Contacts by tag"],
    nav_chat => ["聊天记录", "聊天記錄", "Chat history"],
    nav_call => ["来电弹屏", "來電彈屏", "Call screen-pop"],
    nav_manual_tasks => ["手动录入", "手動錄入", "Manual entries"],
    nav_manual_task_new => ["新增录入", "新增錄入", "New entry"],
    nav_clinic => ["诊所顾客", "診所顧客", "Clinic customers"],
    nav_clinic_appointments => ["预约", "預約", "Appointments"],
    nav_settings => ["设置", "設定", "Settings"],
    nav_main => ["主导航", "主導覽", "Main navigation"],
    skip_to_content => ["跳到主要内容", "跳到主要內容", "Skip to main content"],
    language => ["语言", "語言", "Language"],
    dial_label => ["拨打电话号码", "撥打電話號碼", "Phone number to call"],
    dial_placeholder => ["输入号码拨打", "輸入號碼撥打", "Number to call"],
    dial_button => ["拨打", "撥打", "Call"],
    login_title => ["登录", "登入", "Sign in"],
    login_username => ["用户名", "使用者名稱", "Username"],
    login_password => ["密码", "密碼", "Password"],
    login_submit => ["登录", "登入", "Sign in"],
    login_busy => ["正在登录…", "正在登入…", "Signing in…"],
    login_required => ["请输入用户名和密码", "請輸入使用者名稱和密碼", "Enter your username and password"],
    logout => ["退出登录", "登出", "Sign out"],
    signed_in_as => ["当前用户", "目前使用者", "Signed in as"],
    placeholder_note => ["此页面正在建设中，将在对应的需求完成后上线。", "此頁面正在建設中，將在對應的需求完成後上線。", "This page is under construction and arrives with its issue."],
    placeholder_route => ["路由", "路由", "Route"],
    not_found_title => ["页面不存在", "頁面不存在", "Page not found"],
    not_found_body => ["找不到这个地址对应的页面。", "找不到這個網址對應的頁面。", "There is no page at this address."],
    back_home => ["返回客户查询", "返回客戶查詢", "Back to customers"],
    config_error_title => ["无法加载配置", "無法載入設定", "Configuration could not be loaded"],
    config_error_body => ["面板启动时需要读取与 index.html 同目录的 config.json，但读取失败：", "面板啟動時需要讀取與 index.html 同目錄的 config.json，但讀取失敗：", "The panel reads config.json next to index.html at start-up, and that failed:"],
    retry => ["重试", "重試", "Retry"],
    close => ["关闭", "關閉", "Close"],
    err_network => ["网络连接失败，请检查网络后重试。", "網路連線失敗，請檢查網路後重試。", "The network request failed. Check the connection and retry."],
    err_unauthorized => ["登录已过期，请重新登录。", "登入已過期，請重新登入。", "Your session has expired. Please sign in again."],
    err_server => ["服务器返回错误", "伺服器回傳錯誤", "The server reported an error"],
    err_http => ["服务器异常（HTTP 状态码）", "伺服器異常（HTTP 狀態碼）", "Server error (HTTP status)"],
    err_decode => ["服务器返回的数据无法识别。", "伺服器回傳的資料無法辨識。", "The server's reply could not be understood."],
    toast_logged_out => ["已退出登录", "已登出", "Signed out"],
    toast_logged_in => ["登录成功", "登入成功", "Signed in"],
    call_phone => ["号码", "號碼", "Number"],
    settings_locale_hint => ["界面语言会保存在本浏览器中。", "介面語言會儲存在此瀏覽器中。", "The interface language is remembered in this browser."],
    notifications => ["通知", "通知", "Notifications"],
    page_customer_edit => ["编辑客户", "編輯客戶", "Edit customer"],
    page_manual_task_detail => ["录入明细", "錄入明細", "Entries of a person"],
    clinic_disabled => ["诊所模块未在配置中启用。", "診所模組未在設定中啟用。", "The clinic module is not enabled in config.json."],
    customer_id => ["客户 ID", "客戶 ID", "Customer ID"],
    admin_user_id => ["账号 ID", "帳號 ID", "Account ID"],
}
