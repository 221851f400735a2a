# Emails, in the recipient's language. Subjects are one line.

email-hello = Hello { $name },
email-reply = Reply to this email to reach { $coach }.
email-stop-reminders = Stop these reminders
email-what = What
email-when = When
email-with = With
email-where = Where
email-zone-time = { $zone } time
email-manage = Manage this booking:
email-manage-link = cancel or reschedule
email-manage-text = Manage this booking (cancel or reschedule): { $url }
email-reason = Reason:
email-your-times = The times you proposed
email-their-times = The times proposed

email-application-acknowledged-subject = We received your application to { $coach }
email-application-acknowledged-title = We received your application
email-application-acknowledged-body = Thank you for applying to work with { $coach }. Your application has arrived; { $coach } will read it and get back to you.

email-application-received-subject = New application from { $name }
email-application-received-title = New application
email-application-received-body = { $name } ({ $email }) has applied to work with you.
email-application-received-goals = Their goals
email-application-received-review = Review the application
email-application-received-review-text = Review it, schedule a discovery call or reply: { $link }

email-cancelled-subject = Cancelled: { $session } with { $coach }, { $starts }
email-cancelled-title = Session cancelled
email-cancelled-by-you = Your session with { $coach } is cancelled, as you asked.
email-cancelled-by-coach = { $coach } has cancelled your session.
email-cancelled-attachment = The attached cancellation removes the session from your calendar.

email-cancelled-coach-subject = { $name } cancelled: { $session }, { $starts }
email-cancelled-coach-title = { $name } cancelled
email-cancelled-coach-body = { $name } ({ $email }) has cancelled their session.
email-cancelled-coach-open = Open your bookings
email-cancelled-coach-open-text = Your bookings: { $link }

email-confirmed-subject = Confirmed: { $session } with { $coach }, { $starts }
email-confirmed-title = Your session is confirmed
email-confirmed-body = { $coach } has confirmed your session.
email-updated-invitation = The updated invitation is attached: open it to keep your calendar up to date.

email-created-subject-requested = Requested: { $session } with { $coach }, { $starts }
email-created-subject-booked = Booked: { $session } with { $coach }, { $starts }
email-created-title-requested = Booking requested
email-created-title-booked = You're booked
email-created-body-requested = { $coach } has your booking request and will confirm it soon.
email-created-body-booked = Your session with { $coach } is booked.
email-invitation-attached = The invitation is attached: open it to add the session to your calendar.

email-rescheduled-subject = Changed: { $session } with { $coach }, now { $starts }
email-rescheduled-title = Your session has changed
email-rescheduled-body = Your session with { $coach } has changed. This is how it stands now:
email-rescheduled-attachment = The updated invitation is attached: open it to update your calendar.

email-invitation-subject = { $coach } invites you to connect your account
email-invitation-title = Connect your account
email-invitation-body = { $coach } invites you to connect your account, so that you can see your sessions and package credits, and cancel or reschedule your sessions yourself.
email-invitation-open-text = Open this link to sign in (or create an account) and connect:
email-invitation-button = Connect my account
email-invitation-or-open = Or open this address:
email-invitation-once = The link works once and until { $until }. If you did not expect it, ignore this email: nothing happens until the link is opened.

email-discovery-subject = Discovery call with { $coach }, { $starts }
email-discovery-title = Your discovery call
email-discovery-body = Thank you for applying. { $coach } would like to talk with you first: a discovery call is booked for you.
email-discovery-attachment = The invitation is attached: open it to add the call to your calendar. If the time does not suit you, reply to this email.

email-reminder-subject = Reminder: { $session } with { $coach }, { $starts }
email-reminder-title = See you soon
email-reminder-body = A reminder of your session with { $coach }.
email-reminder-stop-text = To stop these reminders: { $url }

email-request-acknowledged-subject = Your session request to { $coach } has arrived
email-request-acknowledged-title = Request received
email-request-acknowledged-body = { $coach } has your session request and will approve one of your times or get back to you.
email-request-acknowledged-next = If it is approved, you receive a booking confirmation with a calendar invitation. If there is no answer by { $expires }, the request expires and we let you know.

email-request-declined-subject = { $coach } declined your session request
email-request-declined-title = Request declined
email-request-declined-body = { $coach } cannot make the times you proposed.
email-request-declined-wrote = { $coach } wrote
email-request-book-or-new = Book an open time or send a new request
email-request-book-or-new-text = You can book an open time or send a new request: { $link }

email-request-expired-subject = Your session request to { $coach } expired
email-request-expired-title = Request expired
email-request-expired-body = Your session request was not answered in time, so it has expired. Nothing was booked.
email-request-expired-text = You can book an open time or send a new request with other times: { $link }

email-request-received-subject = Session request from { $name }: { $session }
email-request-received-title = New session request
email-request-received-body = { $name } ({ $email }) asks for a session at a time you do not offer.
email-request-received-message = Their message
email-request-received-approve = Approve or decline
email-request-received-approve-text = Approve one of the times (it is booked at once, if it is still free) or decline with a reason: { $link }
email-request-received-expires = Unanswered, the request expires on { $expires }.

email-waitlist-subject = A seat is free in { $session } with { $coach }: claim it by { $expires }
email-waitlist-title = A seat is free
email-waitlist-body = A seat has come free in the session you are waiting for, and it is held for you:
email-waitlist-claim-by = Claim it by { $expires } ({ $zone }). After that it is offered to the next person waiting.
email-waitlist-claim-by-text = Claim it by { $expires } ({ $zone }): { $link }
email-waitlist-button = Claim your seat
email-waitlist-or-open = Or open this link:
email-waitlist-pass-on = No longer want it? Pass it on from the same page.
email-waitlist-pass-on-text = If you do not claim it by then, it is offered to the next person waiting. If you no longer want it, you can pass it on from the same page.
email-session = Session
email-times = { $count ->
    [one] Time
   *[other] Times
}
