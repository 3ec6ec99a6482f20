//! One lint's documentation: what it finds, why that matters, an example and the fix.

use workmail_policy::analysis::LintRule;
use yew::prelude::*;

use super::rich_text::RichText;

/// [`LintRuleDoc`]'s properties.
#[derive(Properties)]
pub struct LintRuleDocProps {
    /// The lint.
    pub rule: &'static LintRule,
}

impl PartialEq for LintRuleDocProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.rule, other.rule)
    }
}

/// The documentation, as the command-line tool's `--help` gives it.
#[component]
pub fn LintRuleDoc(props: &LintRuleDocProps) -> Html {
    let rule = props.rule;
    html! {
        <div class="lint-doc" data-lint={rule.code()}>
            <p class="lint-title"><RichText text={rule.title()} /></p>
            <dl>
                <dt>{ "What" }</dt>
                <dd><RichText text={rule.what()} /></dd>
                <dt>{ "Why" }</dt>
                <dd><RichText text={rule.why()} /></dd>
                <dt>{ "Example" }</dt>
                <dd><pre><code>{ rule.example() }</code></pre></dd>
                <dt>{ "Fix" }</dt>
                <dd><RichText text={rule.fix()} /></dd>
            </dl>
        </div>
    }
}
