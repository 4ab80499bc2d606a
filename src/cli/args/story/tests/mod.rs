use crate::domain::fields::FIELDS;

/// `edit` has the flags the table of fields gives its fields, and no other: a field given a
/// flag in the table and not here (or a flag added here and not to the table) fails.
#[test]
fn edit_flags_are_the_field_tables() {
    let cli = <super::super::Cli as clap::CommandFactory>::command();
    let edit = cli.find_subcommand("edit").expect("edit");
    let mut here: Vec<&str> =
        edit.get_arguments().filter(|a| !a.is_global_set()).filter_map(|a| a.get_long()).collect();
    let mut table: Vec<&str> =
        FIELDS.iter().filter_map(|s| s.flag).flat_map(|f| std::iter::once(f.set).chain(f.clear)).collect();
    here.sort_unstable();
    table.sort_unstable();
    assert_eq!(here, table, "edit's flags and the fields' flags in domain::fields::FIELDS differ");
}
