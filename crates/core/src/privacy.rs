//! What a viewer of a coach's page may see and do, decided in one place from (viewer, the
//! coach's privacy settings). The public page, the calendar API, the event stream, public
//! booking and session requests all ask [`view`]; none of them decides on its own.

crate::text_enum! {
    /// Who may see the coach's calendar (open times and booked time).
    pub enum CalendarVisibility ("calendar visibility") {
        /// Nobody but the coach.
        Private = "private",
        Connected = "connected",
        Public = "public",
    }
}

crate::text_enum! {
    /// Who may book (and send session requests) online.
    pub enum BookingAudience ("booking audience") {
        Connected = "connected",
        Registered = "registered",
        Public = "public",
    }
}

crate::text_enum! {
    /// Who sees a session type on the coach's page.
    pub enum TypeVisibility ("session type visibility") {
        Nobody = "nobody",
        Connected = "connected",
        Registered = "registered",
        Public = "public",
    }
}

crate::text_enum! {
    /// How booked time shows to people other than the coach.
    pub enum ShowBooked ("booked time display") {
        /// Not at all: booked time looks like time that was never offered.
        No = "no",
        /// As anonymous "Booked" blocks.
        Booked = "booked",
        /// As "Booked" blocks with the session type's name.
        BookedWithType = "booked_with_type",
    }
}

impl CalendarVisibility {
    pub fn label(self) -> &'static str {
        match self {
            Self::Private => "Private: only you",
            Self::Connected => "Your connected clients",
            Self::Public => "Everyone",
        }
    }
}

impl BookingAudience {
    pub fn label(self) -> &'static str {
        match self {
            Self::Connected => "Only your connected clients",
            Self::Registered => "Anyone with an account",
            Self::Public => "Anyone, also without an account",
        }
    }
}

impl TypeVisibility {
    pub fn label(self) -> &'static str {
        match self {
            Self::Nobody => "Nobody (only you book it)",
            Self::Connected => "Connected clients",
            Self::Registered => "Anyone with an account",
            Self::Public => "Everyone",
        }
    }
}

impl ShowBooked {
    pub fn label(self) -> &'static str {
        match self {
            Self::No => "Not at all",
            Self::Booked => "As \u{201c}Booked\u{201d}",
            Self::BookedWithType => "As \u{201c}Booked\u{201d} with its session type",
        }
    }
}

/// A coach's privacy settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivacySettings {
    pub calendar: CalendarVisibility,
    pub booking: BookingAudience,
    pub show_booked: ShowBooked,
    pub show_prices: bool,
}

impl Default for PrivacySettings {
    /// What a new practice starts with: a public page that anyone may book, booked time shown
    /// only as "Booked", prices shown.
    fn default() -> Self {
        Self {
            calendar: CalendarVisibility::Public,
            booking: BookingAudience::Public,
            show_booked: ShowBooked::Booked,
            show_prices: true,
        }
    }
}

/// Who is looking at a coach's page, relative to that coach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The coach whose page it is.
    Owner,
    /// A signed-in person linked to one of this coach's active clients.
    Client { client_id: i64, user_id: i64 },
    /// A signed-in person who is not this coach's client (another coach's client, another
    /// coach, a new user).
    Registered { user_id: i64 },
    /// Nobody signed in.
    Visitor,
}

impl Viewer {
    /// How close to the coach: a visitor 0, a registered user 1, a connected client 2, the
    /// coach 3. Every threshold below is one of these.
    fn rank(self) -> u8 {
        match self {
            Self::Visitor => 0,
            Self::Registered { .. } => 1,
            Self::Client { .. } => 2,
            Self::Owner => 3,
        }
    }

    pub fn user_id(self) -> Option<i64> {
        match self {
            Self::Client { user_id, .. } | Self::Registered { user_id } => Some(user_id),
            Self::Owner | Self::Visitor => None,
        }
    }
}

/// The least rank that may see a calendar with this visibility.
fn calendar_rank(v: CalendarVisibility) -> u8 {
    match v {
        CalendarVisibility::Public => 0,
        CalendarVisibility::Connected => 2,
        CalendarVisibility::Private => 3,
    }
}

fn booking_rank(a: BookingAudience) -> u8 {
    match a {
        BookingAudience::Public => 0,
        BookingAudience::Registered => 1,
        BookingAudience::Connected => 2,
    }
}

fn type_rank(v: TypeVisibility) -> u8 {
    match v {
        TypeVisibility::Public => 0,
        TypeVisibility::Registered => 1,
        TypeVisibility::Connected => 2,
        TypeVisibility::Nobody => 3,
    }
}

/// As whom a permitted booking or request is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookAs {
    /// The coach booking on their own page (as the admin pages do).
    Owner,
    /// As the connected client record.
    Client { client_id: i64, user_id: i64 },
    /// As the signed-in account's name and email.
    User { user_id: i64 },
    /// As a name and email given on the form.
    Visitor,
}

/// Why a viewer may not do something. [`Denied::Hidden`] must be answered exactly like a thing
/// that does not exist, so that a hidden calendar or type cannot be told from a missing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// The viewer may not know it exists.
    Hidden,
    /// Signing in (as a registered user) would allow it.
    SignIn,
    /// Only the coach's connected clients may.
    ClientsOnly,
}

impl Denied {
    /// What to tell the person, in words that reveal only the coach's settings.
    pub fn message(self) -> &'static str {
        match self {
            Self::Hidden => "Not found.",
            Self::SignIn => "Sign in or create an account to book with this coach.",
            Self::ClientsOnly => {
                "Only this coach's clients can book online. Apply for coaching, or ask the coach \
                 for an invitation."
            }
        }
    }
}

/// What one viewer sees of one coach's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    pub viewer: Viewer,
    pub settings: PrivacySettings,
}

/// How a booked block reads to this viewer, when it shows at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusyLabel {
    /// "Booked", nothing more.
    Booked,
    /// "Booked" and the session type's name (the coach allows it; the type is visible).
    BookedAs { session_type: String },
}

/// What a viewer sees of a coach's page: the one decision every non-coach read goes through.
pub fn view(viewer: Viewer, settings: PrivacySettings) -> View {
    View { viewer, settings }
}

impl View {
    pub fn is_owner(&self) -> bool {
        self.viewer == Viewer::Owner
    }

    /// Whether the calendar (open times, booked time) shows at all.
    pub fn sees_calendar(&self) -> bool {
        self.viewer.rank() >= calendar_rank(self.settings.calendar)
    }

    /// The calendar, or [`Denied::Hidden`]: a hidden calendar answers as a missing one.
    pub fn calendar(&self) -> Result<(), Denied> {
        if self.sees_calendar() {
            Ok(())
        } else {
            Err(Denied::Hidden)
        }
    }

    /// Whether a session type with this visibility is listed (and bookable, when booking is).
    pub fn sees_type(&self, visibility: TypeVisibility) -> bool {
        self.viewer.rank() >= type_rank(visibility)
    }

    /// A type the viewer asked for by id, or [`Denied::Hidden`] when they may not see it.
    pub fn session_type(&self, visibility: TypeVisibility) -> Result<(), Denied> {
        if self.sees_calendar() && self.sees_type(visibility) {
            Ok(())
        } else {
            Err(Denied::Hidden)
        }
    }

    /// Whether, and as whom, this viewer may book (or send a session request) online. Booking
    /// needs the calendar too: nobody books what they may not see.
    pub fn may_book(&self) -> Result<BookAs, Denied> {
        self.calendar()?;
        if self.viewer.rank() < booking_rank(self.settings.booking) {
            return Err(match (self.viewer, self.settings.booking) {
                (Viewer::Visitor, BookingAudience::Registered) => Denied::SignIn,
                _ => Denied::ClientsOnly,
            });
        }
        Ok(match self.viewer {
            Viewer::Owner => BookAs::Owner,
            Viewer::Client { client_id, user_id } => BookAs::Client { client_id, user_id },
            Viewer::Registered { user_id } => BookAs::User { user_id },
            Viewer::Visitor => BookAs::Visitor,
        })
    }

    /// How one booked block reads, or `None` when booked time is not shown (it then looks like
    /// time that was never offered). The type's name shows only where the coach allows it and
    /// the viewer may see that type; never anything about who booked.
    pub fn busy_label(&self, session_type: Option<(&str, TypeVisibility)>) -> Option<BusyLabel> {
        if !self.sees_calendar() {
            return None;
        }
        let show = if self.is_owner() {
            ShowBooked::BookedWithType
        } else {
            self.settings.show_booked
        };
        match (show, session_type) {
            (ShowBooked::No, _) => None,
            (ShowBooked::BookedWithType, Some((name, visibility)))
                if self.sees_type(visibility) =>
            {
                Some(BusyLabel::BookedAs {
                    session_type: name.to_owned(),
                })
            }
            _ => Some(BusyLabel::Booked),
        }
    }

    /// Whether prices show.
    pub fn sees_prices(&self) -> bool {
        self.is_owner() || self.settings.show_prices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLIENT: Viewer = Viewer::Client {
        client_id: 7,
        user_id: 70,
    };
    /// Another coach's client is, to this coach, a registered user like any other.
    const OTHER_COACHS_CLIENT: Viewer = Viewer::Registered { user_id: 80 };
    const USER: Viewer = Viewer::Registered { user_id: 90 };
    const VIEWERS: [Viewer; 5] = [
        Viewer::Owner,
        CLIENT,
        OTHER_COACHS_CLIENT,
        USER,
        Viewer::Visitor,
    ];

    fn settings(calendar: CalendarVisibility, booking: BookingAudience) -> PrivacySettings {
        PrivacySettings {
            calendar,
            booking,
            ..PrivacySettings::default()
        }
    }

    /// Every combination of calendar visibility × who may book × viewer, against a table
    /// written out by hand.
    #[test]
    fn every_visibility_and_booking_audience_for_every_viewer() {
        use BookingAudience as B;
        use CalendarVisibility as C;
        // (calendar, booking) -> what each viewer in VIEWERS order may do:
        // 'b' sees and books, 's' sees but may not book, '-' sees nothing.
        let table: [(C, B, &str); 9] = [
            (C::Private, B::Connected, "b----"),
            (C::Private, B::Registered, "b----"),
            (C::Private, B::Public, "b----"),
            (C::Connected, B::Connected, "bb---"),
            (C::Connected, B::Registered, "bb---"),
            (C::Connected, B::Public, "bb---"),
            (C::Public, B::Connected, "bbsss"),
            (C::Public, B::Registered, "bbbbs"),
            (C::Public, B::Public, "bbbbb"),
        ];
        for (calendar, booking, expected) in table {
            let s = settings(calendar, booking);
            for (viewer, want) in VIEWERS.iter().zip(expected.chars()) {
                let v = view(*viewer, s);
                let got = match (v.sees_calendar(), v.may_book().is_ok()) {
                    (true, true) => 'b',
                    (true, false) => 's',
                    (false, false) => '-',
                    (false, true) => panic!("{viewer:?} books without seeing, {s:?}"),
                };
                assert_eq!(got, want, "{viewer:?} with {s:?}");
                if !v.sees_calendar() {
                    assert_eq!(v.calendar(), Err(Denied::Hidden));
                    assert_eq!(v.may_book(), Err(Denied::Hidden), "hidden, not refused");
                }
            }
        }
    }

    #[test]
    fn a_refusal_says_what_would_allow_it_and_only_that() {
        let s = settings(CalendarVisibility::Public, BookingAudience::Registered);
        assert_eq!(view(Viewer::Visitor, s).may_book(), Err(Denied::SignIn));
        let s = settings(CalendarVisibility::Public, BookingAudience::Connected);
        assert_eq!(
            view(Viewer::Visitor, s).may_book(),
            Err(Denied::ClientsOnly)
        );
        assert_eq!(view(USER, s).may_book(), Err(Denied::ClientsOnly));
        for d in [Denied::Hidden, Denied::SignIn, Denied::ClientsOnly] {
            assert!(!d.message().is_empty());
        }
    }

    #[test]
    fn each_viewer_books_as_themselves() {
        let s = PrivacySettings::default();
        assert_eq!(view(Viewer::Owner, s).may_book(), Ok(BookAs::Owner));
        assert_eq!(
            view(CLIENT, s).may_book(),
            Ok(BookAs::Client {
                client_id: 7,
                user_id: 70
            })
        );
        assert_eq!(view(USER, s).may_book(), Ok(BookAs::User { user_id: 90 }));
        assert_eq!(view(Viewer::Visitor, s).may_book(), Ok(BookAs::Visitor));
    }

    /// Every type visibility for every viewer, on a public calendar; on a hidden calendar no
    /// type is there at all.
    #[test]
    fn every_type_visibility_for_every_viewer() {
        use TypeVisibility as T;
        let table: [(T, &str); 4] = [
            (T::Nobody, "y----"),
            (T::Connected, "yy---"),
            (T::Registered, "yyyy-"),
            (T::Public, "yyyyy"),
        ];
        for calendar in CalendarVisibility::ALL {
            let s = settings(*calendar, BookingAudience::Public);
            for (visibility, expected) in table {
                for (viewer, want) in VIEWERS.iter().zip(expected.chars()) {
                    let v = view(*viewer, s);
                    assert_eq!(
                        v.sees_type(visibility),
                        want == 'y',
                        "{viewer:?} {visibility:?}"
                    );
                    let asked = v.session_type(visibility);
                    if want == 'y' && v.sees_calendar() {
                        assert_eq!(asked, Ok(()));
                    } else {
                        assert_eq!(
                            asked,
                            Err(Denied::Hidden),
                            "{viewer:?} {visibility:?} {s:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn booked_time_shows_as_the_coach_chose_and_never_a_hidden_types_name() {
        let with_type = PrivacySettings {
            show_booked: ShowBooked::BookedWithType,
            ..PrivacySettings::default()
        };
        let public_type = Some(("Coaching", TypeVisibility::Public));
        let clients_type = Some(("Inner circle", TypeVisibility::Connected));
        let as_type = |name: &str| {
            Some(BusyLabel::BookedAs {
                session_type: name.to_owned(),
            })
        };
        let visitor = view(Viewer::Visitor, with_type);
        assert_eq!(visitor.busy_label(public_type), as_type("Coaching"));
        assert_eq!(visitor.busy_label(clients_type), Some(BusyLabel::Booked));
        assert_eq!(
            view(CLIENT, with_type).busy_label(clients_type),
            as_type("Inner circle")
        );

        let booked = PrivacySettings::default();
        for viewer in [CLIENT, USER, Viewer::Visitor] {
            assert_eq!(
                view(viewer, booked).busy_label(public_type),
                Some(BusyLabel::Booked)
            );
        }
        let hidden = PrivacySettings {
            show_booked: ShowBooked::No,
            ..PrivacySettings::default()
        };
        for viewer in [CLIENT, USER, Viewer::Visitor] {
            assert_eq!(view(viewer, hidden).busy_label(public_type), None);
        }
        // The coach always sees what their time is booked for.
        assert_eq!(
            view(Viewer::Owner, hidden).busy_label(clients_type),
            as_type("Inner circle")
        );
        // A calendar the viewer may not see shows no booked time either.
        let private = settings(CalendarVisibility::Private, BookingAudience::Public);
        assert_eq!(view(Viewer::Visitor, private).busy_label(public_type), None);
    }

    #[test]
    fn prices_show_only_where_the_coach_allows_but_always_to_the_coach() {
        let hidden = PrivacySettings {
            show_prices: false,
            ..PrivacySettings::default()
        };
        assert!(view(Viewer::Owner, hidden).sees_prices());
        for viewer in [CLIENT, USER, Viewer::Visitor] {
            assert!(!view(viewer, hidden).sees_prices());
            assert!(view(viewer, PrivacySettings::default()).sees_prices());
        }
    }
}
