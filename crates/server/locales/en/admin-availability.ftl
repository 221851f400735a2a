# The coach's Availability page (/admin/availability): weekly hours, booking rules, date
# overrides, time off, the preview, and the question about booked sessions a change would hit.

avail-title = Availability
avail-lead = When clients can book you. Times are in { $zone } (<a href="/admin/settings">change</a>).
avail-sections = Availability sections
avail-hours = Weekly hours
avail-rules = Booking rules
avail-overrides = Date overrides
avail-time-off = Time off
avail-preview = Preview

## Weekdays
avail-day-1 = Monday
avail-day-2 = Tuesday
avail-day-3 = Wednesday
avail-day-4 = Thursday
avail-day-5 = Friday
avail-day-6 = Saturday
avail-day-7 = Sunday
avail-days-1 = Mondays
avail-days-2 = Tuesdays
avail-days-3 = Wednesdays
avail-days-4 = Thursdays
avail-days-5 = Fridays
avail-days-6 = Saturdays
avail-days-7 = Sundays
avail-day-short-1 = Mon
avail-day-short-2 = Tue
avail-day-short-3 = Wed
avail-day-short-4 = Thu
avail-day-short-5 = Fri
avail-day-short-6 = Sat
avail-day-short-7 = Sun

## Weekly hours
avail-your-hours = Your weekly hours
avail-summary = { $days } { $start }–{ $end }
avail-summary-cycle = { $days } { $start }–{ $end }, every { $count ->
    [2] 2nd
    [3] 3rd
   *[other] { $count }th
} week from { $date }
avail-no-hours = You have no weekly hours yet: clients can't book you until you set some.
avail-fix-days = { $count ->
    [one] Please fix the { $count } highlighted day below. Nothing was saved.
   *[other] Please fix the { $count } highlighted days below. Nothing was saved.
}
avail-save-hours = Save weekly hours
avail-hours-hint = Tick the days you work. Fill the empty row to add a window; clear a window's times to remove it. An end of 00:00 means midnight.
avail-unavailable = Unavailable
avail-window-start = { $day }: start
avail-window-end = { $day }: end
avail-window-every = { $day }: how often
avail-every = { $count ->
    [1] Every week
   *[other] Every { $count } weeks
}
avail-anchor = starting the week of
avail-window-anchor = { $day }: starting the week of
avail-window-remove = Remove this { $day } window
avail-scope-only = Only { $names }
avail-scope-type = type { $id }
avail-scope-from = from { $date }
avail-scope-until = until { $date }
avail-add-window = Add window
avail-copy-to = Copy to other days
avail-copy-legend = Copy { $day }'s hours to
avail-copy = Copy
avail-copy-none = Tick the days to copy { $day }'s hours to, then press Copy.
avail-copied = Copied { $day }'s hours to { $days }. Not saved yet: review them and press Save weekly hours.
avail-list-and = { $rest } and { $last }
avail-day-empty = { $day }: add a window with a start and an end, or untick { $day } to be unavailable.
avail-day-incomplete = { $day }: give each window a start and an end, or clear both to remove it.
avail-saved-no-hours = Saved: you have no weekly hours, so clients cannot book you.
avail-saved-hours = Saved your weekly hours.

## Preview
avail-no-types = No session types yet.
avail-no-types-hint = Slots are worked out for a session type. <a href="/admin/session-types">Create a session type</a> to see what clients will be offered.
avail-session-type = Session type
avail-type-option = { $name } ({ $minutes } min)
avail-show = Show
avail-preview-status = Open slots in the next two weeks, as clients see them now.
avail-preview-day-none = none
avail-preview-no-type = Create a session type to see the slots clients will be offered.
avail-preview-none = No open slots in the next two weeks: add weekly hours, or check the notice and horizon.

## Booking rules
avail-rules-hint = Clients book freely inside these limits; outside them a booking becomes a request for you to approve.
avail-fix-fields-counted = { $count ->
    [one] Please fix the { $count } highlighted field below. Nothing was saved.
   *[other] Please fix the { $count } highlighted fields below. Nothing was saved.
}
avail-min-notice = Minimum notice
avail-min-notice-hint = No booking sooner than this.
avail-days-ahead = Days ahead
avail-days-ahead-hint = How far ahead clients may book.
avail-interval = Slot interval
avail-interval-hint = Start times every…
avail-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
avail-per-day = Most sessions a day
avail-per-week = Most sessions a week
avail-no-limit = Empty: no limit.
avail-cancellation = Free cancellation until
avail-reschedule = Rescheduling until
avail-before-start = Before the start.
avail-unit-of = { $label }: unit
avail-unit-minutes = minutes
avail-unit-hours = hours
avail-unit-days = days
avail-save-rules = Save booking rules
avail-saved-rules = Saved your booking rules.
avail-range-min-notice = The minimum notice must be between 0 and { $max } { $unit ->
    [days] days
    [hours] hours
   *[minutes] minutes
}.
avail-range-cancellation = The cancellation cut-off must be between 0 and { $max } { $unit ->
    [days] days
    [hours] hours
   *[minutes] minutes
}.
avail-range-reschedule = The reschedule cut-off must be between 0 and { $max } { $unit ->
    [days] days
    [hours] hours
   *[minutes] minutes
}.

## Date overrides
avail-overrides-hint = A date's own hours replace your weekly hours that day: a day off, or a longer day.
avail-no-overrides = No upcoming overrides.
avail-closed-all-day = Closed all day
avail-remove = Remove
avail-override-on = the override on { $day }
avail-remove-override-question = Remove the override on { $day }? That day follows your weekly hours again.
avail-remove-override = Remove override
avail-add-override = Add an override
avail-fix-fields = { $count ->
    [one] Please fix the highlighted field below. Nothing was saved.
   *[other] Please fix the highlighted fields below. Nothing was saved.
}
avail-date = Date
avail-that-day = That day
avail-these-hours = These hours:
avail-override-start = Override window { $n }: start
avail-override-end = Override window { $n }: end
avail-save-override = Save override
# $day is the date in words, $date as typed (2026-12-24).
avail-saved-closed = { $date } is closed.
avail-saved-override = { $date } has its own hours now.
avail-removed-override = Removed the override: { $date } follows your weekly hours again.

## Time off
avail-time-off-hint = Nobody can book you during time off, whatever your hours say.
avail-no-time-off = No time off yet.
avail-time-off-what = time off: { $summary }
avail-remove-time-off-question = Remove this time off? Clients can book you then again, within your hours.
avail-remove-time-off = Remove time off
avail-block-once = { $start } – { $end }
avail-block-day = All day { $day }
avail-block-days = All day { $from } to { $until }
avail-block-weekly = Every { $days } { $start }–{ $end } from { $from }
avail-block-weekly-until = Every { $days } { $start }–{ $end } from { $from } until { $until }
avail-add-days = Add whole days
avail-first-day = First day
avail-last-day = Last day
avail-last-day-hint = Empty: just the first day.
avail-label = Label (optional)
avail-add-days-off = Add days off
avail-add-once = Add a one-off block
avail-from = From
avail-until = Until
avail-add-block = Add block
avail-add-weekly = Add a weekly block
avail-every-legend = Every
avail-midnight-hint = 00:00 means midnight.
avail-starting = Starting
avail-starting-hint = Empty: today.
avail-ending = Ending
avail-ending-hint = Empty: no end.
avail-add-weekly-block = Add weekly block
avail-added-time-off = Added time off: { $summary }.
avail-removed-time-off = Removed the time off.

## Booked sessions a change would hit
avail-affected-hours = { $count ->
    [one] { $count } booked session is outside your new weekly hours.
   *[other] { $count } booked sessions are outside your new weekly hours.
}
avail-affected-closed = { $count ->
    [one] { $count } booked session is on a day you close.
   *[other] { $count } booked sessions are on a day you close.
}
avail-affected-override = { $count ->
    [one] { $count } booked session is outside that day's new hours.
   *[other] { $count } booked sessions are outside that day's new hours.
}
avail-affected-time-off = { $count ->
    [one] { $count } booked session is during the new time off.
   *[other] { $count } booked sessions are during the new time off.
}
avail-affected-keep = { $count ->
    [one] Nothing is saved yet. Saving keeps it booked; move or cancel it from Bookings if they should not happen.
   *[other] Nothing is saved yet. Saving keeps them booked; move or cancel them from Bookings if they should not happen.
}
avail-pending = Pending
avail-reschedule-booking = Reschedule
avail-save-anyway = { $count ->
   *[other] Save anyway: these sessions stay booked
}
