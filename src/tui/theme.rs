//! Colours, from the configuration's `theme`, or none at all under `NO_COLOR`. Without colour
//! the selection stays visible by reverse video, and warnings by bold text.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeConfig;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub accent: Color,
    pub warn: Color,
    pub blocked: Color,
    pub muted: Color,
    pub selected_bg: Color,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            color: true,
            accent: Color::Cyan,
            warn: Color::Yellow,
            blocked: Color::Red,
            muted: Color::DarkGray,
            selected_bg: Color::Blue,
        }
    }
}

impl Theme {
    pub fn no_color() -> Theme {
        Theme { color: false, ..Theme::default() }
    }

    /// The configured theme; a colour that does not parse is reported and the default kept.
    /// The theme the configuration asks for; each colour that cannot be used, as the field it
    /// is in and what is wrong.
    pub fn from_config(config: Option<&ThemeConfig>, no_color: bool) -> (Theme, Vec<(&'static str, String)>) {
        let mut theme = if no_color { Theme::no_color() } else { Theme::default() };
        let mut problems = Vec::new();
        if let Some(c) = config {
            for (name, value, slot) in [
                ("accent", &c.accent, &mut theme.accent),
                ("warn", &c.warn, &mut theme.warn),
                ("blocked", &c.blocked, &mut theme.blocked),
                ("muted", &c.muted, &mut theme.muted),
                ("selected", &c.selected, &mut theme.selected_bg),
            ] {
                if let Some(v) = value {
                    match Color::from_str(v) {
                        Ok(color) => *slot = color,
                        Err(_) => problems
                            .push((name, format!("theme.{name}: {v:?} is not a colour (try \"cyan\" or \"#ff8800\")"))),
                    }
                }
            }
        }
        (theme, problems)
    }

    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn accent(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn muted(&self) -> Style {
        if self.color { self.fg(self.muted) } else { Style::new().add_modifier(Modifier::DIM) }
    }

    pub fn warn(&self) -> Style {
        self.fg(self.warn).add_modifier(Modifier::BOLD)
    }

    pub fn blocked(&self) -> Style {
        self.fg(self.blocked).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(self.blocked).add_modifier(Modifier::BOLD)
    }

    /// The selected card or row.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().bg(self.selected_bg).fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The frame of the focused column or pane.
    pub fn focused(&self) -> Style {
        if self.color { self.fg(self.accent) } else { Style::new().add_modifier(Modifier::BOLD) }
    }

    pub fn tab(&self, current: bool) -> Style {
        match (current, self.color) {
            (true, true) => Style::new().fg(Color::Black).bg(self.accent).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (false, _) => Style::new(),
        }
    }
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, as no-color.org says).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests;
