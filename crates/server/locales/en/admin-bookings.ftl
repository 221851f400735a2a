# The coach's bookings list (/admin/bookings) and one booking's row (also on a client's page).

bookings-title = Bookings
bookings-lead = Every session booked with you. Times are in { $zone }.
bookings-new = New booking
bookings-filter-label = Filter bookings
bookings-when = When
bookings-upcoming = Upcoming
bookings-past = Past
bookings-all = All
bookings-status-label = Status
bookings-any = Any
bookings-type = Type
bookings-client = Client
bookings-from = From
bookings-to = To
bookings-search = Search
bookings-search-placeholder = Name or email
bookings-filter = Filter
bookings-clear = Clear
bookings-none-match = No bookings match these filters.
bookings-none-match-hint = <a href="/admin/bookings">Clear the filters</a> to see every upcoming booking.
bookings-none-yet = No bookings yet.
bookings-none-yet-hint = Create a session type first; then book clients here or let them book on your page.
bookings-create-type = Create a session type
bookings-none-upcoming = No upcoming bookings.
bookings-none-upcoming-hint = Book a client yourself, or share your booking page.
# A booking's status, by its code.
bookings-status = { $status ->
    [pending] Pending
    [confirmed] Confirmed
    [cancelled] Cancelled
    [completed] Completed
   *[no_show] No-show
}

## One booking's row.
bookings-row-credit = { $credit ->
    [held] (credit held)
    [released] (credit released)
    [used] (credit used)
   *[waived] (credit waived)
}
bookings-row-client-page = Client page
bookings-row-meeting-link = Meeting link
bookings-row-notes = Notes:
bookings-row-confirm = Confirm
bookings-row-decline-menu = Decline…
bookings-row-cancel-menu = Cancel…
bookings-row-reason = Reason (the client sees it)
bookings-row-waive-late = Give the credit back even if it is late
bookings-row-decline = Decline booking
bookings-row-cancel = Cancel booking
bookings-row-waive = Waive credit
bookings-row-outcome = Outcome of { $who }
bookings-row-completed = Completed
bookings-row-no-show = No-show
bookings-row-set = Set
bookings-row-edit = Edit
bookings-row-reschedule = Reschedule
bookings-row-notes-button = Notes
# Said to screen readers after a row's button: whose booking and when.
bookings-row-which = { $name }, { $day } { $time }
bookings-row-of-which = of { $name }, { $day } { $time }

## What a status action does to the package credit.
bookings-credit-back = The { $package } credit goes back to the client.
bookings-credit-late = Past your cancellation cut-off: this uses the { $package } credit unless you give it back.
bookings-credit-uses = Uses the { $package } credit held for it.
bookings-credit-held = The { $package } credit stays held.

## Notices after an action.
bookings-waived = { $name }'s credit is given back.
bookings-now-confirmed = { $name }'s booking is confirmed.
bookings-now-cancelled = { $name }'s booking is cancelled.
bookings-now-completed = { $name }'s booking is marked completed.
bookings-now-no-show = { $name }'s booking is marked as a no-show.
