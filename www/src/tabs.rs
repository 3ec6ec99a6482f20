//! What is on show: the editor tab and the analysis panel, both kept in the share link.

use serde::{Deserialize, Serialize};

use crate::parts::Part;

/// The editor on show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tab {
    /// The whole organization document.
    #[default]
    Document,
    /// One part of it.
    Rules,
    /// One part of it.
    Roles,
    /// One part of it.
    Users,
    /// One part of it: the mobile device access rules.
    Mobile,
    /// One part of it: the mobile device access overrides.
    Overrides,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Self; 6] = [
        Self::Document,
        Self::Rules,
        Self::Roles,
        Self::Users,
        Self::Mobile,
        Self::Overrides,
    ];

    /// The part the tab edits (`None` for the whole document).
    pub const fn part(self) -> Option<Part> {
        match self {
            Self::Document => None,
            Self::Rules => Some(Part::Rules),
            Self::Roles => Some(Part::Roles),
            Self::Users => Some(Part::Users),
            Self::Mobile => Some(Part::Mobile),
            Self::Overrides => Some(Part::Overrides),
        }
    }

    /// The tab label.
    pub const fn title(self) -> &'static str {
        match self.part() {
            None => "Document",
            Some(part) => part.title(),
        }
    }

    /// A stable identifier for element IDs.
    pub const fn slug(self) -> &'static str {
        match self.part() {
            None => "document",
            Some(part) => part.slug(),
        }
    }
}

/// An analysis panel. Only the panel on show is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Panel {
    /// The exact decision table.
    Table,
    /// Lints of the document.
    Lints,
    /// The difference from an old version.
    Compare,
    /// Saved tests.
    Tests,
    /// Any of the operations, run against the document.
    Operations,
    /// Audit logs replayed against the document.
    Replay,
}

impl Panel {
    /// Every panel, in the order of the tabs.
    pub const ALL: [Self; 6] = [
        Self::Table,
        Self::Lints,
        Self::Compare,
        Self::Tests,
        Self::Operations,
        Self::Replay,
    ];

    /// The tab label.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Table => "Decision table",
            Self::Lints => "Lints",
            Self::Compare => "Compare with…",
            Self::Tests => "Tests",
            Self::Operations => "Operations",
            Self::Replay => "Replay logs",
        }
    }

    /// A stable identifier for element IDs.
    pub const fn slug(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Lints => "lints",
            Self::Compare => "compare",
            Self::Tests => "tests",
            Self::Operations => "operations",
            Self::Replay => "replay",
        }
    }
}
