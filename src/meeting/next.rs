//! The next meeting's folder.
