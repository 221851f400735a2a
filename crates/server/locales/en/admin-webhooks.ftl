# Settings › Webhooks (/admin/settings/webhooks): the coach's endpoints and their deliveries.
# Event type names (booking.created) and the JSON sent stay as they are: scripts read them.

webhooks-title = Webhooks
webhooks-lead = Send your bookings, session requests, applications and client changes to your own scripts and automations as they happen. Each event is POSTed as JSON and signed with the endpoint's secret (Standard Webhooks), retried with growing pauses when your server does not answer 2xx. <a href="https://www.standardwebhooks.com/">How to verify a signature</a>.
webhooks-endpoints = Your endpoints
webhooks-none = No endpoints yet.
webhooks-none-hint = Add the address of a script or an automation service below, and choose the events it should receive.
webhooks-events = Events: { $events }
webhooks-all-events = All events
webhooks-last-delivery = Last delivery:
webhooks-last-answered = { $event }, answered { $code }, { $when }
webhooks-last-unanswered = { $event }, { $when }
webhooks-last-none = none yet
webhooks-status-pending = Pending
webhooks-status-delivered = Delivered
webhooks-status-failed = Failed
webhooks-show-secret = Show secret<span class="visually-hidden"> for { $url }</span>
webhooks-secret = Signing secret
webhooks-send-test = Send test event<span class="visually-hidden"> to { $url }</span>
webhooks-delete = Delete
webhooks-delete-question = Delete this endpoint? Nothing more is sent to it; events still queued for it are dropped.
webhooks-delete-button = Delete endpoint
webhooks-recent = Recent deliveries
webhooks-recent-none = Nothing sent yet. Send a test event to see one here.
webhooks-col-time = Time
webhooks-col-event = Event
webhooks-col-status = Status
webhooks-col-response = Response
webhooks-col-attempts = Attempts
webhooks-no-answer = no answer
webhooks-add-title = Add an endpoint
webhooks-fix = { $count ->
    [one] Please fix the highlighted field below. Nothing was saved.
   *[other] Please fix the highlighted fields below. Nothing was saved.
}
webhooks-url = Endpoint address
webhooks-url-hint = An https:// address on the public internet, e.g. https://hooks.example.com/coachbook.
webhooks-description = Description (optional)
webhooks-events-legend = Events to send
webhooks-all-events-later = All events, including ones added later
webhooks-add = Add endpoint
webhooks-added = Endpoint added. Use its signing secret (Show secret) to verify what it receives.
webhooks-test-queued = Test event queued; reload in a moment to see how it went in the log.
webhooks-deleted = Endpoint deleted; nothing more is sent to it.

webhooks-event-booking-created = A booking is made
webhooks-event-booking-confirmed = A pending booking is confirmed
webhooks-event-booking-cancelled = A booking is cancelled
webhooks-event-booking-rescheduled = A booking moves (or its meeting link changes)
webhooks-event-session-request-received = A session request arrives
webhooks-event-session-request-approved = You approve a session request
webhooks-event-session-request-declined = You decline a session request
webhooks-event-session-request-expired = A session request expires unanswered
webhooks-event-session-request-withdrawn = A requester withdraws their request
webhooks-event-application-received = An application arrives (or you enter one)
webhooks-event-application-status-changed = An application's status changes
webhooks-event-application-promoted = An application is promoted to a client
webhooks-event-client-created = A client is added
webhooks-event-client-updated = A client's record changes
webhooks-event-client-archived = A client is archived
