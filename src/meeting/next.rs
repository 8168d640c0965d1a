//! The next meeting's draft, in one step: its manifest (meeting number + 1, its date from
//! the committee's schedule, sign-off dates as many Working Days before it as this
//! meeting's were) and a copy of every recurring paper with its reference parts and dates
//! moved on. Its outcomes start empty; its actions annex reads this meeting's records
//! through the committee's folder. The library says what to write; the command writes it.

use super::Plan;
use super::committee::folder_of;
use super::next_text::{manifest_text, paper_text};
use crate::diagnostic::Diagnostics;
use crate::domain::MeetingReference;
use crate::domain::dates::{parse_iso, uk_long};
use crate::domain::schedule::Schedule;
use crate::domain::working_days::Calendar;
use crate::error::Error;
use crate::load::{self, Loaded, MeetingSource};
use crate::output::OutputFile;
use crate::pipeline::Checks;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// The next meeting's draft: where it goes and what it holds.
#[derive(Debug)]
pub struct NextMeeting {
    /// Its folder.
    pub folder: PathBuf,
    /// Its manifest and papers.
    pub files: Vec<OutputFile>,
    /// Its reference, `SECP_79_1404`.
    pub reference: MeetingReference,
    /// What a clerk should know of how it was drafted.
    pub notes: Vec<String>,
    /// How many recurring papers it holds (its files hold workbooks too).
    pub papers: usize,
}

/// The meeting after the one `manifest` describes, on `date` (else the schedule's next
/// day), in `out` (else a folder beside this meeting's, named as it is with the next
/// number). The meeting must pass its checks; the folder must not exist.
pub fn draft(
    manifest: &Path,
    date: Option<&str>,
    out: Option<&Path>,
    allow_outside: bool,
) -> Result<NextMeeting, Error> {
    let loaded: Loaded<MeetingSource> = load::load(manifest)?;
    // A meeting with problems is not carried forward: its records are what the next reads.
    let meeting = super::prepare(&loaded, Checks { allow_outside, ..Checks::default() }, allow_outside)?;
    let plan = Plan::new(&loaded, &crate::load::Disk, false, None, &mut Diagnostics::default())?;
    let src = &loaded.value;
    let calendar = Calendar::with_added(plan.bank_holidays.iter().copied());
    let mut notes = Vec::new();
    let date = match date {
        Some(text) => {
            let date = parse_iso(text)
                .ok_or_else(|| Error::Usage(format!("--date {text}: not a date; write YYYY-MM-DD, e.g. 2020-04-14")))?;
            if date <= plan.date {
                return Err(Error::Usage(format!(
                    "--date {text}: the next meeting must come after this one ({})",
                    uk_long(plan.date)
                )));
            }
            date
        }
        None => scheduled(src, plan.date, &calendar, &mut notes)?,
    };
    let reference = MeetingReference { committee: src.committee.clone(), meeting: src.meeting + 1, date };
    let folder = match out {
        Some(out) => out.to_path_buf(),
        None => default_folder(manifest, src.meeting, &src.committee),
    };
    if folder.exists() {
        return Err(Error::Usage(format!(
            "{} already exists: next writes a new folder and never over one; remove it or give -o",
            folder.display()
        )));
    }
    // Sign-off dates keep their distance from the meeting, in Working Days.
    let shift = |old: NaiveDate| -> Option<NaiveDate> {
        let before = calendar.working_days_after(old, plan.date) as i64;
        let after = calendar.working_days_after(plan.date, old) as i64;
        calendar.add_working_days(date, after - before).ok()
    };
    let sign_off = plan.sign_off.and_then(shift);
    let mut files = vec![OutputFile {
        path: folder.join(super::MANIFEST_FILE),
        bytes: manifest_text(src, &reference, sign_off).into_bytes(),
    }];
    let base = folder_of(&loaded.file);
    let mut left = Vec::new();
    // The workbooks the copied papers and the manifest read go with them: the draft builds,
    // and the clerk puts the new month's figures in them.
    let mut workbooks: std::collections::BTreeSet<PathBuf> = src.sources.values().map(|s| base.join(&s.file)).collect();
    for entry in &src.papers {
        let Some(file) = &entry.file else { continue };
        if !entry.recurring {
            left.push(file.clone());
            continue;
        }
        let text = load::guard::read(&base.join(file))?;
        let number = meeting.keys.iter().position(|k| Some(k) == entry_key(entry).as_ref()).map(|i| &meeting.papers[i]);
        let number = number.map(|p| p.paper.reference.number);
        files.push(OutputFile {
            path: folder.join(file),
            bytes: paper_text(&text, &reference, number, &shift).into_bytes(),
        });
        if let Some(i) = meeting.keys.iter().position(|k| Some(k) == entry_key(entry).as_ref()) {
            workbooks.extend(meeting.papers[i].sources.iter().cloned());
        }
    }
    if !left.is_empty() {
        notes.push(format!("left behind (not `recurring: true`): {}", left.join(", ")));
    }
    let papers = files.len() - 1;
    copy_workbooks(base, &folder, workbooks, src.meeting, &mut files, &mut notes)?;
    Ok(NextMeeting { folder, files, reference, notes, papers })
}

/// Copies each of `workbooks` inside `base` to the same place under `folder`, saying so; one
/// outside (read with `--allow-outside`) is left where it is, and said.
fn copy_workbooks(
    base: &Path,
    folder: &Path,
    workbooks: std::collections::BTreeSet<PathBuf>,
    meeting: u32,
    files: &mut Vec<OutputFile>,
    notes: &mut Vec<String>,
) -> Result<(), Error> {
    for workbook in workbooks {
        let relative = match base {
            b if b == Path::new(".") => workbook.strip_prefix(".").unwrap_or(&workbook),
            b => workbook.strip_prefix(b).unwrap_or(&workbook),
        };
        let inside = relative.components().all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside {
            notes.push(format!("{} is read from outside the meeting's folder: not copied", workbook.display()));
            continue;
        }
        let bytes = std::fs::read(&workbook).map_err(|source| Error::Io { path: workbook.clone(), source })?;
        files.push(OutputFile { path: folder.join(relative), bytes });
        notes.push(format!("{} copied from meeting {meeting}: put this meeting's figures in it", relative.display()));
    }
    Ok(())
}

fn entry_key(entry: &crate::load::PaperEntrySource) -> Option<String> {
    Some(entry.key.clone().unwrap_or_else(|| super::agenda::default_key(entry)))
}

/// The schedule's next meeting day after `after`, with a note when a bank holiday moved it.
fn scheduled(
    src: &MeetingSource,
    after: NaiveDate,
    calendar: &Calendar,
    notes: &mut Vec<String>,
) -> Result<NaiveDate, Error> {
    let text = src.schedule.as_deref().ok_or_else(|| {
        Error::Usage("the manifest has no `schedule` (e.g. `second Friday of each month`): give --date".into())
    })?;
    let schedule = Schedule::parse(text)
        .ok_or_else(|| Error::Usage(format!("schedule `{text}`: not a schedule panelpaper reads; give --date")))?;
    let date = schedule
        .next_after(after, calendar)
        .ok_or_else(|| Error::Usage("the schedule gives no meeting day in the next two years: give --date".into()))?;
    // The day the schedule names in the month the meeting falls in (or the month before,
    // when a holiday pushed it over the month's end).
    let named = [date, date - chrono::Duration::days(7)]
        .into_iter()
        .filter_map(|d| schedule.day_in_month(d.year(), d.month()))
        .find(|d| *d > after && *d <= date);
    match named {
        Some(named) if named != date => notes.push(format!(
            "the schedule ({schedule}) gives {}, a bank holiday: meeting {} is on the next Working Day, {}",
            uk_long(named),
            src.meeting + 1,
            uk_long(date)
        )),
        _ => notes.push(format!("meeting {} is on {} ({schedule})", src.meeting + 1, uk_long(date))),
    }
    Ok(date)
}

/// `secp-78` → `secp-79` beside it; a folder not named by its number gives `secp-79`.
fn default_folder(manifest: &Path, meeting: u32, committee: &str) -> PathBuf {
    let folder = folder_of(manifest);
    let parent = match folder.parent() {
        _ if folder == Path::new(".") => PathBuf::from(".."),
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = folder.canonicalize().ok().and_then(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()));
    let name = match name.as_deref().and_then(|n| n.strip_suffix(&meeting.to_string())) {
        Some(stem) => format!("{stem}{}", meeting + 1),
        None => format!("{}-{}", committee.to_lowercase(), meeting + 1),
    };
    parent.join(name)
}
