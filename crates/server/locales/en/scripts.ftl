# What the browser scripts (assets/*.js) write themselves. The page carries these messages as
# JSON (docs/i18n.md, "Scripts"); a script fills `{ $name }` in with `t()`. No selectors here:
# a count has one message per plural form, `-one` and `-other`, and the script picks one.

# Shared by several scripts.
js-offline = Could not reach the server. Check your connection and try again.
js-fix-fields = Please fix the highlighted fields.

# The coach's page (coach_page.js).
js-cp-times-in = Times are in { $zone }.
js-cp-load-failed = The calendar could not be loaded.
js-cp-load-error = { $error } Reload the page to try again.
js-cp-booked-block = Booked
js-cp-booked-as = Booked · { $type }
js-cp-full-waitlist = Full · Join the waitlist
js-cp-session = Session
js-cp-seats-left-one = { $count } left
js-cp-seats-left-other = { $count } left
js-cp-slot-book = , { $date }: book
js-cp-slot-book-type = { $type }, { $date }: book
js-cp-empty-week = No open times here. Try the next week.
js-cp-empty-month = No open times here. Try the next month.
js-cp-empty-week-ask = No open times here. Try the next week, or { $link }.
js-cp-empty-month-ask = No open times here. Try the next month, or { $link }.
js-cp-ask-for-a-time = ask for a time
js-cp-day-today = { $day } (today)
js-cp-no-times = No times
js-cp-open-one = { $count } open
js-cp-open-other = { $count } open
js-cp-day-open-one = { $day }: { $count } open
js-cp-day-open-other = { $day }: { $count } open
js-cp-when = { $day }, { $start }–{ $end } ({ $zone })
js-cp-at = { $day }, { $time }
js-cp-approval = The coach confirms each booking of this session; until then it is pending.
js-cp-credit-one = Uses 1 of your { $count } { $package } credit.
js-cp-credit-other = Uses 1 of your { $count } { $package } credits.
js-cp-cancel = Cancel
js-cp-close = Close
js-cp-confirm-title = Confirm your booking
js-cp-send-failed = The booking could not be sent. Check your connection and try again.
js-cp-taken = That time was just taken.
js-cp-nearest = The nearest free times:
js-cp-send-request = Send a session request
js-cp-failed = The booking did not go through. Try again.
js-cp-requested = Requested
js-cp-booked = You're booked
js-cp-held = Your time is held until the coach confirms it.
js-cp-type-booked = { $session } is booked.
js-cp-confirmation = A confirmation is on its way to { $email }.
js-cp-confirmation-credit = It uses one of your package credits. A confirmation is on its way to { $email }.

# The coach's calendar (calendar.js).
js-cal-dragging = Dragging the session: drop it on the new time, or press Escape to leave it.
js-cal-drag-cancelled = The session stays where it was.
js-cal-moving = Moving the session…
js-cal-moved = Moved. Everyone in the session is told.
js-cal-move-failed = The session could not be moved. Nothing changed; try again.
js-cal-not-moved = Not moved: { $reason }

# The dialog that books a session from any admin page (book_session.js).
js-bs-title = Book a session
js-bs-client = Client: { $name }
js-bs-client-email = Client: { $name } ({ $email })
js-bs-applicant = Applicant: { $name }
js-bs-applicant-email = Applicant: { $name } ({ $email })
js-bs-change = Change
js-bs-custom = Custom — type a name and email
js-bs-no-package = No package (a one-off session)
js-bs-package-left = { $package } — { $count } left
js-bs-no-credits = No credits left in this package: booking it will be refused. Choose no package, or enrol the client in a new one.
js-bs-credits-left-one = { $count } session credit left; booking holds one.
js-bs-credits-left-other = { $count } session credits left; booking holds one.
js-bs-free = Free — inside your hours.
js-bs-free-note = Free — inside your hours. { $note }
js-bs-free-override = Free — booked outside your hours, as you chose.
js-bs-free-override-note = Free — booked outside your hours, as you chose. { $note }
js-bs-template-option = { $name } · { $type }, { $minutes } min
js-bs-template-capacity = Up to { $count } participants.
js-bs-template-price = Price for { $name }: { $price }.
js-bs-booking = Booking…
js-bs-book = Book session
js-bs-booked = Booked { $name }.
js-bs-save-failed = The booking could not be saved. Try again.
js-bs-override-past = Record this past session anyway
js-bs-override-horizon = Book beyond my booking horizon anyway
js-bs-override-hours = Book outside my hours anyway
js-bs-outside-past = That time is in the past. Tick “{ $choice }” to book it, or choose another time.
js-bs-outside-horizon = That time is beyond your booking horizon. Tick “{ $choice }” to book it, or choose another time.
js-bs-outside-hours = That time is outside your weekly hours. Tick “{ $choice }” to book it, or choose another time.

# Availability (availability.js).
js-av-unsaved = Unsaved changes.
js-av-every-weeks-one = Every week
js-av-every-weeks-other = Every { $count } weeks
js-av-tick-days = Tick the days to copy { $day }'s hours to.
js-av-copied = Copied { $day } to { $days }. Not saved yet.
js-av-none = none
js-av-cannot-preview = This draft cannot be previewed:
js-av-went-wrong = Something went wrong.
js-av-updating = Updating…
js-av-showing = Open slots in the next two weeks, with your unsaved changes.
js-av-fix-draft = Fix the draft to see its slots.
js-av-offline = Could not reach the server; check your connection.

# Settings › Calendar feeds (calendar_feeds.js).
js-feeds-copied = Copied.
js-feeds-select = Press Ctrl+C (⌘C on a Mac) to copy the selected address.

# The bell (notifications.js); worded as `notifications-unread` in common.ftl.
js-bell = Notifications
js-bell-unread-one = Notifications, { $count } unread
js-bell-unread-other = Notifications, { $count } unread
