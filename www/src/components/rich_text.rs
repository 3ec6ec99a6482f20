//! Text with `backtick` spans shown as code, as the core's messages and summaries write them.

use yew::prelude::*;

/// [`RichText`]'s properties.
#[derive(Properties, PartialEq)]
pub struct RichTextProps {
    /// The text; spans between backticks become `<code>`.
    pub text: AttrValue,
}

/// Renders a message, never as HTML: every piece is a text node.
#[component]
pub fn RichText(props: &RichTextProps) -> Html {
    let pieces = props.text.split('`').enumerate().map(|(at, piece)| {
        if at % 2 == 1 {
            html! { <code>{ piece.to_owned() }</code> }
        } else {
            html! { { piece.to_owned() } }
        }
    });
    html! { <>{ for pieces }</> }
}
