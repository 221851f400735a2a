denied-hidden = Not found.
denied-sign-in = Sign in or create an account to book with this coach.
denied-clients-only = Only this coach's clients can book online. Apply for coaching, or ask the coach for an invitation.

error-status = Error { $status }
error-reference = Reference:
error-start-page = Go to the start page

wait-seconds =
    { $count ->
        [one] a second
       *[other] { $count } seconds
    }
wait-minutes =
    { $count ->
        [one] a minute
       *[other] { $count } minutes
    }
book-too-many = Too many bookings from here or with this email. Wait { $wait }, then try again.
book-taken-none-near = That time was just taken, and no other time is open near it.
book-taken-nearest = That time was just taken. These are the nearest free times:
book-outside-notice = This time cannot be booked directly: it is too soon: bookings need more notice. You can send a session request for it instead.
book-outside-ahead = This time cannot be booked directly: it is further ahead than bookings are taken. You can send a session request for it instead.
book-outside-hours = This time cannot be booked directly: it is not one of the offered times. You can send a session request for it instead.
book-outside-day-full = This time cannot be booked directly: that day is fully booked. You can send a session request for it instead.
book-outside-week-full = This time cannot be booked directly: that week is fully booked. You can send a session request for it instead.
