# Editing and rescheduling one booking (/admin/bookings/{id}/edit and /reschedule).

booking-edit-back = ← Back
booking-edit-title = Edit booking
booking-edit-reschedule-title = Reschedule booking
booking-edit-tabs = Change this booking
booking-edit-details = Details
booking-edit-date-time = Date and time
booking-edit-fix-fields = { $count ->
    [one] Please fix the highlighted field below. Nothing was saved.
   *[other] Please fix the { $count } highlighted fields below. Nothing was saved.
}
# $status is the booking's status code; $started whether it has begun ("yes" or "no").
booking-edit-notes-only = { $started ->
    [yes] This booking is { $status ->
        [pending] pending
        [confirmed] confirmed
        [cancelled] cancelled
        [completed] completed
       *[no_show] a no-show
    } and has started: only your notes can change.
   *[no] This booking is { $status ->
        [pending] pending
        [confirmed] confirmed
        [cancelled] cancelled
        [completed] completed
       *[no_show] a no-show
    }: only your notes can change.
}
booking-edit-no-move = { $started ->
    [yes] This booking is { $status ->
        [pending] pending
        [confirmed] confirmed
        [cancelled] cancelled
        [completed] completed
       *[no_show] a no-show
    } and has started; it can no longer be moved.
   *[no] This booking is { $status ->
        [pending] pending
        [confirmed] confirmed
        [cancelled] cancelled
        [completed] completed
       *[no_show] a no-show
    }; it can no longer be moved.
}
booking-edit-shared = { $count ->
    [one] { $count } other person is booked into this group session: its type and meeting link change for everyone in it, and everyone is told.
   *[other] { $count } other people are booked into this group session: its type and meeting link change for everyone in it, and everyone is told.
}
booking-edit-session-type = Session type
booking-edit-type-option = { $name } ({ $minutes } min)
booking-edit-package = Package
booking-edit-package-hint = The session holds one credit of the package chosen; a credit held before goes back.
booking-edit-no-package = No package (paid separately)
booking-edit-package-option = { $package } — { $left } of { $total } credits left
booking-edit-package-expired = { $package } — { $left } of { $total } credits left, expired
booking-edit-package-used-now = { $label } (used now)
booking-edit-meeting-link = Meeting link
booking-edit-meeting-link-hint = https://…, or empty for none. A new link is sent to the participants.
booking-edit-notes = Notes
booking-edit-notes-hint = Yours: shown with the booking on your pages, never to the client.
booking-edit-save = Save changes
booking-edit-cancel = Cancel
booking-edit-back-button = Back
booking-edit-move-hint = The session keeps its length. The new time is checked like a new booking: nothing else may be booked then, and { $name } is told.
booking-edit-move-hint-group = The session keeps its length. The new time is checked like a new booking: nothing else may be booked then, and { $name } is told. Only { $name } moves; the group session stays.
booking-edit-date = Date
booking-edit-start = Start time ({ $zone })
booking-edit-move = Move the booking
booking-edit-keep = Keep it as it is
booking-edit-error-type = Choose one of your session types.
booking-edit-error-package = Choose one of the client's packages, or none.
booking-edit-saved = Saved { $name }'s booking.
booking-edit-moved = Moved { $name }'s booking to { $day }, { $time }; they are told.
