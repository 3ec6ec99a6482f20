//! The scrolling, captioned table every analysis result is shown in.

use yew::prelude::*;

/// A table with the test hook `testid`, a caption, one column header per `headers` entry and
/// `rows` (its `tr`s).
pub fn analysis_table(
    testid: &'static str,
    caption: &'static str,
    headers: &[&'static str],
    rows: Html,
) -> Html {
    html! {
        <div class="table-scroll">
            <table class="analysis-table" data-testid={testid}>
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        { for headers.iter().map(|header| html! { <th scope="col">{ *header }</th> }) }
                    </tr>
                </thead>
                <tbody>{ rows }</tbody>
            </table>
        </div>
    }
}
