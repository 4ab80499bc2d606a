use super::agent_name;

#[test]
fn an_agent_is_named_by_its_client_as_a_short_word() {
    assert_eq!(agent_name(Some("claude-code")), "agent:claude-code");
    assert_eq!(agent_name(Some("Claude Code")), "agent:claude-code");
    assert_eq!(agent_name(Some("evil\u{1b}[2Jname\u{202e}")), "agent:evil2jname");
    assert_eq!(agent_name(Some("   ")), "agent:unknown");
    assert_eq!(agent_name(None), "agent:unknown");
    assert_eq!(agent_name(Some(&"x".repeat(500))).len(), "agent:".len() + 40);
}
