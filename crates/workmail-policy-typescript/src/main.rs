//! Prints one of the npm package's generated declaration files (`types.d.ts` or
//! `analysis.d.ts`), named by the only argument. `cargo xtask types` runs it.

use std::process::ExitCode;

use workmail_policy_typescript::DeclarationFile;

fn main() -> ExitCode {
    let names = DeclarationFile::ALL
        .map(DeclarationFile::file_name)
        .join(" or ");
    let mut args = std::env::args().skip(1);
    match (
        args.next()
            .as_deref()
            .and_then(DeclarationFile::from_file_name),
        args.next(),
    ) {
        (Some(file), None) => {
            print!("{}", file.generate());
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: workmail-policy-typescript FILE, where FILE is {names}");
            ExitCode::FAILURE
        }
    }
}
