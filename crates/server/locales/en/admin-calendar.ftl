# The coach's calendar (/admin/calendar): the page, its views and the session panel.

calendar-title = Calendar
calendar-lead = Your sessions, open hours and time off. Click an empty time to book it, or a session to see who is in it.
calendar-new-session = New session
calendar-create-many = Create many
calendar-dismiss = Dismiss
calendar-today = Today
calendar-previous = { $view ->
    [day] Previous day
    [week] Previous week
   *[other] Previous month
}
calendar-next = { $view ->
    [day] Next day
    [week] Next week
   *[other] Next month
}
calendar-views = Calendar view
calendar-view-day = Day
calendar-view-week = Week
calendar-view-month = Month
calendar-view-list = List
calendar-go-to-date = Go to date
calendar-session-type = Session type
calendar-all-types = All types
calendar-time-zone = Time zone
calendar-show = Show
calendar-zone-note = Times are shown in <strong>{ $zone }</strong>; your hours are kept in { $coachZone }.
calendar-show-zone = Show { $zone }
calendar-key = Key
calendar-open-hours = Open hours
calendar-time-off = Time off
calendar-busy-elsewhere = Busy in another calendar
calendar-pending = Pending
calendar-requested = Requested
calendar-truncated = There are more bookings in this range than one page shows; the first ones are drawn. Choose a shorter view or a session type.
calendar-missing-session = That session is not in this view (it may have moved or been cancelled).
calendar-today-mark = (today)
calendar-closed = Closed
calendar-open-at = Open { $time }
calendar-time-off-at = Time off { $time }
calendar-busy-in = Busy in { $calendar } { $time }
calendar-busy-label = Busy · { $calendar } { $time }
calendar-busy = Busy
calendar-busy-named = Busy · { $calendar }
calendar-more = +{ $count } more
calendar-seats = { $seats } seats
calendar-meeting-link = Meeting link
calendar-answer = Answer
calendar-nothing = Nothing on your calendar in { $title }.
calendar-nothing-hint = Sessions booked by you or your clients appear here.
calendar-summary-sessions = { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}
calendar-summary-pending = { $count } pending approval
calendar-summary-requests = { $count ->
    [one] { $count } requested time
   *[other] { $count } requested times
}
calendar-cohost-invited = Invited — accept / decline
calendar-cohosting = Co-hosting
# The title of a week: "2–8 Nov 2026", or "30 Nov – 6 Dec 2026" across two months.
calendar-week-title = { $first }–{ $last } { $month } { $year }
calendar-week-title-across = { $first } { $firstMonth } – { $last } { $month } { $year }
calendar-month-title = { $month } { $year }
calendar-day-short = { $weekday } { $day }
calendar-weekday = { $weekday ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
calendar-month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
calendar-month-long = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}

## The session panel.
calendar-panel-close = Close the session's details
calendar-panel-repeats = Repeats: { $rule }
calendar-panel-waiting = Waiting for your approval
calendar-panel-seats = { $taken } of { $capacity } seats taken · { $left } left
calendar-panel-meeting-link = Meeting link:
calendar-panel-no-meeting-link = No meeting link.
calendar-panel-attendees = Attendees
calendar-panel-notes = Notes:
calendar-panel-client-page = Client page<span class="visually-hidden"> of { $name }</span>
calendar-panel-edit-booking = Edit booking<span class="visually-hidden"> of { $name }</span>
calendar-panel-confirm = Confirm<span class="visually-hidden"> { $name }</span>
calendar-panel-cancel-menu = Cancel…<span class="visually-hidden"> { $name }'s place</span>
calendar-panel-reason-seen = Reason (they see it)
calendar-panel-waive = Give the credit back even if it is late
calendar-panel-cancel-booking = Cancel { $name }'s booking
calendar-panel-outcome = Outcome for { $name }
calendar-panel-completed = Completed
calendar-panel-no-show = No-show
calendar-panel-set = Set
calendar-panel-nobody = No one has a place in this session yet.
calendar-panel-change = Change this session
calendar-panel-edit = Edit
calendar-panel-session-notes = Session notes
calendar-panel-save = Save
calendar-panel-move = Move to…
calendar-panel-move-hint = The same checks as booking: a time that collides is refused and nothing changes. Everyone in the session is told.
calendar-panel-new-date = New date
calendar-panel-new-time = New start time
calendar-panel-outside-hours = Move outside my hours if need be
calendar-panel-move-session = Move session
calendar-panel-template = Save as template…
calendar-panel-template-hint = Its type, length, capacity, meeting link and notes, to start the next one from in two clicks.
calendar-panel-template-name = Template name
calendar-panel-save-template = Save as template
calendar-panel-cancel-session = Cancel session…
calendar-panel-series = This session is part of a series <span class="muted">({ $rule })</span>
calendar-panel-scope-this = This session only
calendar-panel-scope-following = This and the following sessions
calendar-panel-scope-all = Every session of the series still ahead
calendar-panel-reason-everyone = Reason (everyone in the session sees it)
calendar-panel-cancel-everyone = Cancel for everyone booked

## The panel's hosts.
calendar-hosts = Hosts
calendar-hosts-owner = owner
calendar-hosts-accepted = Accepted
calendar-hosts-invited = Invited
calendar-hosts-declined = Declined
calendar-hosts-remove = Remove<span class="visually-hidden"> { $name }</span>
calendar-hosts-invited-hint = You are invited to co-host this session; your time is held until you answer.
calendar-hosts-declined-hint = You declined; accepting checks your calendar again.
calendar-hosts-accept = Accept
calendar-hosts-decline = Decline
calendar-hosts-invite-menu = Invite a co-host…
calendar-hosts-invite-hint = Another coach of this practice. They must be free at this time; their time is held until they answer.
calendar-hosts-coach = Coach
calendar-hosts-invite = Invite

## Notices after a change in the panel.
calendar-moved = Moved to { $day }, { $time }. Everyone in the session is told.
calendar-saved = Saved the session's details.
calendar-saved-template = Saved as the template “{ $name }”: choose it under “From template” when you book.
calendar-cancelled-series = { $count ->
    [one] Cancelled { $count } session of the series. Everyone in it is told.
   *[other] Cancelled { $count } sessions of the series. Everyone in them is told.
}
calendar-cancelled = Cancelled the session of { $day }, { $time }. Everyone in it is told.
calendar-please-fix = Please fix: { $message }
