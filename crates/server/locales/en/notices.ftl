# In-app notifications (the bell): written once, when the change happens, in the language of the
# person they are for. { $what } is the session type with its day and times.

notices-application-title = New application: { $name }
notices-application-body = Read it and schedule a discovery call, or decline it.

notices-discovery-title = Discovery call scheduled: { $name }
notices-new-booking-title = New booking: { $name }
notices-new-booking-pending = { $what }. Waiting for your confirmation.
notices-confirmed-title = Booking confirmed: { $name }
notices-client-cancelled-title = { $name } cancelled their booking
notices-client-cancelled-body = { $what }. Cancelled by { $name }.
notices-client-cancelled-body-reason = { $what }. Cancelled by { $name }. Reason: { $reason }
notices-cancelled-title = Booking cancelled: { $name }
notices-cancelled-body = { $what }. Cancelled by you.
notices-cancelled-body-reason = { $what }. Cancelled by you. Reason: { $reason }
notices-updated-title = Booking updated: { $name }
notices-now = Now { $what }

notices-my-discovery-title = Discovery call scheduled with { $coach }
notices-my-requested-title = Session requested with { $coach }
notices-my-requested-body = { $what }. Waiting for { $coach } to confirm.
notices-my-booked-title = Session booked with { $coach }
notices-my-confirmed-title = { $coach } confirmed your session
notices-my-you-cancelled-title = You cancelled your session with { $coach }
notices-my-cancelled-title = { $coach } cancelled your session
notices-my-cancelled-body = { $what }.
notices-my-cancelled-body-reason = { $what }. Reason: { $reason }
notices-my-changed-title = Your session with { $coach } changed

notices-request-title = New session request: { $name }
notices-request-body = { $others ->
    [0] { $session }, { $first }. Approve a time or decline it.
    [one] { $session }, { $first } (or 1 other time). Approve a time or decline it.
   *[other] { $session }, { $first } (or { $others } other times). Approve a time or decline it.
}
notices-request-declined-title = { $coach } declined your session request
notices-request-declined-body = { $session }.
notices-request-declined-body-reason = { $session }. Reason: { $reason }
notices-request-expired-title = Session request expired: { $name }
notices-request-expired-body = { $others ->
    [0] { $session }, { $first }. It was not answered in time.
    [one] { $session }, { $first } (or 1 other time). It was not answered in time.
   *[other] { $session }, { $first } (or { $others } other times). It was not answered in time.
}
notices-my-request-expired-title = Your session request to { $coach } expired
notices-my-request-expired-body = { $session }. Send a new one with other times, or book an open slot.
notices-request-withdrawn-title = { $name } withdrew their session request
notices-request-withdrawn-body = { $others ->
    [0] { $session }, { $first }.
    [one] { $session }, { $first } (or 1 other time).
   *[other] { $session }, { $first } (or { $others } other times).
}

notices-seat-title = A seat is free: { $session }
notices-seat-body = { $when } with { $coach }. Claim it by { $expires }.

notices-cohost-title = { $coach } invites you to co-host a session
notices-cohost-body = Accept or decline it on your calendar.
