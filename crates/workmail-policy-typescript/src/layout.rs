//! Lays ts-rs's declarations out as a person would write them.
//!
//! ts-rs writes a declaration on as few lines as it can, except that each member's docs and the
//! member start lines of their own, unindented. This reads its output back as objects, members
//! and docs, then writes an object on one line when it is short and undocumented, and otherwise
//! one member a line, indented by two spaces a level. The docs leave out Rust examples (fenced
//! code): they show the Rust API.

/// The longest object written on one line (after its member's name and indentation).
const MAX_INLINE: usize = 64;

/// The longest declaration written on one line (100 columns with `export `); a longer union
/// gets one alternative a line.
const MAX_LINE: usize = 93;

/// The declaration `type Name = …;`, laid out.
pub(super) fn declaration(decl: &str) -> String {
    let mut tokens = tokens(decl).into_iter();
    let mut top = Member::default();
    while let Some(token) = tokens.next() {
        match token {
            Token::Open => top.pieces.push(Piece::Object(object(&mut tokens))),
            Token::Comma => top.push_text(","),
            Token::Text(text) => top.push_text(text),
            Token::Doc(_) | Token::Close => {}
        }
    }
    let rendered = render(&top.pieces, 0);
    if !rendered.contains('\n') && rendered.len() <= MAX_LINE {
        return rendered;
    }
    objects_one_a_line(&top.pieces)
        .or_else(|| one_alternative_a_line(&rendered))
        .unwrap_or(rendered)
}

/// A union of object types (`type E = {…} | {…};`, or one that ts-rs flattens into another,
/// `type C = {…} & ({…} | {…});`) with each alternative after `  | ` on a line of its own, when
/// the union does not fit on one line. `None` for a declaration without such a union.
fn objects_one_a_line(pieces: &[Piece]) -> Option<String> {
    let is_bar = |piece: &Piece| matches!(piece, Piece::Text(text) if text.trim() == "|");
    // The union starts at the first object after a `=` or a `(` that a `|` follows.
    let start = pieces.iter().enumerate().position(|(at, piece)| {
        matches!(piece, Piece::Object(_))
            && pieces.get(at + 1).is_some_and(is_bar)
            && at
                .checked_sub(1)
                .and_then(|before| pieces.get(before))
                .is_some_and(|before| {
                    matches!(before, Piece::Text(text) if text.trim_end().ends_with(['=', '(']))
                })
    })?;
    let mut alternatives = Vec::new();
    let mut at = start;
    while let Some(Piece::Object(members)) = pieces.get(at) {
        alternatives.push(members);
        if !pieces.get(at + 1).is_some_and(is_bar) {
            break;
        }
        at += 2;
    }
    let inline: Vec<String> = alternatives
        .iter()
        .map(|members| render_object(members, 0))
        .collect();
    let fits = inline.join(" | ").len() <= MAX_INLINE && !inline.concat().contains('\n');
    if alternatives.len() < 2 || fits {
        return None;
    }
    let before = render(pieces.get(..start)?, 0);
    let after = render(pieces.get(at + 1..)?, 0);
    let mut out = before.clone();
    for members in alternatives {
        out.push_str("\n  | ");
        out.push_str(&render_object(members, 2));
    }
    if before.ends_with('(') {
        out.push('\n');
    }
    out.push_str(&after);
    Some(out)
}

/// `type Name =` then `  | Alternative` lines, for a one-line union declaration.
fn one_alternative_a_line(declaration: &str) -> Option<String> {
    let (name, union) = declaration.split_once(" = ")?;
    let union = union.strip_suffix(';')?;
    let mut alternatives = Vec::new();
    let mut depth = 0_usize;
    let mut start = 0;
    for (at, c) in union.char_indices() {
        match c {
            '{' | '(' | '<' => depth += 1,
            '}' | ')' | '>' => depth = depth.saturating_sub(1),
            '|' if depth == 0 => {
                alternatives.push(union.get(start..at)?.trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    alternatives.push(union.get(start..)?.trim());
    if alternatives.len() < 2 {
        return None;
    }
    let lines: Vec<String> = alternatives
        .iter()
        .map(|alternative| format!("\n  | {alternative}"))
        .collect();
    Some(format!("{name} ={};", lines.concat()))
}

/// A doc comment, indented `depth` levels: `/** text */` for one line, else one ` * ` line per
/// line of text. Empty when only examples were documented.
pub(super) fn docs(comment: &str, depth: usize) -> String {
    let indent = indent(depth);
    let body = comment
        .trim()
        .trim_start_matches("/**")
        .trim_end_matches("*/");
    let mut lines = Vec::new();
    let mut in_example = false;
    for line in body.lines() {
        let line = line.trim_start();
        let line = line.strip_prefix('*').unwrap_or(line);
        let line = line.strip_prefix(' ').unwrap_or(line).trim_end();
        if line.starts_with("```") {
            in_example = !in_example;
        } else if !in_example {
            lines.push(unlinked(line));
        }
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    match lines.as_slice() {
        [] => String::new(),
        [line] => format!("{indent}/** {line} */\n"),
        lines => {
            let mut out = format!("{indent}/**\n");
            for line in lines {
                let space = if line.is_empty() { "" } else { " " };
                out.push_str(&format!("{indent} *{space}{line}\n"));
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

/// `line` with rustdoc's links to Rust items (``[`Action::ALL`]``) made plain code spans.
fn unlinked(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("[`") {
        let Some((before, link)) = rest.split_at_checked(start) else {
            break;
        };
        out.push_str(before);
        let Some((code, after)) = link
            .find("`]")
            .and_then(|end| link.split_at_checked(end + 1))
        else {
            rest = link;
            break;
        };
        out.push_str(code.trim_start_matches('['));
        rest = after.strip_prefix(']').unwrap_or(after);
    }
    out.push_str(rest);
    out
}

/// A piece of ts-rs's output.
#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    /// `/** … */`
    Doc(&'a str),
    /// `{`
    Open,
    /// `}`
    Close,
    /// `,`
    Comma,
    /// Anything else (a string literal is text, whatever it holds).
    Text(&'a str),
}

fn tokens(mut rest: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    while let Some(first) = rest.chars().next() {
        let len = if rest.starts_with("/**") {
            rest.find("*/").map_or(rest.len(), |end| end + 2)
        } else if first == '"' {
            rest.get(1..)
                .and_then(|after| after.find('"'))
                .map_or(rest.len(), |end| end + 2)
        } else if matches!(first, '{' | '}' | ',') {
            1
        } else {
            let special = rest.find(['{', '}', ',', '"']).unwrap_or(rest.len());
            rest.find("/**").map_or(special, |doc| doc.min(special))
        };
        let Some((piece, tail)) = rest.split_at_checked(len.max(first.len_utf8())) else {
            break;
        };
        tokens.push(match piece {
            "{" => Token::Open,
            "}" => Token::Close,
            "," => Token::Comma,
            doc if doc.starts_with("/**") => Token::Doc(doc),
            text => Token::Text(text),
        });
        rest = tail;
    }
    tokens
}

/// Text or an object literal type.
#[derive(Debug)]
enum Piece {
    Text(String),
    Object(Vec<Member>),
}

/// A member of an object type, or a whole declaration: its docs, then its pieces.
#[derive(Debug, Default)]
struct Member {
    docs: Vec<String>,
    pieces: Vec<Piece>,
    /// How deep in `<…>` the text so far is: a comma there separates type arguments.
    angles: usize,
}

impl Member {
    fn push_text(&mut self, text: &str) {
        self.angles =
            (self.angles + text.matches('<').count()).saturating_sub(text.matches('>').count());
        if let Some(Piece::Text(last)) = self.pieces.last_mut() {
            last.push_str(text);
        } else {
            self.pieces.push(Piece::Text(text.to_owned()));
        }
    }

    fn is_empty(&self) -> bool {
        self.docs.is_empty()
            && self.pieces.iter().all(|piece| match piece {
                Piece::Text(text) => text.trim().is_empty(),
                Piece::Object(_) => false,
            })
    }
}

/// The members of an object type, read up to its closing brace.
fn object<'a>(tokens: &mut impl Iterator<Item = Token<'a>>) -> Vec<Member> {
    let mut members = Vec::new();
    let mut member = Member::default();
    while let Some(token) = tokens.next() {
        match token {
            Token::Doc(doc) => member.docs.push(doc.to_owned()),
            Token::Open => member.pieces.push(Piece::Object(object(tokens))),
            Token::Close => break,
            Token::Comma if member.angles == 0 => {
                members.push(std::mem::take(&mut member));
            }
            Token::Comma => member.push_text(","),
            Token::Text(text) => member.push_text(text),
        }
    }
    members.push(member);
    members.retain(|member| !member.is_empty());
    members
}

fn render(pieces: &[Piece], depth: usize) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(&squeeze(text)),
            Piece::Object(members) => out.push_str(&render_object(members, depth)),
        }
    }
    out.trim().to_owned()
}

fn render_object(members: &[Member], depth: usize) -> String {
    if members.is_empty() {
        return "{}".to_owned();
    }
    let inline = members
        .iter()
        .map(|member| render(&member.pieces, depth))
        .collect::<Vec<_>>()
        .join("; ");
    let one_line = format!("{{ {inline} }}");
    let documented = members.iter().any(|member| !member.docs.is_empty());
    if !documented && !one_line.contains('\n') && one_line.len() <= MAX_INLINE {
        return one_line;
    }
    let mut out = String::from("{\n");
    for member in members {
        for doc in &member.docs {
            out.push_str(&docs(doc, depth + 1));
        }
        out.push_str(&indent(depth + 1));
        out.push_str(&render(&member.pieces, depth + 1));
        out.push_str(";\n");
    }
    out.push_str(&indent(depth));
    out.push('}');
    out
}

/// `text` with each run of white space made one space.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_members_go_one_a_line() {
        let decl = "type Rule = { \n/**\n * The name.\n */\nName: string, \n/**\n * When.\n */\nDateCreated?: Timestamp, };";
        assert_eq!(
            declaration(decl),
            "type Rule = {\n  /** The name. */\n  Name: string;\n  /** When. */\n  DateCreated?: Timestamp;\n};"
        );
    }

    #[test]
    fn short_undocumented_objects_stay_on_one_line() {
        assert_eq!(
            declaration("type A = { Code: ErrorCode, Message: string, };"),
            "type A = { Code: ErrorCode; Message: string };"
        );
        assert_eq!(
            declaration("type E = Record<string, never>;"),
            "type E = Record<string, never>;"
        );
        assert_eq!(declaration("type N = {};"), "type N = {};");
    }

    #[test]
    fn long_unions_get_one_alternative_a_line() {
        let decl = format!("type D = {};", ["\"D10\""; 20].join(" | "));
        let laid_out = declaration(&decl);
        assert!(
            laid_out.starts_with("type D =\n  | \"D10\"\n  | \"D10\"\n"),
            "{laid_out}"
        );
        assert!(laid_out.ends_with("\n  | \"D10\";"), "{laid_out}");
        assert_eq!(laid_out.lines().count(), 21);
    }

    #[test]
    fn long_unions_of_objects_get_one_alternative_a_line() {
        let decl = "type E = { \"Edit\": \"Add\", \n/**\n * The rule.\n */\nRule: string, } | { \"Edit\": \"Remove\" };";
        assert_eq!(
            declaration(decl),
            "type E =\n  | {\n      \"Edit\": \"Add\";\n      /** The rule. */\n      Rule: string;\n    }\n  | { \"Edit\": \"Remove\" };"
        );
        let flattened = "type C = { \n/**\n * Whether.\n */\nHolds: boolean, } & ({ \"Finding\": \"None\" } | { \"Finding\": \"In\", \n/**\n * Where.\n */\nRange: string, });";
        assert_eq!(
            declaration(flattened),
            "type C = {\n  /** Whether. */\n  Holds: boolean;\n} & (\n  | { \"Finding\": \"None\" }\n  | {\n      \"Finding\": \"In\";\n      /** Where. */\n      Range: string;\n    }\n);"
        );
    }

    #[test]
    fn flattened_unions_keep_their_operators() {
        let decl = "type C = { \n/**\n * Whether.\n */\nHolds: boolean, } & ({ \"Finding\": \"None\" } | { \"Finding\": \"In\", Range: string, });";
        assert_eq!(
            declaration(decl),
            "type C = {\n  /** Whether. */\n  Holds: boolean;\n} & ({ \"Finding\": \"None\" } | { \"Finding\": \"In\"; Range: string });"
        );
    }

    #[test]
    fn docs_leave_out_rust_examples() {
        let comment = "/**\n * An instant.\n *\n * ```\n * let x = 1;\n * ```\n */\n";
        assert_eq!(docs(comment, 1), "  /** An instant. */\n");
        assert_eq!(
            docs("/**\n * One.\n *\n * Two.\n */", 0),
            "/**\n * One.\n *\n * Two.\n */\n"
        );
        assert_eq!(docs("/**\n * ```\n * x\n * ```\n */", 0), "");
    }

    #[test]
    fn docs_link_no_rust_items() {
        assert_eq!(
            docs(
                "/**\n * In the order of [`Action::ALL`], see [`diff`] and `[x]`.\n */",
                0
            ),
            "/** In the order of `Action::ALL`, see `diff` and `[x]`. */\n"
        );
    }
}
