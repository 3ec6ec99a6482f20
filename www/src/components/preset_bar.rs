//! The organizations to start from.

use yew::prelude::*;

use super::rich_text::RichText;
use crate::presets::Preset;

/// [`PresetBar`]'s properties.
#[derive(Properties, PartialEq)]
pub struct PresetBarProps {
    /// The preset the document still is, if any.
    pub current: Option<Preset>,
    /// Loads a preset.
    pub onload: Callback<Preset>,
}

/// One button per preset; the current one is pressed and described.
#[component]
pub fn PresetBar(props: &PresetBarProps) -> Html {
    let buttons = Preset::ALL.into_iter().map(|preset| {
        let onclick = props.onload.reform(move |_: MouseEvent| preset);
        let pressed = if props.current == Some(preset) {
            "true"
        } else {
            "false"
        };
        html! {
            <button type="button" class="preset" aria-pressed={pressed} {onclick}
                    title={preset.description().replace('`', "")}>
                { preset.title() }
            </button>
        }
    });
    html! {
        <section class="presets" aria-labelledby="presets-heading">
            <h2 id="presets-heading">{ "Start from" }</h2>
            <div class="preset-buttons">{ for buttons }</div>
            <p class="preset-description">
                if let Some(preset) = props.current {
                    <RichText text={preset.description()} />
                } else {
                    { "Your own organization. Paste AWS CLI output into the editors below." }
                }
            </p>
        </section>
    }
}
