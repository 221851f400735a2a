# Creating many sessions at once (/admin/sessions/bulk).

bulk-title = Create many sessions
bulk-lead = A group class every Tuesday for ten weeks, or a list of dates: choose what to make and when, preview the plan with anything in the way highlighted, then create them all at once.
bulk-preview = Preview
bulk-fix-fields = { $count ->
    [one] Please fix the highlighted field below. Nothing was created.
   *[other] Please fix the highlighted fields below. Nothing was created.
}
bulk-refused = Some dates collide, so nothing was created. Change them, or create the rest and skip those.
bulk-what = What
bulk-no-types = No session types yet.
bulk-no-types-hint = <a href="/admin/session-types">Add a session type</a> first; a template can then fill in the length, capacity and link.
bulk-template = Template
bulk-no-template = No template
bulk-no-such-template = No such session template among yours.
bulk-session-type = Session type
bulk-session-type-hint = Used when no template is chosen.
bulk-choose = Choose…
bulk-notes = Notes
bulk-when = When
bulk-dates-from = Dates from
bulk-by-pattern = A weekly pattern
bulk-by-dates = A list of dates
bulk-weekly-on = Weekly on
bulk-day-mo = Mon
bulk-day-tu = Tue
bulk-day-we = Wed
bulk-day-th = Thu
bulk-day-fr = Fri
bulk-day-sa = Sat
bulk-day-su = Sun
bulk-start-time = Start time
bulk-first-day = First day
bulk-interval = Every how many weeks
bulk-count = How many sessions
bulk-count-hint = Or give the last day below; at most 200. Leave both empty for a series that goes on: its sessions are kept half a year ahead.
bulk-last-day = Last day
bulk-dates = Dates
bulk-dates-hint = For a list of dates: one a line, a date and a start time, e.g. 2027-01-05 18:00.
bulk-plan-free = { $free } free.
bulk-plan-colliding = { $free } free, <strong>{ $colliding } in the way of something</strong>.
bulk-plan-caption = The sessions that would be created
bulk-col-day = Day
bulk-col-time = Time
bulk-col-status = Status
bulk-col-in-the-way = In the way
bulk-status-free = Free
bulk-status-collides = Collides
bulk-collides-session = Session “{ $title }” { $time }
bulk-collides-time-off = Time off { $time }
bulk-collides-busy = Busy in “{ $calendar }” { $time }
bulk-collides-closed = Closed: outside your hours
bulk-collides-past = In the past
bulk-collides-row = Overlaps row { $row }
bulk-create = { $count ->
    [one] Create { $count } session
   *[other] Create { $count } sessions
}
bulk-create-skipping = Create { $count }, skipping { $skipped }
bulk-created = { $count ->
    [one] { $count } session created.
   *[other] { $count } sessions created.
}
bulk-created-skipped = { $count ->
    [one] { $count } session created.
   *[other] { $count } sessions created.
} { $skipped ->
    [one] 1 skipped because it collides.
   *[other] { $skipped } skipped because they collide.
}
