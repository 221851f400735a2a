# The coach's session requests (/admin/requests): times clients asked for that are not offered.

requests-title = Requests
requests-lead = Times clients asked for that you do not offer. Approve one to book it, or decline with a reason. Clients ask at <a href="{ $url }">{ $url }</a>.
requests-show = Show requests
requests-waiting = Waiting for you
requests-all = All
requests-heading = Session requests
requests-none = No session requests yet.
requests-none-hint = When a client asks for a time you do not offer, it appears here for you to approve or decline.
requests-nothing-waiting = Nothing is waiting for you.
requests-nothing-waiting-hint = New requests appear here and under the bell.
requests-show-all = Show all requests
requests-client = (client)
requests-status = { $status ->
    [pending] Waiting for an answer
    [approved] Approved
    [declined] Declined
    [expired] Expired
   *[withdrawn] Withdrawn
}
requests-sent = sent { $when }
requests-expires = expires { $when }
requests-view-booking = View booking
requests-your-reason = Your reason: { $reason }
requests-proposed = Proposed times, in { $zone }
requests-was-open = was open
requests-approve = Approve<span class="visually-hidden"> { $when } for { $name }</span>
requests-times-in = Times in { $zone }.
requests-times-in-theirs = Times in { $zone }; { $name } reads them in { $theirs }.
requests-decline-menu = Decline…
requests-why = Why? { $name } receives this by email.
requests-decline = Yes, decline
requests-demand = Demand you do not offer
requests-demand-lead = Times proposed in requests from { $from } to { $to } that were not open slots when asked, by weekday and hour of their start ({ $zone }).
requests-demand-none = No requests for times you do not offer in the last 90 days.
requests-demand-caption = Proposed times not offered, per weekday and hour, { $count } in all
requests-hour = Hour
requests-demand-total = { $count ->
    [one] { $count } proposed time in all. Darker cells were asked for more often; consider opening hours there.
   *[other] { $count } proposed times in all. Darker cells were asked for more often; consider opening hours there.
}
requests-weekday-short = { $weekday ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
requests-weekday-long = { $weekday ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
requests-expiry = Expiry
requests-expiry-label = Requests expire after (hours)
requests-expiry-hint = Unanswered by then, a request expires and the client is told. 1 to 720; requests already sent keep theirs.
requests-save = Save
requests-passed = This time has passed.
requests-not-possible = That is not possible.
requests-give-reason = Give a reason.
requests-whole-hours = Enter a whole number of hours, e.g. 72.
requests-approved = Approved: { $name } is booked. They have been emailed.
requests-approved-booking = Approved: { $name } is booked. It is on your calendar as booking { $booking }. They have been emailed.
requests-declined = Declined. { $name } has been emailed your reason.
requests-expiry-saved = { $hours ->
    [one] New requests now expire after { $hours } hour unanswered.
   *[other] New requests now expire after { $hours } hours unanswered.
}
