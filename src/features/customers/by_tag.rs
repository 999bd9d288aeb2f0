//! `/tags`: WeChat contacts whose customer carries any of the chosen tags
//! (findcontactbytagAll), optionally of one WeChat account and including
//! offline accounts. The contract lists no accounts, so the account choice
//! offers the accounts seen in answers so far.

use leptos::prelude::*;
use scrm_api::customer::{FindContactByTagAll, FindContactByTagAllRequest, WechatContact};

use crate::core::hrefs;
use crate::core::nav::encode_component;
use crate::features::customers::tag_picker::TagPicker;
use crate::platform::api_client::use_api;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::tags::use_tags;
use crate::platform::tr::tr;
use crate::ui::avatar::Avatar;
use crate::ui::button::{Button, Variant};
use crate::ui::empty_state::EmptyState;
use crate::ui::filter_bar::FilterBar;
use crate::ui::icon::{glyph, Icon};
use crate::ui::loaded::Loaded;
use crate::ui::table::Table;

/// The contact's customer record: `/customers/by-contact` finds the customer
/// bound to this contact (contacts carry no customer id) and opens its edit
/// page, or says plainly that there is none.
fn customer_href(c: &WechatContact) -> Option<String> {
    let contact = c.wechat_contact_id?;
    let mut href = format!("/customers/by-contact?wechatContactId={contact}");
    if let Some(account) = c.wechat_user_id {
        href.push_str(&format!("&wechatUserId={account}"));
    }
    if let Some(remark) = c
        .remark_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        href.push_str(&format!("&remark={}", encode_component(remark)));
    }
    Some(href)
}

#[component]
pub fn ContactsByTag() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let tags = use_tags().list();
    let chosen = RwSignal::new(Vec::<i64>::new());
    let account = RwSignal::new(None::<i64>);
    let offline = RwSignal::new(false);
    let accounts = RwSignal::new(Vec::<(i64, String)>::new());
    // The last submitted search; `None` until the first.
    let submitted = RwSignal::new(None::<FindContactByTagAllRequest>);
    let data = load(
        move || submitted.get(),
        move |request| {
            let api = api.clone();
            async move {
                match request {
                    Some(request) => api
                        .call::<FindContactByTagAll>(&request)
                        .await
                        .map(|r| Some(r.data)),
                    None => Ok(None),
                }
            }
        },
    );
    let pending = RwSignal::new(false);
    // The contract lists no accounts: offer those seen in answers so far.
    Effect::new(move |_| {
        if let Some(Ok(Some(list))) = data.get() {
            accounts.update(|known| {
                for c in &list {
                    if let Some(id) = c.wechat_user_id {
                        if !known.iter().any(|(k, _)| *k == id) {
                            let name = c
                                .wechat_user_nick_name
                                .clone()
                                .filter(|s| !s.trim().is_empty())
                                .unwrap_or_else(|| id.to_string());
                            known.push((id, name));
                        }
                    }
                }
            });
        }
    });

    let run = move || {
        let request = FindContactByTagAllRequest {
            wechat_user_id: account.get_untracked(),
            tag_ids: Some(
                chosen
                    .get_untracked()
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .filter(|s| !s.is_empty()),
            is_off_line: offline.get_untracked().then_some(1),
        };
        if submitted.with_untracked(|s| s.as_ref() == Some(&request)) {
            data.refetch();
        } else {
            submitted.set(Some(request));
        }
    };

    let fields = move || {
        view! {
            <div class="field">
                <label for="t-tags-input">{tr(i18n, |i| t_string!(i, cust_tags))}</label>
                <TagPicker id="t-tags" label=tr(i18n, |i| t_string!(i, cust_tags))
                    placeholder=tr(i18n, |i| t_string!(i, cust_tags_any))
                    tags=tags selected=chosen on_change=move |ids| chosen.set(ids)/>
            </div>
            <div class="field">
                <label for="t-account">{tr(i18n, |i| t_string!(i, tags_account))}</label>
                <select id="t-account" on:change=move |ev| account.set(event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || account.get().is_none()>{tr(i18n, |i| t_string!(i, tags_all_accounts))}</option>
                    <For each=move || accounts.get() key=|a| a.0 let:a>
                        <option value=a.0.to_string() selected=move || account.get() == Some(a.0)>{a.1.clone()}</option>
                    </For>
                </select>
            </div>
            <label class="tag-option" for="t-offline">
                <input type="checkbox" id="t-offline" prop:checked=move || offline.get()
                    on:change=move |ev| offline.set(event_target_checked(&ev))/>
                <span>{tr(i18n, |i| t_string!(i, tags_include_offline))}</span>
            </label>
        }
    };

    view! {
        <section class="page contacts-by-tag" data-route="/tags">
            <h1>{tr(i18n, |i| t_string!(i, nav_tags))}</h1>
            <FilterBar id="t-filters" label=tr(i18n, |i| t_string!(i, nav_tags))
                active=Signal::derive(move || {
                    usize::from(!chosen.with(Vec::is_empty)) + usize::from(account.with(Option::is_some)) + usize::from(offline.get())
                })
                on_submit=Callback::new(move |_| { run(); true })
                main=fields
                actions=move || view! {
                    <Button variant={Variant::Primary} icon={glyph::SEARCH} loading=pending submit=true attr:id="t-search">
                        {tr(i18n, |i| t_string!(i, tags_search))}
                    </Button>
                }/>
            <Show when=move || pending.get() && data.get().is_some()>
                <p class="loading">{tr(i18n, |i| t_string!(i, cust_loading))}</p>
            </Show>
            <Loaded data=data pending=pending let:found>
                <ContactTable found=found/>
            </Loaded>
        </section>
    }
}

/// The search's answer: a hint before the first search, the words for no
/// match, else the contacts.
#[component]
fn ContactTable(found: Option<Vec<WechatContact>>) -> impl IntoView {
    let i18n = use_i18n();
    match found {
        None => view! { <p class="muted">{tr(i18n, |i| t_string!(i, tags_hint))}</p> }.into_any(),
        Some(list) if list.is_empty() => {
            view! { <EmptyState id="t-empty" title=tr(i18n, |i| t_string!(i, tags_empty))/> }
                .into_any()
        }
        Some(list) => view! {
            <p id="t-count">{tr(i18n, |i| t_string!(i, pager_total))} " " {list.len()}</p>
            <Table id="contact-table" caption=tr(i18n, |i| t_string!(i, nav_tags)) stack=true
                columns=vec![
                    tr(i18n, |i| t_string!(i, cust_avatar)).into(),
                    tr(i18n, |i| t_string!(i, cust_nickname)).into(),
                    tr(i18n, |i| t_string!(i, tags_alias)).into(),
                    tr(i18n, |i| t_string!(i, edit_address)).into(),
                    tr(i18n, |i| t_string!(i, tags_account)).into(),
                    tr(i18n, |i| t_string!(i, cust_actions)).into(),
                ]>
                {list.into_iter().map(|c| view! { <ContactRow c=c/> }).collect_view()}
            </Table>
        }
        .into_any(),
    }
}

/// One contact: who it is, whose account it belongs to, and links to its
/// customer record and chat where it has them.
#[component]
fn ContactRow(c: WechatContact) -> impl IntoView {
    let i18n = use_i18n();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let record = customer_href(&c);
    let chat = hrefs::contact_chat(&c);
    view! {
        <tr>
            <td><Avatar url=c.head_img_url.clone()/></td>
            <td class="t-nick" data-label=tr(i18n, |i| t_string!(i, cust_nickname))>{text(&c.nick_name)}</td>
            <td class="t-alias" data-label=tr(i18n, |i| t_string!(i, tags_alias))>{text(&c.alias)}</td>
            <td class="t-address" data-label=tr(i18n, |i| t_string!(i, edit_address))>{text(&c.customer_nick_name)}</td>
            <td class="t-account" data-label=tr(i18n, |i| t_string!(i, tags_account))>
                {c.wechat_user_nick_name.clone().or(c.wechat_user_name.clone()).unwrap_or_default()}
            </td>
            <td class="c-actions">
                <div class="row-actions">
                    {record.map(|h| view! { <a class="btn text small contact-record" href=crate::core::nav::href(&h)><Icon glyph=glyph::PERSON/>{tr(i18n, |i| t_string!(i, tags_customer_record))}</a> })}
                    {chat.map(|h| view! { <a class="btn text small contact-chat" href=crate::core::nav::href(&h)><Icon glyph=glyph::CHAT/>{tr(i18n, |i| t_string!(i, cust_chat))}</a> })}
                </div>
            </td>
        </tr>
    }
}
