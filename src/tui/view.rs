//! What a screen's view reads besides its own state: the language, the day and the list.
//! Views take this rather than the whole app, so no view depends on the app's routing.

use super::list_state::ListModel;
use crate::domain::Date;
use crate::i18n::Lang;

pub struct View<'a> {
    pub lang: Lang,
    pub today: Date,
    pub list: &'a ListModel,
}
