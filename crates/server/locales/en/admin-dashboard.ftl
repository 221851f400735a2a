# The coach's dashboard (/admin).

dashboard-title = Dashboard
dashboard-greeting = Good to see you, { $name }
dashboard-lead = Your practice at a glance.
dashboard-problems-label = Delivery problems:
dashboard-problems-failed = { $failed ->
    [one] { $failed } email to your clients could not be delivered this week.
   *[other] { $failed } emails to your clients could not be delivered this week.
}
dashboard-problems-retrying = { $retrying ->
    [one] { $retrying } is being retried.
   *[other] { $retrying } are being retried.
}
dashboard-problems-both = { $failed ->
    [one] { $failed } email to your clients could not be delivered this week
   *[other] { $failed } emails to your clients could not be delivered this week
}, and { $retrying ->
    [one] { $retrying } is being retried.
   *[other] { $retrying } are being retried.
}
dashboard-problems-link = See what to do
dashboard-today = Today
dashboard-open-calendar = Open the calendar
dashboard-no-sessions-today = No sessions today.
dashboard-seats = { $taken }/{ $capacity } seats
dashboard-pending = Pending
dashboard-week = This week
dashboard-week-sessions = { $count ->
    [one] <strong>{ $count }</strong> session
   *[other] <strong>{ $count }</strong> sessions
}
dashboard-week-sessions-people = { $count ->
    [one] <strong>{ $count }</strong> session
   *[other] <strong>{ $count }</strong> sessions
}, { $people ->
    [one] { $people } participant
   *[other] { $people } participants
}
dashboard-see-week = See the week
dashboard-waiting = Waiting for you
dashboard-to-approve = { $count ->
    [one] <strong>{ $shown }</strong> booking to approve
   *[other] <strong>{ $shown }</strong> bookings to approve
}
dashboard-session-requests = { $count ->
    [one] <strong>{ $shown }</strong> session request
   *[other] <strong>{ $shown }</strong> session requests
}
dashboard-new-applications = { $count ->
    [one] <strong>{ $count }</strong> new application
   *[other] <strong>{ $count }</strong> new applications
}
dashboard-credits = Credits running out
dashboard-no-low-credits = No client is low on package credits or close to their package's end.
dashboard-no-credits-left = no credits left
dashboard-credits-left = { $count ->
    [one] { $count } credit left
   *[other] { $count } credits left
}
dashboard-usable-until = , usable until the day before { $date }
dashboard-more-on-clients = and { $count } more on <a href="/admin/clients">Clients</a>.
dashboard-requests = Session requests
dashboard-requests-waiting = { $count ->
    [one] <strong>{ $shown }</strong> request for times you do not offer is waiting for your answer.
   *[other] <strong>{ $shown }</strong> requests for times you do not offer are waiting for your answer.
}
dashboard-answer-requests = Answer requests
dashboard-no-requests = No session requests are waiting for you.
dashboard-requests-hint = <a href="/admin/requests">Requests</a> also shows what clients asked for that you do not offer.
dashboard-public-page = Your public page
dashboard-public-page-lead = Clients will book and apply at
dashboard-public-page-change = Change the address in <a href="/admin/settings">Settings</a>.
dashboard-time-zone = Time zone
dashboard-time-zone-text = Your availability is kept in <strong>{ $zone }</strong>. Clients see times in their own zone.
dashboard-scripts = Scripts and calendars
dashboard-scripts-token = Create an API token on the server with
dashboard-scripts-docs = then see the <a href="/api/docs">API reference</a>.
