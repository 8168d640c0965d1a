//! What an edition withholds: the one rule, asked by every stage that hides, leaves out or
//! redacts something for an audience (the model's placeholders, validation's redacted
//! problems, a meeting's paper list, the classes read from a file as written).

use super::Classification;

/// Whether the edition for `edition` withholds a part classified `class` (with everything
/// inside it): a part above the audience's class. The full paper (`None`) withholds
/// nothing. A class that could not be read counts as above every edition: pass
/// [`Classification::Red`] for it, or use [`withholds_unread`].
pub fn withholds(edition: Option<Classification>, class: Classification) -> bool {
    edition.is_some_and(|edition| class > edition)
}

/// [`withholds`] for a class that may not have been read (`None`): withheld from every
/// edition.
pub fn withholds_unread(edition: Option<Classification>, class: Option<Classification>) -> bool {
    match class {
        Some(class) => withholds(edition, class),
        None => edition.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Classification::*;

    #[test]
    fn an_edition_withholds_exactly_what_is_above_it() {
        for edition in Classification::ALL {
            for class in Classification::ALL {
                assert_eq!(withholds(Some(edition), class), class > edition, "{class} in {edition}");
            }
            assert!(withholds_unread(Some(edition), None));
        }
        assert!(!withholds(None, Red) && !withholds_unread(None, None));
        assert!(withholds(Some(AmberStrict), Red) && !withholds(Some(Amber), Amber));
    }
}
