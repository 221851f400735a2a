# The coach's waitlist of a group session (/admin/sessions/{id}/waitlist and the Calendar's panel).

waitlist-admin-title = Waitlist: { $session }
waitlist-title = Waitlist
waitlist-seats = { $capacity ->
    [one] { $booked } of { $capacity } seat booked, { $free } free
   *[other] { $booked } of { $capacity } seats booked, { $free } free
}
waitlist-seats-held = { $capacity ->
    [one] { $booked } of { $capacity } seat booked, { $held } held for an offer, { $free } free
   *[other] { $booked } of { $capacity } seats booked, { $held } held for an offer, { $free } free
}
waitlist-nobody = Nobody is waiting.
waitlist-nobody-open = Nobody is waiting. When the session is full, people can join the waitlist from your page.
waitlist-status-waiting = Waiting
waitlist-status-offered = Seat offered
waitlist-status-claimed = Claimed
waitlist-status-expired = Offer expired
waitlist-status-left = Left
waitlist-status-removed = Removed
waitlist-held-until = held until { $time }
waitlist-joined = joined { $time }
waitlist-move-up = Move { $name } up
waitlist-move-down = Move { $name } down
waitlist-offer-now = Offer a seat now
waitlist-offer-to = to { $name }
waitlist-remove = Remove
waitlist-how = When a seat frees, the first in line is offered it by email and it is held for them; times in { $zone }.
waitlist-earlier = Earlier on this waitlist ({ $count })
waitlist-settings = Waitlist settings
waitlist-settings-hint = For all your group sessions.
waitlist-visitors = Visitors without an account may join, with their name and email (when they may book at all)
waitlist-offer-hours = Hold a freed seat for (hours)
waitlist-offer-hours-hint = The person offered a seat has this long to claim it, at most until the session starts; then it goes to the next in line.
waitlist-save = Save
waitlist-order-saved = The waitlist's order is saved.
waitlist-removed = Removed from the waitlist.
waitlist-offered = Seat offered: they have been emailed a link to claim it.
waitlist-settings-saved = Waitlist settings saved.
waitlist-refused-not-waiting = This person is not waiting any more: the seat was offered to them already, or they left the list.
waitlist-refused-no-seat = Every seat is booked or held for an offer. Raise the session's capacity, or wait for a cancellation.
waitlist-refused-over = This session has started, ended or was cancelled.
