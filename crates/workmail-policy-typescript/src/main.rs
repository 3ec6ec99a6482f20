//! Prints one of the generated files, named by the only argument: the npm package's
//! declaration files (`types.d.ts`, `analysis.d.ts`) or the core's JSON Schemas
//! (`organization.schema.json`, `tests.schema.json`). `cargo xtask types` runs it.

use std::process::ExitCode;

use workmail_policy::schema::SchemaFile;
use workmail_policy_typescript::DeclarationFile;

fn main() -> ExitCode {
    let names = DeclarationFile::ALL
        .map(DeclarationFile::file_name)
        .into_iter()
        .chain(SchemaFile::ALL.map(SchemaFile::file_name))
        .collect::<Vec<_>>()
        .join(", ");
    let mut args = std::env::args().skip(1);
    let text = match (args.next(), args.next()) {
        (Some(name), None) => DeclarationFile::from_file_name(&name)
            .map(DeclarationFile::generate)
            .or_else(|| SchemaFile::from_file_name(&name).map(SchemaFile::text)),
        _ => None,
    };
    match text {
        Some(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("usage: workmail-policy-typescript FILE, where FILE is one of {names}");
            ExitCode::FAILURE
        }
    }
}
