//! A Trello board export (board menu → Print, export and share → JSON), or one card's export.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Export, Progress, Record, Skipped, nonempty};

#[derive(Deserialize)]
struct Board {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    lists: Vec<List>,
    #[serde(default)]
    cards: Vec<Card>,
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    labels: Vec<Label>,
    #[serde(default)]
    checklists: Vec<Checklist>,
}

#[derive(Deserialize)]
struct List {
    id: String,
    name: String,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    pos: f64,
}

#[derive(Deserialize)]
struct Card {
    #[serde(default)]
    id: String,
    name: String,
    #[serde(default)]
    desc: String,
    #[serde(rename = "idList", default)]
    id_list: String,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    pos: f64,
    #[serde(default)]
    due: Option<String>,
    #[serde(rename = "idMembers", default)]
    id_members: Vec<String>,
    #[serde(rename = "idLabels", default)]
    id_labels: Vec<String>,
    #[serde(default)]
    labels: Vec<Label>,
    /// A single card's export nests what the board export keeps beside the cards.
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    checklists: Vec<Checklist>,
}

#[derive(Deserialize, Clone)]
struct Member {
    id: String,
    #[serde(rename = "fullName", default)]
    full_name: String,
    #[serde(default)]
    username: String,
}

#[derive(Deserialize, Clone)]
struct Label {
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    color: Option<String>,
}

#[derive(Deserialize, Clone)]
struct Checklist {
    #[serde(rename = "idCard", default)]
    id_card: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    pos: f64,
    #[serde(rename = "checkItems", default)]
    check_items: Vec<CheckItem>,
}

#[derive(Deserialize, Clone)]
struct CheckItem {
    name: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    pos: f64,
}

/// Words in a list's name that mean "not planned yet": its cards go to the backlog. A list in
/// another language is named with `--map-list "NAME=backlog"`.
const BACKLOG_WORDS: &[&str] = &[
    "backlog",
    "idea",
    "icebox",
    "ice box",
    "someday",
    "some day",
    "later",
    "wishlist",
    "wish list",
    "future",
    "parking lot",
    "maybe",
];

fn reads_as_backlog(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    BACKLOG_WORDS.iter().any(|w| lower.contains(w))
}

pub fn trello_json(text: &str) -> Result<Export, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not a Trello export (JSON): {e}"))?;
    // One card's export is the card itself.
    let board: Board = if value.get("idList").is_some() && value.get("cards").is_none() {
        let card: Card = serde_json::from_value(value).map_err(|e| format!("not a Trello card export: {e}"))?;
        Board {
            name: None,
            lists: Vec::new(),
            members: card.members.clone(),
            labels: Vec::new(),
            checklists: card.checklists.clone(),
            cards: vec![card],
        }
    } else {
        if !value.is_object() || value.get("cards").is_none() {
            return Err("not a Trello board export: it has no `cards`".into());
        }
        serde_json::from_value(value).map_err(|e| format!("not a Trello board export: {e}"))?
    };
    let lists: HashMap<&str, &List> = board.lists.iter().map(|l| (l.id.as_str(), l)).collect();
    let members: HashMap<&str, &Member> = board.members.iter().map(|m| (m.id.as_str(), m)).collect();
    let labels: HashMap<&str, &Label> = board.labels.iter().map(|l| (l.id.as_str(), l)).collect();
    let mut out = Export {
        source: "Trello",
        board_name: board.name.as_deref().and_then(nonempty),
        with_ids: "the board's JSON export (board menu → Print, export and share → Export as JSON)",
        ..Export::default()
    };
    let mut open_lists: Vec<&List> = board.lists.iter().filter(|l| !l.closed).collect();
    open_lists.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    out.lists = open_lists
        .iter()
        .map(|l| super::ListRecord { name: l.name.trim().to_owned(), backlog: reads_as_backlog(&l.name) })
        .collect();
    let name_of = |id: &str| members.get(id).and_then(|m| nonempty(&m.full_name).or_else(|| nonempty(&m.username)));
    let mut unknown_members: Vec<String> = Vec::new();
    out.mapped = [
        "name → title",
        "desc → description (a due date is added to it as `Due: DATE`)",
        "lists → columns in the board's order (by name, else by place: the last list is finished work); a list named like a backlog: the backlog",
        "open cards of the other lists → the active sprint (or a new one named after the board, started)",
        "members → assignee (the first; the others are named below)",
        "labels → labels (by name, or by colour when unnamed)",
        "checklists → acceptance criteria (`- [ ] item` lines)",
        "pos → the order of each list",
    ]
    .map(str::to_owned)
    .to_vec();
    for (i, card) in board.cards.iter().enumerate() {
        let place = format!("card {}", i + 1);
        let list = lists.get(card.id_list.as_str());
        let title = card.name.trim().to_owned();
        if card.closed {
            out.skipped.push(Skipped { place, title, reason: "archived".into() });
            continue;
        }
        if let Some(l) = list.filter(|l| l.closed) {
            out.skipped.push(Skipped { place, title, reason: format!("in the archived list {:?}", l.name) });
            continue;
        }
        if title.is_empty() {
            out.skipped.push(Skipped { place, title: card.id.clone(), reason: "no name".into() });
            continue;
        }
        let list_name = list.map(|l| l.name.trim().to_owned());
        let backlog = list_name.as_deref().is_some_and(reads_as_backlog);
        let assignees = card.id_members.iter().filter_map(|id| name_of(id)).collect();
        for id in card.id_members.iter().filter(|id| name_of(id).is_none()) {
            if !unknown_members.contains(id) {
                unknown_members.push(id.clone());
            }
        }
        let card_labels: Vec<Label> = if card.labels.is_empty() {
            card.id_labels.iter().filter_map(|id| labels.get(id.as_str()).map(|l| (*l).clone())).collect()
        } else {
            card.labels.clone()
        };
        let mut checklists: Vec<&Checklist> =
            board.checklists.iter().filter(|c| c.id_card == card.id || board.cards.len() == 1).collect();
        checklists.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        let mut acceptance = Vec::new();
        for c in checklists {
            if !c.name.trim().is_empty() && c.name.trim() != "Checklist" {
                acceptance.push(format!("{}:", c.name.trim()));
            }
            let mut items: Vec<&CheckItem> = c.check_items.iter().collect();
            items.sort_by(|a, b| a.pos.total_cmp(&b.pos));
            for item in items {
                let mark = if item.state == "complete" { "x" } else { " " };
                acceptance.push(format!("- [{mark}] {}", item.name.trim()));
            }
        }
        let mut description = card.desc.trim().to_owned();
        if let Some(due) = card.due.as_deref().and_then(super::date_of) {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&format!("Due: {due}"));
        }
        let list_pos = list.map_or(0.0, |l| l.pos);
        out.records.push(Record {
            place,
            origin: if card.id.is_empty() { String::new() } else { format!("trello:{}", card.id) },
            title,
            description,
            acceptance: acceptance.join("\n"),
            progress: list_name.as_deref().and_then(Progress::parse),
            status: list_name,
            assignees,
            labels: card_labels.iter().filter_map(|l| nonempty(&l.name).or_else(|| l.color.clone())).collect(),
            backlog,
            current: !backlog,
            // Positions are positive numbers: zero-padded, their text sorts like them.
            order: Some(format!("{list_pos:020.6}/{:020.6}", card.pos)),
            ..Record::default()
        });
    }
    if !unknown_members.is_empty() {
        out.ignored.push(format!(
            "members {} of cards: not among the board's members, so their names are unknown",
            unknown_members.join(", ")
        ));
    }
    Ok(out)
}
