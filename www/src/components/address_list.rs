//! A set of source addresses in a table cell: `any IP`, `any IP except …` or the networks, long
//! lists shortened until asked for.

use ipnet::Ipv4Net;
use workmail_policy::analysis::AddressSet;
use yew::prelude::*;

/// How many networks a cell shows before "and N more".
const SHOWN: usize = 6;

/// [`AddressList`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AddressListProps {
    /// The addresses.
    pub addresses: AddressSet,
}

/// The cell's content: the core's [`AddressSet`], each network in code.
#[component]
pub fn AddressList(props: &AddressListProps) -> Html {
    let expanded = use_state(|| false);
    let nets = |nets: &[Ipv4Net]| {
        let all = *expanded || nets.len() <= SHOWN;
        let shown = if all { nets.len() } else { SHOWN - 1 };
        let items = nets
            .iter()
            .take(shown)
            .map(|net| html! { <li><code>{ net.to_string() }</code></li> });
        let toggle = {
            let expanded = expanded.clone();
            Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
        };
        let rest = nets.len().saturating_sub(shown);
        html! {
            <>
                <ul class="inline-list">{ for items }</ul>
                if rest > 0 {
                    <button type="button" class="quiet more" onclick={toggle.clone()}
                            aria-expanded="false">{ format!("and {rest} more") }</button>
                } else if nets.len() > SHOWN {
                    <button type="button" class="quiet more" onclick={toggle}
                            aria-expanded="true">{ "show fewer" }</button>
                }
            </>
        }
    };
    match &props.addresses {
        AddressSet::Any | AddressSet::Nothing => html! { { props.addresses.to_string() } },
        AddressSet::AnyExcept(list) => html! { <>{ "any IP except " }{ nets(list) }</> },
        AddressSet::Only(list) => nets(list),
    }
}
