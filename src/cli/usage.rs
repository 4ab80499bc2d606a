//! A usage error made clearer: where an option that does not apply to the command typed does
//! apply, found in the command tree the manual is built from.

/// A usage error, with a word on where an option that does not apply here does apply:
/// `report velocity --epic X` says that `--epic` is an option of `report forecast`. Among the
/// commands next to the one typed first (the other reports), else anywhere.
pub fn explain(mut err: clap::Error, argv: &[String]) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::UnknownArgument {
        return err;
    }
    let Some(ContextValue::String(arg)) = err.get(ContextKind::InvalidArg) else { return err };
    let flag = arg.split('=').next().unwrap_or(arg).to_owned();
    let Some(long) = flag.strip_prefix("--") else { return err };
    // The commands typed: the deepest one whose path the arguments spell.
    let root = super::manual::built_command();
    let mut typed: Vec<String> = Vec::new();
    let mut at = &root;
    for word in argv.iter().skip(1) {
        if let Some(sub) = at.find_subcommand(word) {
            typed.push(sub.get_name().to_owned());
            at = sub;
        }
    }
    let parent = typed.split_last().map(|(_, p)| p.join(" ")).unwrap_or_default();
    let takes = |c: &clap::Command| c.get_arguments().any(|a| a.get_long() == Some(long) && !a.is_hide_set());
    let with: Vec<String> = super::manual::pages()
        .into_iter()
        .filter(|(_, c)| takes(c))
        .filter_map(|(_, c)| c.get_bin_name().and_then(|n| n.strip_prefix("sprintboard ")).map(str::to_owned))
        .collect();
    let near: Vec<String> =
        with.iter().filter(|n| !parent.is_empty() && n.starts_with(&format!("{parent} "))).cloned().collect();
    let list = if near.is_empty() { with } else { near };
    if list.is_empty() {
        return err;
    }
    let note = format!("{flag} applies to: {}", list.join(", "));
    err.insert(ContextKind::Suggested, ContextValue::StyledStrs(vec![note.into()]));
    err
}
