# Messages shown beside a form field when input is refused (coachbook_core::validate::InvalidInput
# with a key). The English text here must equal the use case's own English message: the suite
# checks it (tests/it/i18n_messages.rs).

## Shared rules (crates/core/src/validate.rs)

validate-at-most = Use at most { $max } characters.
validate-value-control = Remove the control characters from this value.
validate-name-empty = Enter a name.
validate-name-too-long = Use at most 100 characters for the name.
validate-name-control = The name must not contain control characters.
validate-email-empty = Enter an email address.
validate-email-too-long = Use an email address of at most 254 characters.
validate-email-malformed = Enter an email address like name@example.com.
validate-password-too-short = Use a password of at least 10 characters.
validate-password-too-long = Use a password of at most 256 characters.
validate-slug-length = Use 3 to 40 characters for the page address.
validate-slug-characters = Use only letters a-z, digits and single hyphens (not at the start or end).
validate-slug-reserved = "{ $slug }" is reserved; choose another address.
validate-zone-empty = Choose a time zone.
validate-zone-unknown = "{ $zone }" is not a known time zone; use an IANA name like Europe/London.
validate-date-range = Use a date between 2000 and 2199.
validate-instant-format = Give the time as RFC 3339 with an offset, e.g. 2026-12-01T10:00:00+01:00.
validate-date-empty = Choose a date.
validate-date-format = Give the date as YYYY-MM-DD, e.g. 2026-12-01.
validate-time-empty = Choose a time.
validate-time-format = Give the time as HH:MM, e.g. 09:30.

## Prices (crates/core/src/pricing.rs)

validate-currency = Use a three-letter ISO 4217 currency code such as EUR, USD or GBP.
validate-price-range = Use a price from 0 to { $max } in the currency's minor unit (cents).
validate-tiers-none = Give at least one tier, starting from session 1.
validate-tiers-too-many = Use at most { $max } tiers.
validate-tier-first = Start the first tier at session 1.
validate-tier-from-range = Use a session number from 1 to { $max }.
validate-tier-order = Start each tier at a later session than the tier before it.
validate-tier-currency = This tier is in { $tier } but the session type is priced in { $currency }; use { $currency }.

## Booking, requests, accounts, applications, clients (crates/server/src/app)

validate-choose-date-between-2000 = Choose a date between 2000 and 2199.
validate-give-date-2026-12 = Give `{ $field }` as a date (2026-12-01, midnight in your time zone) or as RFC 3339 with an offset (2026-12-01T09:00:00+01:00).
validate-must-after-from = `to` must be after `from`.
validate-ask-most-days-time = Ask for at most { $max-calendar-days } days at a time.
validate-choose-earlier-start = Choose an earlier start.
validate-choose-session-type = Choose a session type.
validate-no-such-session-type = No such session type on this page; choose one of those listed.
validate-time-has-passed-choose = That time has passed; choose a later one.
validate-choose-earlier-time = Choose an earlier time.
validate-end-must-after-start = The end must be after the start.
validate-session-can-last-most = A session can last at most 12 hours.
validate-choose-earlier-end = Choose an earlier end: times and dates must lie between the years 2000 and 2199.
validate-use-earlier-later-say = Use earlier or later to say which of a repeated time you mean.
validate-choose-another-time = Choose another time.
validate-no-such-client = No such client among yours.
validate-no-such-application = No such application among yours.
validate-no-such-package = No such package among yours.
validate-choose-client-whose-package = Choose the client whose package credit this session uses.
validate-not-enrolled = { $name } is not enrolled in { $package }. Enrol them on their page first, or book without a package.
validate-use-meeting-link-starting = Use a meeting link starting with https://, e.g. https://meet.example.com/ana.
validate-credits-none-left = No credits left in { $package }: all { $total } sessions are booked or used. Book without a package, or enrol the client again.
validate-credits-expired = The { $package } credits can be used for sessions before { $expires-on }; choose an earlier date or book without a package.
validate-choose-date-time = Choose a date and time.
validate-choose-another-time-range = Choose another time: times and dates must lie between the years 2000 and 2199.
validate-give-time-rfc-3339 = Give the time as RFC 3339 (2026-12-01T10:00:00+01:00) or as 2026-12-01T10:00 in your time zone.
validate-propose-one-two-three = Propose one, two or three times that would suit you.
validate-time-has-passed-choose-2 = This time has passed; choose one in the future.
validate-choose-time-within-next = Choose a time within the next { $max-days-ahead } days.
validate-proposed-time-already-choose = You proposed this time already; choose a different one.
validate-own-page-book-time = This is your own page: book the time on your calendar instead of requesting it.
validate-choose-proposed-time = Choose one of the { $count } proposed times (0 to { $last }).
validate-say-which-time-book = Say which time to book: timeIndex (0, 1 or 2) or its start.
validate-not-one-proposed-times = That is not one of the proposed times.
validate-tell-requester-why-few = Tell the requester why, in a few words (they receive it by email).
validate-expiry-hours = Choose between { $fewest } and { $most } hours (30 days).
validate-account-email-already-exists = An account with this email already exists; sign in instead.
validate-page-address-taken-choose = This page address is taken; choose another.
validate-choose-page-address-coach = Choose a page address for this coach.
validate-locale = Choose en (English) or de (Deutsch).
validate-another-account-uses-email = Another account uses this email.
validate-current-password-wrong = The current password is wrong.
validate-send-most-20-answers = Send at most 20 answers.
validate-tell-coach-briefly-what = Tell the coach briefly what you would like to work on.
validate-ask-most-questions = Ask at most { $max-questions } questions.
validate-keep-each-question-one = Keep each question to one line of at most { $max-question-chars } characters.
validate-use-digits-spaces-only = Use digits, spaces and + - ( ) only, at most 40 characters.
validate-use-active-archived = Use active or archived.
validate-already-have-client-email = You already have a client with this email address.
validate-package-archived-restore-choose = That package is archived; restore it or choose another.
validate-choose-one-packages = Choose one of your packages.
validate-choose-start-date-keeps = Choose a start date that keeps the package inside the years 2000 to 2199.

## Forms read on pages (crates/server/src/web/pages)

validate-date-and-time = Give both a date and a time.

## The coach's settings and tools (crates/server/src/app)

validate-address-holds-space-control = The address holds a space, control or invisible character; type it again without.
validate-address-longer-than-2000 = The address is longer than 2000 characters.
validate-already-have-template-called = You already have a template called "{ $name }"; choose another name.
validate-block-most-366-days = Block at most 366 days at a time.
validate-booking-priced-record-payment = This booking is priced in { $code }; record the payment in { $code }.
validate-cancel-most-days-time = Cancel at most { $max-cancel-days } days at a time.
validate-choose-abort-skip = Choose abort or skip.
validate-choose-cash-bank-transfer = Choose cash, bank_transfer, card_in_person or other.
validate-choose-client-price-leave = Choose the client this price is for, or leave the price out.
validate-choose-date-weekday = Choose date or weekday.
validate-choose-days-within-calendar = Choose days within the calendar.
validate-choose-from-1-sessions = Choose from 1 to { $max-occurrences } sessions; at most { $max-occurrences } can be made at once.
validate-choose-how-booked-time = Choose how booked time shows: no, booked or booked_with_type.
validate-choose-ics-calendar-s = Choose ics (a calendar's .ics address) or caldav (a CalDAV server).
validate-choose-least-one-event = Choose at least one event type, or "*" for all of them.
validate-choose-least-one-weekday = Choose at least one weekday.
validate-choose-none-fixed-personal = Choose none, fixed (your personal room) or pattern (a new room per session).
validate-choose-once-days-weekly = Choose once, days or weekly for the kind of time off.
validate-choose-one-client-s = Choose one of this client's enrolments.
validate-choose-one-client-s-2 = Choose one of this client's bookings.
validate-choose-one-clients = Choose one of your clients.
validate-choose-one-one-group = Choose one_on_one, group or discovery.
validate-choose-policy-always = Choose policy or always.
validate-choose-session-type-template = Choose a session type, or a template.
validate-choose-times-between-years = Choose times between the years 2000 and 2199.
validate-choose-weekly-daily-monthly = Choose weekly, daily or monthly.
validate-choose-who-may-book = Choose who may book: connected, registered or public.
validate-choose-who-sees-calendar = Choose who sees your calendar: private, connected or public.
validate-choose-who-sees-each = Choose who sees each session type: nobody, connected, registered or public.
validate-choose-who-sees-nobody = Choose who sees it: nobody, connected, registered or public.
validate-enrolment-was-sold-record = This enrolment was sold in { $code }; record the payment in { $code }.
validate-enter-address-send-events = Enter the address to send events to, e.g. https://hooks.example.com/coachbook.
validate-enter-amount-above-0 = Enter an amount above 0.
validate-enter-calendar-s-address = Enter the calendar's address, starting with https://.
validate-enter-personal-room-s = Enter your personal room's link, e.g. https://meet.example.com/ana.
validate-give-calendar-name-personal = Give the calendar a name, e.g. Personal or Family.
validate-give-date-time-between = Give a date and time between 2000 and 2199, e.g. 2026-12-24T09:00 (your time zone) or RFC 3339.
validate-give-either-count-until = Give either count or until, not both.
validate-give-either-dates-pattern = Give either dates or a pattern, not both.
validate-give-id-last-delivery = Give the id of the last delivery of the page before (1 or more).
validate-have-busy-calendars-remove = You have { $max-sources } busy calendars; remove one first.
validate-have-entries-time-off = You have { $max-blocks } entries of time off; remove old ones first.
validate-keep-description-one-line = Keep the description to one line of at most 300 characters.
validate-keep-label-one-line = Keep the label to one line of at most 100 characters.
validate-keep-name-one-line = Keep the name to one line of at most 100 characters.
validate-keep-note-most-500 = Keep the note to at most 500 characters.
validate-keep-one-line-most = Keep it to one line of at most { $max } characters.
validate-last-date-must-not = { $name }: the last date must not be before the first.
validate-last-date-must-not-2 = The last date must not be before the first.
validate-last-day-before-first = The last day is before the first; choose an until on or after from.
validate-last-day-before-first-2 = The last day is before the first; choose a to on or after from.
validate-last-day-must-not = The last day must not be before the first.
validate-no-such-session-template = No such session template among yours.
validate-no-such-session-type-2 = No such session type among yours.
validate-only-client-s-booking = Only a client's booking can use a package credit: book the session for the client instead.
validate-only-group-sessions-take = Only group sessions take more than one participant; use 1 or make it a group.
validate-only-group-sessions-take-2 = Only group sessions take more than one participant; use 1 or choose a group type.
validate-pattern-gives-more-than = This pattern gives more than { $max-occurrences } sessions; at most { $max-occurrences } can be made at once. Choose an earlier until.
validate-pattern-gives-no-session = This pattern gives no session; check the weekdays and the days from and until.
validate-pattern-reaches-time-cannot = This pattern reaches a time that cannot be placed on your calendar.
validate-payment-enrolment-booking-not = A payment is for an enrolment or a booking, not both; leave one empty.
validate-personal-room-one-fixed = A personal room is one fixed link; for a new room per session choose the pattern instead.
validate-remove-control-characters-from = Remove the control characters from this text.
validate-remove-control-characters-from-2 = Remove the control characters from the search.
validate-repeat-every-weeks-not = { $name }: repeat every { $min-every-weeks } to { $max-every-weeks } weeks, not every { $every }.
validate-say-how-many-sessions = Say how many sessions (count) or the last day (until).
validate-say-when-list-dates = Say when: a list of dates, or a pattern.
validate-search-most-200-characters = Search for at most 200 characters.
validate-session-type-archived-restore = This session type is archived; restore it or choose another.
validate-session-type-not-one = { $name }: session type { $bad } is not one of yours.
validate-session-type-not-one-2 = Session type { $id } is not one of yours.
validate-time-off-can-last = Time off can last at most a year; use whole days for longer.
validate-use-address-most-2000 = Use an address of at most 2000 characters.
validate-use-colour-like-2f6f62 = Use a colour like #2f6f62.
validate-use-link-photo-starting = Use a link to your photo starting with https://, or leave it empty.
validate-use-link-starting-https = Use a link starting with https://, e.g. https://meet.example.com/ana.
validate-use-most-12-windows = Use at most 12 windows a day.
validate-use-most-80-ordinary = Use at most 80 ordinary characters for the name.
validate-use-most-windows = Use at most { $max-rules } windows.
validate-use-three-letter-currency = Use a three-letter currency code such as EUR, USD or GBP.
validate-weekdays-1-monday-7 = Weekdays are 1 (Monday) to 7 (Sunday).
