//! The playground's components in a real browser (headless Chromium, through
//! `wasm-bindgen-test`): rendering, typing, keyboard use and caret moves. `cargo xtask test`
//! runs them; a native `cargo test` compiles this file to nothing.
#![cfg(target_arch = "wasm32")]

/// Everything is in a test module, where the workspace lints let tests unwrap and panic.
#[cfg(test)]
mod browser {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::time::Duration;

    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
    use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, KeyboardEvent};
    use workmail_policy::{Decision, Effect, Operation};
    use workmail_policy_www::App;
    use workmail_policy_www::bridge::{Input, Message, View};
    use workmail_policy_www::components::analysis_view::{AnalysisView, AnalysisViewProps};
    use workmail_policy_www::components::effect_badge::{EffectBadge, EffectBadgeProps};
    use workmail_policy_www::components::replay_result::{ReplayResult, ReplayResultProps};
    use workmail_policy_www::operations::{DecisionId, Outcome, Ran};
    use workmail_policy_www::presets::Preset;
    use workmail_policy_www::questions::MobileField;
    use workmail_policy_www::replay::Job;
    use workmail_policy_www::state::{Action, State};
    use workmail_policy_www::tabs::Panel;
    use yew::{AppHandle, Callback};

    wasm_bindgen_test_configure!(run_in_browser);

    thread_local! {
        static PAGE_TAKEN: Cell<bool> = const { Cell::new(false) };
    }

    /// The page for one test at a time. wasm-bindgen-test may interleave async tests in one
    /// document, and a playground uses what the page has only once: the focus, the caret, the
    /// address and the browser's storage. A test that holds this has them to itself until it
    /// drops it.
    struct PageLock;

    impl PageLock {
        /// Waits for the page. A test that failed while holding it never gives it back (a
        /// panic stops it where it is), so after 20 seconds the page is taken anyway.
        async fn take() -> Self {
            for _ in 0..2000 {
                if !PAGE_TAKEN.with(Cell::get) {
                    break;
                }
                yew::platform::time::sleep(Duration::from_millis(10)).await;
            }
            PAGE_TAKEN.with(|taken| taken.set(true));
            Self
        }
    }

    impl Drop for PageLock {
        fn drop(&mut self) {
            PAGE_TAKEN.with(|taken| taken.set(false));
        }
    }

    /// A mounted playground, removed from the page when dropped (and the page then free for
    /// the next test).
    struct Mounted {
        root: Element,
        handle: Option<AppHandle<App>>,
        _page: PageLock,
    }

    impl Drop for Mounted {
        fn drop(&mut self) {
            if let Some(handle) = self.handle.take() {
                handle.destroy();
            }
            self.root.remove();
        }
    }

    fn document() -> web_sys::Document {
        gloo::utils::document()
    }

    /// Mounts the playground on a page whose address holds `fragment`, with no saved work.
    async fn mount(fragment: &str) -> Mounted {
        let page = PageLock::take().await;
        gloo::utils::window()
            .local_storage()
            .unwrap()
            .unwrap()
            .clear()
            .unwrap();
        let history = gloo::utils::window().history().unwrap();
        history
            .replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("#{fragment}")),
            )
            .unwrap();
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let handle = workmail_policy_www::start(Some(root.clone())).await;
        settle().await;
        Mounted {
            root,
            handle: Some(handle),
            _page: page,
        }
    }

    /// Reads `read` until `done` holds of what it gives, for at most five seconds, and returns
    /// the last reading for the test to assert on. Focus and caret moves happen in effects after
    /// a render, which a busy machine can delay past [`settle`].
    async fn until<T>(read: impl Fn() -> T, done: impl Fn(&T) -> bool) -> T {
        let mut value = read();
        for _ in 0..500 {
            if done(&value) {
                break;
            }
            yew::platform::time::sleep(Duration::from_millis(10)).await;
            value = read();
        }
        value
    }

    /// Lets Yew render what the last events changed.
    async fn settle() {
        yew::platform::time::sleep(Duration::from_millis(30)).await;
    }

    fn find(root: &Element, testid: &str) -> Element {
        root.query_selector(&format!("[data-testid=\"{testid}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no element with data-testid `{testid}`"))
    }

    fn text(root: &Element, testid: &str) -> String {
        find(root, testid).text_content().unwrap_or_default()
    }

    fn items(root: &Element, testid: &str) -> Vec<String> {
        let list = find(root, testid).query_selector_all("li").unwrap();
        (0..list.length())
            .filter_map(|at| list.item(at))
            .map(|node| node.text_content().unwrap_or_default())
            .collect()
    }

    fn fire(target: &Element, event: &str) {
        let event = web_sys::Event::new_with_event_init_dict(event, &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        })
        .unwrap();
        target.dispatch_event(&event).unwrap();
    }

    async fn type_into(root: &Element, testid: &str, value: &str) {
        let element = find(root, testid);
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            input.set_value(value);
        } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(value);
        }
        fire(&element, "input");
        settle().await;
    }

    /// The share link once the page has saved the last change (right after rendering it).
    async fn saved_link(root: &Element) -> String {
        let share = find(root, "share-link").unchecked_into::<HtmlInputElement>();
        for _ in 0..50 {
            if share.get_attribute("data-pending").as_deref() == Some("false") {
                break;
            }
            settle().await;
        }
        share.value()
    }

    async fn click(element: &Element) {
        element.unchecked_ref::<HtmlElement>().click();
        settle().await;
    }

    /// Presses `key` on `element` (a `keydown` that bubbles, as a keyboard sends it).
    async fn press(element: &Element, key: &str) {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        element.dispatch_event(&event).unwrap();
        settle().await;
    }

    fn button(root: &Element, label: &str) -> Element {
        let buttons = root.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|at| buttons.item(at))
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .find(|element| element.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("no button `{label}`"))
    }

    /// Counts its drops into a shared cell.
    struct Counted(Rc<Cell<u32>>);

    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[wasm_bindgen_test]
    async fn what_is_dropped_when_idle_is_dropped_after_the_task_not_in_it() {
        let dropped = Rc::new(Cell::new(0));
        for _ in 0..3 {
            workmail_policy_www::browser::drop_when_idle(Box::new(Counted(Rc::clone(&dropped))));
        }
        assert_eq!(dropped.get(), 0, "nothing is dropped within the task");
        let all = until(|| dropped.get(), |count| *count == 3).await;
        assert_eq!(all, 3, "every value is dropped once the browser is idle");
        workmail_policy_www::browser::drop_when_idle(Box::new(Counted(Rc::clone(&dropped))));
        assert_eq!(
            until(|| dropped.get(), |count| *count == 4).await,
            4,
            "and again later"
        );
    }

    #[wasm_bindgen_test]
    fn texts_cross_as_their_utf8_bytes() {
        use workmail_policy_www::browser::from_utf8;
        for text in ["", "{\"Name\": \"café ✓\"}", "\u{1F600} a\u{0}b"] {
            assert_eq!(from_utf8(&js_sys::Uint8Array::from(text.as_bytes())), text);
        }
        // Bytes that are not UTF-8 are read, not refused.
        let broken = js_sys::Uint8Array::from(&[b'a', 0xFF, b'b'][..]);
        assert_eq!(from_utf8(&broken), "a\u{FFFD}b");
    }

    #[wasm_bindgen_test]
    async fn texts_are_copied_out_a_slice_per_task() {
        use workmail_policy_www::browser::{COPY_SLICE, copy_in_slices};
        type Copied = Rc<RefCell<Option<Result<Vec<js_sys::Uint8Array>, String>>>>;
        // Two-byte characters: one slice and six bytes, then a short text.
        let long: Rc<str> = Rc::from("é".repeat(COPY_SLICE / 2 + 3));
        let short: Rc<str> = Rc::from("{}");
        let copied: Copied = Rc::default();
        let slices = Rc::new(Cell::new(0));
        {
            let (copied, slices) = (Rc::clone(&copied), Rc::clone(&slices));
            copy_in_slices(
                vec![Rc::clone(&long), short],
                move || {
                    slices.set(slices.get() + 1);
                    true
                },
                move |buffers| *copied.borrow_mut() = Some(buffers),
            );
        }
        // Nothing is copied in this task: each slice in a later one.
        assert_eq!(slices.get(), 0);
        assert!(copied.borrow().is_none());
        let buffers = until(|| copied.borrow().clone(), Option::is_some).await;
        let buffers: Vec<Vec<u8>> = buffers
            .unwrap()
            .unwrap()
            .iter()
            .map(|b| b.to_vec())
            .collect();
        assert_eq!(buffers, [long.as_bytes(), b"{}"]);
        assert_eq!(slices.get(), 3);

        // A copy no longer wanted stops, and hands nothing over.
        let copied: Copied = Rc::default();
        let wanted = Rc::new(Cell::new(true));
        {
            let (copied, wanted) = (Rc::clone(&copied), Rc::clone(&wanted));
            copy_in_slices(
                vec![long],
                move || wanted.get(),
                move |buffers| *copied.borrow_mut() = Some(buffers),
            );
        }
        wanted.set(false);
        settle().await;
        assert!(copied.borrow().is_none());
    }

    #[derive(yew::Properties, PartialEq)]
    struct SettledProps {
        value: String,
        wait: bool,
    }

    /// Shows what `use_settled` gives for its properties.
    #[yew::component]
    fn Settled(props: &SettledProps) -> yew::Html {
        let settled = workmail_policy_www::hooks::use_settled(props.value.clone(), props.wait);
        yew::html! { <p data-testid="settled">{ settled }</p> }
    }

    #[wasm_bindgen_test]
    async fn a_value_settles_once_it_stops_changing() {
        use workmail_policy_www::hooks::PAUSE_MS;
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let props = |value: &str, wait| SettledProps {
            value: value.to_owned(),
            wait,
        };
        let mut handle =
            yew::Renderer::<Settled>::with_root_and_props(root.clone(), props("a", true)).render();
        settle().await;
        // The first value at once; a new one only after a pause.
        assert_eq!(text(&root, "settled"), "a");
        handle.update(props("ab", true));
        settle().await;
        assert_eq!(text(&root, "settled"), "a");
        let pause = Duration::from_millis(u64::from(PAUSE_MS) + 100);
        yew::platform::time::sleep(pause).await;
        assert_eq!(text(&root, "settled"), "ab");
        // A value changed and changed back before the pause ends stays as it settled.
        handle.update(props("abc", true));
        settle().await;
        handle.update(props("ab", true));
        yew::platform::time::sleep(pause).await;
        assert_eq!(text(&root, "settled"), "ab");
        // Each change starts the pause again: only the last value settles.
        for value in ["x", "xy", "xyz"] {
            handle.update(props(value, true));
            settle().await;
        }
        assert_eq!(text(&root, "settled"), "ab");
        yew::platform::time::sleep(pause).await;
        assert_eq!(text(&root, "settled"), "xyz");
        // Not waiting, the value itself, at once.
        handle.update(props("now", false));
        settle().await;
        assert_eq!(text(&root, "settled"), "now");
        handle.destroy();
    }

    #[wasm_bindgen_test]
    fn a_files_bytes_are_read_as_its_text_without_a_byte_order_mark() {
        use workmail_policy_www::browser::Lent;
        let text = "{\"Name\": \"café ✓ \u{1F600}\"}";
        for (bytes, skipped) in [
            (text.as_bytes().to_vec(), 0),
            ([&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(), 3),
        ] {
            for budget in [1, 5, 1000] {
                let buffer = js_sys::Uint8Array::from(&bytes[..]).buffer();
                let mut lent = Lent::of_bytes(buffer);
                assert_eq!(lent.bytes(), bytes.len() - skipped);
                while lent.unread() > 0 {
                    let read = lent.read_up_to(budget);
                    assert!(read > 0 && read <= budget.max(4), "{budget}: {read}");
                }
                assert_eq!(&*lent.into_text(), text, "{skipped} {budget}");
            }
        }
        // A byte order mark alone, an empty file and one of two bytes.
        for (bytes, read) in [(&[0xEF, 0xBB, 0xBF][..], ""), (&[][..], ""), (b"{}", "{}")] {
            let mut lent = Lent::of_bytes(js_sys::Uint8Array::from(bytes).buffer());
            lent.read_up_to(8);
            assert_eq!(&*lent.into_text(), read);
        }
    }

    #[wasm_bindgen_test]
    fn a_lent_text_is_read_a_slice_at_a_time() {
        use wasm_bindgen::JsValue;
        use workmail_policy_www::browser::{Lent, lend};
        use workmail_policy_www::text::Crossing;
        let text = "{\"Name\": \"café ✓ \u{1F600}\"}".repeat(3);
        // Budgets that end slices inside characters of two, three and four bytes.
        for budget in [1, 2, 3, 5, 6, 7, text.len(), usize::MAX] {
            let value = lend(Crossing::Sent(&text));
            let mut lent = Lent::of(&value).unwrap();
            assert!(lent.is(&value) && !lent.is(&lend(Crossing::Sent(&text))));
            assert_eq!((lent.bytes(), lent.unread()), (text.len(), text.len()));
            while lent.unread() > 0 {
                let read = lent.read(budget);
                assert!(read > 0 && read <= budget.max(4), "{budget}: {read}");
            }
            assert_eq!(&*lent.into_text(), text, "{budget}");
        }
        let empty = Lent::of(&lend(Crossing::Sent(""))).unwrap();
        assert_eq!(empty.unread(), 0);
        assert_eq!(&*empty.into_text(), "");

        // Bytes that are not UTF-8 read as the replacement character, as they do when copied.
        let bytes = [b'a', 0xFF, b'b', 0xE2, 0x9C];
        let lend_bytes = |length: usize| {
            js_sys::Array::of3(
                &wasm_bindgen::memory(),
                &JsValue::from(bytes.as_ptr() as usize),
                &JsValue::from(length),
            )
        };
        for budget in [1, 4, 5] {
            let mut lent = Lent::of(&lend_bytes(bytes.len())).unwrap();
            while lent.unread() > 0 {
                lent.read(budget);
            }
            assert_eq!(&*lent.into_text(), "a\u{FFFD}b\u{FFFD}");
        }

        // Only what `lend` gives for a text is one, within the lender's memory.
        for crossing in [Crossing::Kept, Crossing::Absent, Crossing::Earlier(0)] {
            assert!(Lent::of(&lend(crossing)).is_none());
        }
        let size = wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .unwrap()
            .buffer()
            .dyn_into::<js_sys::ArrayBuffer>()
            .unwrap()
            .byte_length() as usize;
        let past = js_sys::Array::of3(
            &wasm_bindgen::memory(),
            &JsValue::from(size - 2),
            &JsValue::from(3),
        );
        assert!(Lent::of(&past).is_none());
        assert!(Lent::of(&js_sys::Array::of3(&JsValue::NULL, &0.into(), &0.into())).is_none());
    }

    #[wasm_bindgen_test]
    fn a_text_the_same_as_an_earlier_one_arrives_shared() {
        use workmail_policy_www::browser::{marker, received};
        use workmail_policy_www::text::{Crossing, Text};
        let crossing = |crossing| marker(crossing).unwrap();
        let document = Text::from("{\"Rules\": []}");
        let earlier = [Some(document.clone()), None];
        assert_eq!(received(&crossing(Crossing::Kept), &earlier), None);
        assert_eq!(received(&crossing(Crossing::Absent), &earlier), Some(None));
        // A text that crosses itself is the caller's to send, as its UTF-8 bytes.
        assert_eq!(marker(Crossing::Sent("{}")), Err("{}"));
        let sent = received(&js_sys::Uint8Array::from(&b"{}"[..]).into(), &earlier);
        assert_eq!(sent, Some(Some(Text::from("{}"))));
        let Some(Some(shared)) = received(&crossing(Crossing::Earlier(0)), &earlier) else {
            panic!("the earlier text arrives");
        };
        assert!(std::rc::Rc::ptr_eq(&shared.0, &document.0));
        // An index with no text there, or past the texts, is no text.
        assert_eq!(
            received(&crossing(Crossing::Earlier(1)), &earlier),
            Some(None)
        );
        assert_eq!(
            received(&crossing(Crossing::Earlier(7)), &earlier),
            Some(None)
        );
        assert_eq!(received(&wasm_bindgen::JsValue::TRUE, &earlier), Some(None));
    }

    #[wasm_bindgen_test]
    fn the_browser_folds_case_as_the_standard_library_does_and_suggestions_use_it() {
        for text in [
            "",
            "Plain ASCII",
            "ÉLODIE Ångström",
            "ΟΔΥΣΣΕΥΣ",
            "İstanbul",
            "STRASSE ẞ",
            "漢字 😀",
        ] {
            assert_eq!(
                workmail_policy_www::browser::lowercase(text),
                text.to_lowercase(),
                "{text}"
            );
        }
        let users = r#"{"Users": [
            {"Id": "S-1-1-11-0001", "Email": "elodie@example.com", "DisplayName": "ÉLODIE Martin"},
            {"Id": "S-1-1-11-0002", "Email": "odysseus@example.com", "DisplayName": "ΟΔΥΣΣΕΥΣ"}
        ]}"#;
        let choices =
            workmail_policy_www::choices::Choices::of(&workmail_policy_www::loaded::load(users));
        let found = |typed: &str| -> Vec<String> {
            choices
                .user_ids(typed)
                .into_iter()
                .map(|choice| choice.value)
                .collect()
        };
        assert_eq!(found("élodie"), ["S-1-1-11-0001"]);
        assert_eq!(found("Élodie MARTIN"), ["S-1-1-11-0001"]);
        assert_eq!(found("οδυσσευς"), ["S-1-1-11-0002"]);
        assert_eq!(found("lodie m"), ["S-1-1-11-0001"]);
        assert!(found("ü").is_empty());
    }

    #[wasm_bindgen_test]
    fn a_text_is_read_from_javascript_as_string_from_reads_it() {
        let long = "{\"Name\": \"rule\"}\n".repeat(50_000);
        let texts = [
            String::new(),
            "plain".to_owned(),
            "règle — ü 漢字 😀".to_owned(),
            long,
        ];
        for text in texts {
            let js = js_sys::JsString::from(text.as_str());
            assert_eq!(workmail_policy_www::browser::text_of(&js), text);
        }
        // An unpaired surrogate becomes U+FFFD, as `String::from` makes it.
        let lone = js_sys::JsString::from_char_code(&[0x61, 0xD800, 0x62]);
        assert_eq!(
            workmail_policy_www::browser::text_of(&lone),
            String::from(&lone)
        );
        assert_eq!(workmail_policy_www::browser::text_of(&lone), "a\u{FFFD}b");
    }

    #[wasm_bindgen_test]
    async fn opens_on_the_documentation_example() {
        let page = mount("").await;
        let root = &page.root;
        assert_eq!(text(root, "acl-effect"), "DENY");
        assert_eq!(items(root, "acl-matched-rules"), ["myRule"]);
        assert!(items(root, "diagnostics").is_empty());
        let deciding = root
            .query_selector_all("[aria-label=\"Access answer\"] .rule.deciding")
            .unwrap();
        assert_eq!(deciding.length(), 1, "only myRule decides");
        assert!(
            text(root, "announcement").contains("DENY"),
            "the live region announces the answer"
        );
        let link = saved_link(root).await;
        assert!(link.contains("#v1."), "{link}");
    }

    #[wasm_bindgen_test]
    async fn answers_follow_the_questions_while_typing() {
        let page = mount("").await;
        let root = &page.root;
        type_into(
            root,
            "acl-user",
            "S-1-1-11-1111111111-2222222222-3333333333-4444",
        )
        .await;
        assert_eq!(text(root, "acl-effect"), "ALLOW");
        assert_eq!(items(root, "acl-matched-rules"), ["default"]);
        type_into(root, "acl-role", "some-role").await;
        let refusal = text(root, "acl-error");
        assert!(refusal.contains("InvalidParameterException"), "{refusal}");
        assert!(refusal.contains("not both"), "{refusal}");
        assert!(refusal.contains("D11"), "{refusal}");
    }

    #[wasm_bindgen_test]
    async fn invalid_documents_list_diagnostics_that_move_the_caret() {
        let page = mount("").await;
        let root = &page.root;
        let document = "{\n  \"AccessControlRules\": [\n    {\"Name\": \"a b\", \"Effect\": \"MAYBE\"}\n  ]\n}";
        type_into(root, "document-editor", document).await;
        let diagnostics = items(root, "diagnostics");
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
        assert!(diagnostics[0].starts_with("3:14"), "{diagnostics:?}");
        // The page keeps working: the answer is the last valid document's, marked as such.
        assert_eq!(text(root, "acl-effect"), "DENY");
        find(root, "acl-stale");
        let jump = find(root, "diagnostics")
            .query_selector("li:nth-child(2) button")
            .unwrap()
            .unwrap();
        click(&jump).await;
        let editor = find(root, "document-editor").unchecked_into::<HtmlTextAreaElement>();
        let expected = u32::try_from(document.find("\"MAYBE\"").unwrap()).unwrap();
        let caret = until(
            || editor.selection_start().unwrap(),
            |caret| *caret == Some(expected),
        )
        .await;
        assert_eq!(caret, Some(expected));
        assert_eq!(
            document_active_id().as_deref(),
            Some("editor-document"),
            "the editor has the focus"
        );
    }

    fn document_active_id() -> Option<String> {
        document().active_element().map(|element| element.id())
    }

    #[wasm_bindgen_test]
    async fn presets_load_and_answer() {
        let page = mount("").await;
        let root = &page.root;
        click(&button(root, "Read-only archiving role")).await;
        assert_eq!(text(root, "acl-effect"), "ALLOW");
        assert_eq!(text(root, "imp-effect"), "DENY");
        assert_eq!(text(root, "imp-type"), "READ_ONLY");
        let matched = items(root, "imp-matched-rules");
        assert_eq!(matched.len(), 1);
        assert!(matched[0].contains("no-executives"), "{matched:?}");
        type_into(root, "imp-target", "jane.doe").await;
        assert_eq!(text(root, "imp-effect"), "ALLOW");
        click(&button(root, "Empty rule set")).await;
        assert_eq!(text(root, "acl-effect"), "DENY");
        assert!(items(root, "acl-matched-rules").is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_mobile_question_is_asked_once_there_is_something_to_ask() {
        let page = mount("").await;
        let root = &page.root;
        // The documentation example asks about no device: nothing is loaded for it.
        assert!(text(root, "mobile-not-asked").contains("Describe a device"));
        click(&find(root, "mobile-ask-empty")).await;
        assert!(
            root.query_selector("[data-testid=\"mobile-not-asked\"]")
                .unwrap()
                .is_none()
        );
        assert!(
            root.query_selector(".mobile-answer-host")
                .unwrap()
                .is_some()
        );
        // A described device is asked at once.
        click(&button(root, "iOS 16 and later only")).await;
        assert!(
            root.query_selector(".mobile-answer-host")
                .unwrap()
                .is_some()
        );
    }

    /// What the analysis module's mobile device answer for `state` shows: its effect, its
    /// matched rules, and the text of `also` (empty when there is no such hook).
    async fn mobile_answer(state: &State, also: &str) -> (String, usize, String) {
        let (root, handle, _) = mount_view(View::MobileAnswer, state).await;
        let effect = text(&root, "mobile-effect");
        let matched = items(&root, "mobile-matched-rules").len();
        let also = root
            .query_selector(&format!("[data-testid=\"{also}\"]"))
            .unwrap()
            .and_then(|element| element.text_content())
            .unwrap_or_default();
        handle.destroy();
        root.remove();
        (effect, matched, also)
    }

    #[wasm_bindgen_test]
    async fn the_mobile_answer_is_for_the_device_and_the_users_device() {
        let mdm = State::from_preset(Preset::MdmDenyAll);
        let (effect, _, overridden) = mobile_answer(&mdm, "mobile-override").await;
        assert_eq!(effect, "ALLOW");
        assert!(
            overridden.contains("6APMEKPHCP2ND42VIJ4BR8ECDO"),
            "{overridden}"
        );
        let other = mdm.clone().apply(Action::SetMobile(
            MobileField::DeviceId,
            "OTHERPHONE".into(),
        ));
        assert_eq!(mobile_answer(&other, "").await.0, "DENY");
        assert_eq!(mobile_answer(&other, "").await.1, 1);
        let rules_only = mdm.apply(Action::SetMobile(MobileField::DeviceId, String::new()));
        assert_eq!(mobile_answer(&rules_only, "").await.0, "DENY");
        let ios = State::from_preset(Preset::Ios16AndLater);
        assert_eq!(mobile_answer(&ios, "").await.0, "DENY");
        let newer = ios.apply(Action::SetMobile(
            MobileField::DeviceOperatingSystem,
            "iOS 17.2 21C62".into(),
        ));
        assert_eq!(mobile_answer(&newer, "").await.0, "ALLOW");
        let none = newer.apply(Action::SetMobile(MobileField::DeviceModel, "$NONE".into()));
        let (_, _, warning) = mobile_answer(&none, "mobile-none-warning").await;
        assert!(warning.contains("DeviceModel"), "{warning}");
    }

    #[wasm_bindgen_test]
    async fn tabs_work_with_the_keyboard_and_parts_feed_the_document() {
        let page = mount("").await;
        let root = &page.root;
        let tab = root.query_selector("#tab-document").unwrap().unwrap();
        press(&tab, "ArrowRight").await;
        assert_eq!(document_active_id().as_deref(), Some("tab-rules"));
        assert_eq!(
            root.query_selector("#tab-rules")
                .unwrap()
                .unwrap()
                .get_attribute("aria-selected")
                .as_deref(),
            Some("true")
        );
        let rules = r#"{"Rules": [{"Name": "everyone-out", "Effect": "DENY"}]}"#;
        type_into(root, "rules-editor", rules).await;
        assert_eq!(text(root, "acl-effect"), "DENY");
        assert_eq!(items(root, "acl-matched-rules"), ["everyone-out"]);
        type_into(root, "rules-editor", r#"{"Users": []}"#).await;
        let diagnostics = items(root, "diagnostics-rules");
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].contains("Users tab"), "{diagnostics:?}");
        assert_eq!(
            items(root, "acl-matched-rules"),
            ["everyone-out"],
            "a part with errors changes nothing"
        );
    }

    #[wasm_bindgen_test]
    async fn a_share_link_restores_the_state() {
        let fragment = {
            let page = mount("").await;
            let root = &page.root;
            click(&button(root, "Office-only IMAP")).await;
            type_into(root, "acl-ip", "198.51.100.7").await;
            let link = saved_link(root).await;
            link.split_once('#').unwrap().1.to_owned()
        };
        let page = mount(&fragment).await;
        let root = &page.root;
        let ip = find(root, "acl-ip").unchecked_into::<HtmlInputElement>();
        assert_eq!(ip.value(), "198.51.100.7");
        assert_eq!(text(root, "acl-effect"), "ALLOW");
        assert!(
            root.query_selector("button[aria-pressed=\"true\"]")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
                .contains("Office-only IMAP")
        );
    }

    #[wasm_bindgen_test]
    async fn inferred_steps_open_the_semantics_page() {
        let page = mount("").await;
        let root = &page.root;
        let decided = root
            .query_selector("button.basis.decided")
            .unwrap()
            .unwrap();
        click(&decided).await;
        // The analysis module draws the page: this test page has none, and says so.
        assert!(
            root.query_selector("[data-testid=\"acl-effect\"]")
                .unwrap()
                .is_none()
        );
        let shown = until(
            || root.text_content().unwrap_or_default(),
            |text| text.contains("could not be loaded"),
        )
        .await;
        assert!(shown.contains("could not be loaded"), "{shown}");
    }

    #[wasm_bindgen_test]
    async fn the_semantics_view_shows_a_decision_and_goes_back() {
        let state = State::from_preset(Preset::AwsDocumentationExample);
        let view = View::Semantics(Some(DecisionId(Decision::D7)));
        let (root, handle, messages) = mount_view(view, &state).await;
        let focused = until(
            || document_active_id().unwrap_or_default(),
            |focused| focused == "decision-D7",
        )
        .await;
        assert_eq!(focused, "decision-D7");
        let entry = root
            .query_selector("#decision-D7")
            .unwrap()
            .and_then(|entry| entry.text_content())
            .unwrap_or_default();
        assert!(entry.contains("seven canonical"), "{entry}");
        click(&button(&root, "← Back to the playground")).await;
        assert!(
            matches!(messages.borrow().last(), Some(Message::ShowPlayground)),
            "{:?}",
            messages.borrow()
        );
        handle.destroy();
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn the_work_is_saved_in_this_browser_and_comes_back() {
        {
            let page = mount("").await;
            type_into(&page.root, "acl-ip", "198.51.100.42").await;
            assert!(saved_link(&page.root).await.contains("#v1."));
        }
        // A later visit without a link: the saved work, and a notice saying so.
        gloo::utils::window()
            .history()
            .unwrap()
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#"))
            .unwrap();
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let handle = workmail_policy_www::start(Some(root.clone())).await;
        settle().await;
        let ip = find(&root, "acl-ip").unchecked_into::<HtmlInputElement>();
        assert_eq!(ip.value(), "198.51.100.42");
        assert!(text(&root, "notice").contains("last visit"));
        handle.destroy();
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn analysis_tabs_open_a_panel_and_say_when_the_module_is_missing() {
        let page = mount("").await;
        let root = &page.root;
        assert!(root.query_selector(".analysis-root").unwrap().is_none());
        click(&find(root, "analysis-tab-table")).await;
        settle().await;
        // This test page has no analysis module (the real page loads one): the tab says so.
        assert!(
            text(root, "analysis-unavailable").contains("could not be loaded"),
            "{}",
            root.inner_html()
        );
        let tab = find(root, "analysis-tab-table");
        assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("true"));
        press(&tab, "ArrowRight").await;
        assert_eq!(document_active_id().as_deref(), Some("analysis-tab-lints"));
        click(&find(root, "analysis-close")).await;
        assert!(root.query_selector(".analysis-body").unwrap().is_none());
    }

    /// Mounts the analysis module's view of `state` directly, collecting its messages.
    async fn mount_view(
        view: View,
        state: &State,
    ) -> (Element, AppHandle<AnalysisView>, Rc<RefCell<Vec<Message>>>) {
        let messages = Rc::new(RefCell::new(Vec::new()));
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let sink = Rc::clone(&messages);
        let props = AnalysisViewProps {
            input: Rc::new(Input::of(view, state)),
            onmessage: Callback::from(move |message| sink.borrow_mut().push(message)),
        };
        let handle =
            yew::Renderer::<AnalysisView>::with_root_and_props(root.clone(), props).render();
        settle().await;
        (root, handle, messages)
    }

    #[wasm_bindgen_test]
    async fn the_decision_table_view_lists_the_classes() {
        let state = State::from_preset(Preset::OfficeOnlyImap);
        let (root, handle, _) = mount_view(View::Panel(Panel::Table), &state).await;
        let rows = find(&root, "table-access")
            .query_selector_all("tbody tr")
            .unwrap();
        assert_eq!(rows.length(), 4, "{}", root.inner_html());
        assert!(text(&root, "table-access").contains("imap-from-office-only"));
        assert!(text(&root, "table-summary").starts_with("4 rows"));
        handle.destroy();
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn the_tests_view_adds_the_question_and_reports() {
        let state = State::default().apply(Action::EditTests(String::new()));
        let (root, handle, messages) = mount_view(View::Panel(Panel::Tests), &state).await;
        click(&find(&root, "tests-add-access")).await;
        let Some(Message::EditTests(tests)) = messages.borrow().last().cloned() else {
            panic!("no tests sent: {:?}", messages.borrow())
        };
        handle.destroy();
        root.remove();
        let state = state.apply(Action::EditTests(tests));
        let (root, handle, _) = mount_view(View::Panel(Panel::Tests), &state).await;
        assert_eq!(text(&root, "tests-summary"), "1 passed, 0 failed");
        assert_eq!(items(&root, "tests-results").len(), 1);
        handle.destroy();
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn the_operations_view_runs_a_call_with_the_browsers_clock_and_randomness() {
        let state = State::default()
            .apply(Action::SelectOperation(Operation::CreateImpersonationRole))
            .apply(Action::EditRequest(
                r#"{"Name": "backup", "Type": "READ_ONLY", "Rules": []}"#.to_owned(),
            ));
        let (root, handle, messages) = mount_view(View::Panel(Panel::Operations), &state).await;
        click(&find(&root, "op-run")).await;
        click(&find(&root, "op-run")).await;
        handle.destroy();
        root.remove();
        let results: Vec<Ran> = messages
            .borrow()
            .iter()
            .filter_map(|message| match message {
                Message::OperationRan(ran) => Some(ran.clone()),
                _ => None,
            })
            .collect();
        let [first, second] = &results[..] else {
            panic!("expected two results: {:?}", messages.borrow())
        };
        let Outcome::Response { text: printed, .. } = &first.outcome.read() else {
            panic!("expected a response, got {:?}", first.outcome)
        };
        assert!(printed.contains("\"ImpersonationRoleId\""), "{printed}");
        assert_ne!(
            first.outcome, second.outcome,
            "each run draws a new role ID"
        );
        let document = first.document.clone().unwrap();
        assert!(document.contains("\"backup\""), "{document}");
        // The page takes the result; the view then shows the response as the AWS CLI prints it.
        let state = state.apply(Action::OperationRan(first.clone()));
        assert_eq!(&*state.document, document);
        let (root, handle, _) = mount_view(View::Panel(Panel::Operations), &state).await;
        assert_eq!(text(&root, "op-response"), *printed);
        handle.destroy();
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn a_lint_finding_asks_the_page_to_move_the_caret() {
        let document = "{\"AccessControlRules\": [\n  {\"Name\": \"default\", \"Effect\": \"ALLOW\"},\n  {\"Name\": \"n\", \"Effect\": \"DENY\", \"Actions\": [\"IMAP\"], \"NotActions\": [\"IMAP\"]}\n]}";
        let state = State::default().apply(Action::EditDocument(document.into()));
        let (root, handle, messages) = mount_view(View::Panel(Panel::Lints), &state).await;
        let finding = find(&root, "lint-findings")
            .query_selector("li[data-code=\"actions-all-excluded\"] button")
            .unwrap()
            .unwrap();
        click(&finding).await;
        assert!(
            matches!(messages.borrow().last(), Some(Message::Jump(3, _))),
            "{:?}",
            messages.borrow()
        );
        handle.destroy();
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn the_crash_banner_shows_the_message_as_text() {
        let _page = PageLock::take().await;
        workmail_policy_www::browser::show_crash("<b>bold</b> went wrong");
        let banner = document().get_element_by_id("crash").unwrap();
        assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
        assert_eq!(text(&banner, "crash-message"), "<b>bold</b> went wrong");
        assert!(banner.query_selector("b").unwrap().is_none());
        assert_eq!(
            document_active_id(),
            Some(String::new()),
            "the reload button (which has no ID) has the focus"
        );
        assert_eq!(
            document()
                .active_element()
                .unwrap()
                .get_attribute("data-action")
                .as_deref(),
            Some("reload")
        );
        banner.remove();
    }

    #[wasm_bindgen_test]
    async fn effect_badges_say_the_effect_in_words() {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let props = EffectBadgeProps {
            effect: Effect::Allow,
            large: true,
            testid: Some("badge".into()),
        };
        let handle =
            yew::Renderer::<EffectBadge>::with_root_and_props(root.clone(), props).render();
        settle().await;
        assert_eq!(text(&root, "badge"), "ALLOW");
        assert!(root.inner_html().contains("✓"));
        handle.destroy();
        root.remove();
    }
    #[wasm_bindgen_test]
    async fn a_replayed_request_is_asked_from_its_row_or_its_button() {
        let user = "S-1-1-11-1111111111-2222222222-3333333333-1001";
        let event = |protocol: &str, role: &str| {
            format!(
                r#"{{"event_timestamp": 1700000000000, "user_id": "{user}", "protocol": "{protocol}", "source_ip": "192.0.2.7"{role}}}"#
            )
        };
        let mut job = Job::new(Preset::ArchivingRole.document(), None).unwrap();
        job.open("audit.jsonl");
        let log = [
            event("IMAP", ""),
            event(
                "EWS",
                r#", "impersonator_id": "7d0c2b9e-4a1f-4c3b-9e8d-5f6a7b8c9d0e""#,
            ),
            "oops".to_owned(),
        ]
        .join("\n");
        job.push(log.as_bytes());
        let asked = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&asked);
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let props = ReplayResultProps {
            replayed: Rc::new(job.finish()),
            onask: Callback::from(move |questions| sink.borrow_mut().push(questions)),
            onfail: Callback::noop(),
        };
        let handle =
            yew::Renderer::<ReplayResult>::with_root_and_props(root.clone(), props).render();
        settle().await;
        assert!(
            text(&root, "replay-summary")
                .starts_with("3 events read: 2 replayed as 2 distinct requests."),
            "{}",
            root.inner_html()
        );
        assert!(text(&root, "replay-problems").starts_with("audit.jsonl:3: "));
        let rows = root
            .query_selector_all("[data-testid=\"replay-row\"]")
            .unwrap();
        assert_eq!(rows.length(), 2);
        // A click anywhere on the row, and the row's labelled button, ask the same request.
        let row: Element = rows.get(0).unwrap().dyn_into().unwrap();
        click(&row.query_selector("td:nth-child(5)").unwrap().unwrap()).await;
        let button = row.query_selector("button").unwrap().unwrap();
        assert!(
            button
                .get_attribute("aria-label")
                .unwrap()
                .starts_with("Ask "),
            "the button says what it asks"
        );
        click(&button).await;
        let asked = asked.borrow();
        assert_eq!(asked.len(), 2);
        assert_eq!(asked[0], asked[1]);
        assert_eq!(asked[0].0.ip_address, "192.0.2.7");
        handle.destroy();
        root.remove();
    }
}
