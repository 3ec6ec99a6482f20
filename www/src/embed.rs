//! Embedding the playground in documentation pages: the `?embed=1` view and its iframe snippet.

/// How the page was opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Embedding {
    /// `?embed=1`: the compact view for documentation pages.
    pub embedded: bool,
    /// `?edit=1` with `embed=1`: the host lets readers edit the document.
    pub editable: bool,
}

impl Embedding {
    /// Reads the page's query string (with or without `?`).
    pub fn from_query(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let flag = |name: &str| {
            query.split('&').any(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, "1"));
                key == name && matches!(value, "1" | "true" | "yes")
            })
        };
        let embedded = flag("embed");
        Self {
            embedded,
            editable: embedded && flag("edit"),
        }
    }

    /// Whether the document editors take input.
    pub const fn can_edit(self) -> bool {
        !self.embedded || self.editable
    }
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The address an iframe embeds: the page (without query or fragment), `embed=1`, `edit=1`
/// when readers may edit, and the state's fragment.
pub fn embed_url(page: &str, fragment: &str, editable: bool) -> String {
    let page = page.split(['?', '#']).next().unwrap_or(page);
    let edit = if editable { "&edit=1" } else { "" };
    format!("{page}?embed=1{edit}#{fragment}")
}

/// The full playground's address with a state: what an embedded view links to.
pub fn full_url(page: &str, fragment: &str) -> String {
    let page = page.split(['?', '#']).next().unwrap_or(page);
    format!("{page}#{fragment}")
}

/// The HTML snippet that embeds the playground with a state.
pub fn iframe_snippet(page: &str, fragment: &str, editable: bool) -> String {
    let src = escape_attribute(&embed_url(page, fragment, editable));
    format!(
        "<iframe src=\"{src}\" title=\"WorkMail access control playground\" width=\"100%\" height=\"640\" loading=\"lazy\" style=\"border: 1px solid #c8ccd4; border-radius: 8px;\"></iframe>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_says_how_the_page_is_embedded() {
        assert_eq!(Embedding::from_query(""), Embedding::default());
        assert!(Embedding::from_query("").can_edit());
        let embedded = Embedding::from_query("?embed=1");
        assert!(embedded.embedded && !embedded.editable && !embedded.can_edit());
        let editable = Embedding::from_query("?x=2&embed=true&edit=1");
        assert!(editable.embedded && editable.editable && editable.can_edit());
        assert!(!Embedding::from_query("?edit=1").editable);
        assert!(!Embedding::from_query("?embed=0").embedded);
    }

    #[test]
    fn the_snippet_embeds_the_state() {
        let snippet = iframe_snippet("https://example.com/play/?embed=1#v1.old", "v1.abc", true);
        assert!(
            snippet
                .starts_with("<iframe src=\"https://example.com/play/?embed=1&amp;edit=1#v1.abc\"")
        );
        assert!(snippet.contains("title=\"WorkMail access control playground\""));
        let read_only = iframe_snippet("https://example.com/", "v1.abc", false);
        assert!(read_only.contains("src=\"https://example.com/?embed=1#v1.abc\""));
    }

    #[test]
    fn an_embedded_view_links_to_the_full_playground() {
        assert_eq!(
            full_url("https://example.com/play/?embed=1&edit=1", "v1.abc"),
            "https://example.com/play/#v1.abc"
        );
    }
}
