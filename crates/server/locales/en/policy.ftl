# The coach's cancellation and reschedule rules as a client reads them beside a booking
# (My sessions and the manage link /b/{token}), before acting.

policy-until = { $when } ({ $zone })
policy-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
policy-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
policy-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
policy-cancel-credit-back = Cancelling now gives your package credit back (free cancellation until { $until }).
policy-cancel-free = You can cancel free of charge until { $until }.
policy-cancel-late-credit = It is less than { $cutoff } before the session: if you cancel now, the session counts as used and your credit is not given back.
policy-cancel-late = It is less than { $cutoff } before the session: cancelling now is a late cancellation.
policy-reschedule-until = You can move it to another open time until { $until }.
policy-reschedule-offline = { $coach } does not offer rescheduling online; contact them to move it.
policy-reschedule-past-cutoff = It is less than { $cutoff } before the session, so it can no longer be rescheduled online. Contact { $coach } to change it.
