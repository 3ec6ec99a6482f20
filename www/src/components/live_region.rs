//! The ARIA live region that announces the answers to screen readers.

use yew::prelude::*;

/// [`LiveRegion`]'s properties.
#[derive(Properties, PartialEq)]
pub struct LiveRegionProps {
    /// What to announce.
    pub text: AttrValue,
}

/// A visually hidden, polite status region.
#[component]
pub fn LiveRegion(props: &LiveRegionProps) -> Html {
    html! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"
             data-testid="announcement">
            { props.text.clone() }
        </div>
    }
}
