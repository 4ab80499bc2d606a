//! The epics an import needs: found by name, or created.

use super::Import;
use crate::domain::{Board, OpError};

impl Import<'_> {
    /// The epics the export defines or links to: found by name, or created.
    pub(super) fn epics(&mut self, board: &mut Board) -> Result<(), OpError> {
        let defined = self.export.epics.iter().map(|e| (e.origin.clone(), e.name.clone(), e.description.clone()));
        // An epic linked to but not in the file is named by its id there.
        let linked = self
            .export
            .records
            .iter()
            .filter_map(|r| r.epic.clone())
            .filter(|o| !self.export.epics.iter().any(|e| e.origin == *o));
        let linked: Vec<(String, String, String)> = linked
            .map(|o| {
                let name = o.split_once(':').map_or(o.as_str(), |(_, id)| id).to_owned();
                (o, name, String::new())
            })
            .collect();
        for (origin, name, description) in defined.chain(linked) {
            if self.epics.contains_key(&origin) {
                continue;
            }
            let id = match board.file.find_epic(&name) {
                Some(e) => e.id.clone(),
                None => {
                    let (id, c) = board.new_epic(&name, &description)?;
                    self.changes.merge(c);
                    self.summary.epics_created.push(name.trim().to_owned());
                    id.into()
                }
            };
            self.epics.insert(origin, id);
        }
        Ok(())
    }
}
