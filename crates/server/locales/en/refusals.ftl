# Refusals and notices written in crates/server/src/web/words.rs, for the API (English) and for
# pages (the reader's language). $status is a booking's status code.

refuse-collision-session = That time collides with another session ({ $start }–{ $until }, { $zone }). Choose another time.
refuse-collision-time-off = That time collides with time off ({ $start }–{ $until }, { $zone }). Choose another time.
refuse-collision-busy = That time collides with busy time from another calendar ({ $start }–{ $until }, { $zone }). Choose another time.
refuse-overlap = That time collides with another session. Choose another time.

refuse-past-api = That time is in the past. Send "overrideAvailability": true to book it anyway, or choose another time.
refuse-horizon-api = That time is beyond your booking horizon. Send "overrideAvailability": true to book it anyway, or choose another time.
refuse-hours-api = That time is outside your weekly hours and date overrides. Send "overrideAvailability": true to book it anyway, or choose another time.
# $label is the checkbox beside the message (booking-form-override-*).
refuse-past-page = That time is in the past. Tick “{ $label }” to book it, or choose another time.
refuse-horizon-page = That time is beyond your booking horizon. Tick “{ $label }” to book it, or choose another time.
refuse-hours-page = That time is outside your weekly hours. Tick “{ $label }” to book it, or choose another time.

refuse-already = The booking is already { $status ->
    [no_show] no-show
   *[other] { $status }
}.
refuse-not-started = The session has not started yet, so it cannot be marked completed or no-show.
refuse-already-started = The session has already started; mark it completed or no-show instead.
refuse-not-allowed = A { $status ->
    [no_show] no-show
   *[other] { $status }
} booking cannot be changed that way.
refuse-not-movable = A { $status ->
    [no_show] no-show
   *[other] { $status }
} booking cannot be moved; only pending and confirmed ones can.

refuse-discovery-call-booked = This application already has a discovery call booked; move that booking instead of adding another.
refuse-setup-done = Setup is already done; sign in instead.
# $what is "waitlist" or "client".
refuse-raced = Another request changed this { $what } at the same moment; try again.
refuse-merge-nothing-earlier = This is the earliest application from this email; merge the later ones into it.
refuse-merge-promoted = A promoted application is final and cannot be merged; decline the other one if it is not needed.
refuse-merge-two-calls = Both applications have a discovery call booked; cancel one of the calls, then merge.

# $left is a refuse-credits-left* sentence.
refuse-already-enrolled-api = { $name } already has an active enrolment in { $package } ({ $left }). Send "allowDuplicate": true to enrol them again.
refuse-already-enrolled-question = { $name } already has this package ({ $left }). Enrol again anyway?
refuse-credits-left = { $left } of { $count } { $count ->
    [one] credit
   *[other] credits
} left, no expiry
refuse-credits-left-until = { $left } of { $count } { $count ->
    [one] credit
   *[other] credits
} left, valid until { $until }

refuse-notice-skipped = { $time } does not exist on { $day } (the clocks go forward): it is read as { $became }.
refuse-notice-repeated-first = { $time } happens twice on { $day } (the clocks go back): this is the first one, at UTC{ $offset }. Choose "later" for the one at UTC{ $other }.
refuse-notice-repeated-second = { $time } happens twice on { $day } (the clocks go back): this is the second one, at UTC{ $offset }. Choose "earlier" for the one at UTC{ $other }.

refuse-waive-no-credit = This booking does not use a package credit.
refuse-waive-held = The credit is held for this booking, not used: there is nothing to give back yet. Cancelling in time releases it; a late cancellation or a no-show uses it, and then it can be waived.
refuse-waive-released = The credit was already released when the booking was cancelled in time.
refuse-waive-already = The credit is already waived.

refuse-application-final = This application was promoted to a client; its status can no longer change.
refuse-application-promote-instead = Use "Promote to client" to promote an application; it creates the client.
refuse-application-declined = This application was declined; set it back to reviewing before promoting it.

refuse-session-cancelled = This session is cancelled; it cannot be changed any more.
refuse-session-below-seats = { $taken ->
    [one] { $taken } seat is taken, so the capacity cannot go below { $taken }. Cancel bookings first, or choose { $taken } or more.
   *[other] { $taken } seats are taken, so the capacity cannot go below { $taken }. Cancel bookings first, or choose { $taken } or more.
}
refuse-session-too-many-for-type = { $taken } people are booked into this session; a one-on-one type takes one. Keep a group type, or cancel bookings first.
refuse-session-has-outcome = A participant's booking is already { $status ->
    [no_show] no-show
   *[other] { $status }
}; a session whose outcome is recorded cannot be moved.
refuse-session-full = Every seat in this session is taken.
