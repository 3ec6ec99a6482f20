//! The parts both answers share: the verdict (effect, for whom, why, and on what basis), the
//! `MatchedRules` list as AWS returns it, and the response as the AWS CLI prints it. Plain
//! functions rather than components: they are leaves of an answer, re-rendered with it.

use workmail_policy::model::Effect;
use workmail_policy::{Basis, Decision};
use yew::prelude::*;

use super::basis_badge::BasisBadge;
use super::effect_badge::EffectBadge;
use super::rich_text::RichText;

/// What [`verdict`] shows.
pub struct Verdict<'a> {
    /// The effect.
    pub effect: Effect,
    /// The effect's test hook (`acl-effect`, `imp-effect`).
    pub testid: &'static str,
    /// Why the effect follows.
    pub reason: &'a str,
    /// What that rests on.
    pub basis: Basis,
    /// Opens the Semantics page at a decision.
    pub onshow: &'a Callback<Decision>,
}

/// The effect in large, with `who` (the request, as one line) and the reason beside it.
pub fn verdict(verdict: &Verdict<'_>, who: Html) -> Html {
    html! {
        <div class="verdict">
            <EffectBadge effect={verdict.effect} large=true testid={verdict.testid} />
            <div class="verdict-text">
                <p class="verdict-who">{ who }</p>
                <p class="verdict-reason">
                    { verdict.reason }{ " " }
                    <BasisBadge basis={verdict.basis} onshow={verdict.onshow.clone()} />
                </p>
            </div>
        </div>
    }
}

/// The `MatchedRules` heading and list (`items`, one `li` per rule in AWS's order), with a note
/// when it is empty. `testid` is the list's test hook; the heading's id is derived from it.
pub fn matched_rules(testid: &'static str, empty: bool, items: Html) -> Html {
    let heading = format!("{testid}-heading");
    html! {
        <div class="matched-block">
            <h3 id={heading.clone()}>{ "MatchedRules" }</h3>
            <ol class="matched-rules" data-testid={testid} aria-labelledby={heading}>
                { items }
            </ol>
            if empty {
                <p class="muted">{ "None: the list is empty." }</p>
            }
        </div>
    }
}

/// The response `text`, exactly as `command` (the AWS CLI command) prints it; `testid` is the
/// printed response's test hook.
pub fn response_figure(command: &'static str, testid: &'static str, text: String) -> Html {
    html! {
        <figure class="response">
            <figcaption>{ "The response, as " }<code>{ command }</code>{ " prints it" }</figcaption>
            <pre data-testid={testid}><code>{ text }</code></pre>
        </figure>
    }
}

/// The most rules an answer explains one by one. WorkMail holds at most 10 access control rules
/// and 10 mobile device access rules; a document with more loads (with a warning) and is
/// answered over all of them, but drawing thousands of explanations would hold the page for
/// seconds, so the first few are shown and the rest counted.
pub const SHOWN_RULES: usize = 50;

/// Every rule's explanation, in list order, as `item` draws it: the first [`SHOWN_RULES`], and
/// a line counting the others (`testid` is the line's test hook).
pub fn every_rule<T>(rules: &[T], item: impl Fn(&T) -> Html, testid: &'static str) -> Html {
    let hidden = rules.len().saturating_sub(SHOWN_RULES);
    html! {
        <>
            <ol class="rules">{ for rules.iter().take(SHOWN_RULES).map(item) }</ol>
            if hidden > 0 {
                <p class="more-rules" data-testid={testid}>
                    { format!("… and {hidden} more {}, not explained here: the answer above covers every one.",
                              if hidden == 1 { "rule" } else { "rules" }) }
                </p>
            }
        </>
    }
}

/// A rule's outcome in its heading: whether it matched, and whether it is one of the rules in
/// `MatchedRules` (the deciding ones).
pub fn rule_outcome(matched: bool, deciding: bool) -> Html {
    let (verdict, symbol) = if matched {
        (" matched", "✓")
    } else {
        (" did not match", "✗")
    };
    html! {
        <>
            <span class="rule-verdict"><span aria-hidden="true">{ symbol }</span>{ verdict }</span>
            if deciding {
                <span class="deciding-tag">{ "★ Deciding: in MatchedRules" }</span>
            }
        </>
    }
}

/// One checked condition of a rule: its list's name, whether it holds, what was found (rich
/// text) and the basis of that step.
pub fn condition_item(
    name: &'static str,
    holds: bool,
    finding: String,
    basis: Basis,
    onshow: &Callback<Decision>,
) -> Html {
    let (class, verdict) = if holds {
        ("holds", "holds")
    } else {
        ("fails", "fails")
    };
    html! {
        <li class={classes!("condition", class)}>
            <code class="condition-name">{ name }</code>
            <span class="condition-verdict"><span aria-hidden="true">{ if holds { "✓ " } else { "✗ " } }</span>{ verdict }</span>
            <span class="condition-finding"><RichText text={finding} /></span>
            <BasisBadge basis={basis} onshow={onshow.clone()} />
        </li>
    }
}
