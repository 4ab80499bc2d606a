use super::*;

#[test]
fn configured_colours_and_problems() {
    let cfg = ThemeConfig { accent: Some("magenta".into()), warn: Some("nope".into()), ..ThemeConfig::default() };
    let (t, problems) = Theme::from_config(Some(&cfg), false);
    assert_eq!(t.accent, Color::Magenta);
    assert_eq!(t.warn, Theme::default().warn);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "warn");
    assert!(problems[0].1.contains("theme.warn"));
}

#[test]
fn no_color_uses_no_colour_at_all() {
    let (t, _) = Theme::from_config(None, true);
    for style in [t.accent(), t.muted(), t.warn(), t.blocked(), t.selected(), t.focused(), t.tab(true)] {
        assert_eq!(style.fg, None);
        assert_eq!(style.bg, None);
    }
    assert!(t.selected().add_modifier.contains(Modifier::REVERSED));
}
