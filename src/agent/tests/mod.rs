use super::tools::TOOLS;

/// The README's table of tools is the table of tools: every tool in it, and no other.
#[test]
fn the_readme_lists_every_tool_and_no_other() {
    let readme = include_str!("../../../README.md");
    let section = readme.split("## The board for agents (MCP)").nth(1).and_then(|s| s.split("\n## ").next());
    let Some(section) = section else { panic!("the README has no section on the board for agents") };
    let listed: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| {
            l.split('|').nth(1).unwrap_or("").split(',').map(|n| n.trim().trim_matches('`')).collect::<Vec<_>>()
        })
        .collect();
    let tools: Vec<&str> = TOOLS.iter().map(|t| t.name).collect();
    assert_eq!(listed, tools);
}
