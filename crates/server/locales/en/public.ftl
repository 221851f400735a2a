public-photo-of = Photo of { $name }
public-eyebrow = Coaching
public-book-a-session = Book a session
public-apply = Apply for coaching
public-sessions = Sessions
public-minutes = { $minutes } min
public-group-of = group of up to { $count }
public-coach-confirms = { $name } confirms each booking of this session.
public-time-zone = Time zone
public-session-type = Session type
public-all-session-types = All session types
public-show = Show
public-previous = Previous
public-next = Next
public-week-word = week
public-today = Today
public-view = View
public-view-week = Week
public-view-month = Month
public-view-list = List
public-times-in = Times are in { $zone }.
public-no-open-times = No open times this week. Try the next week.
public-no-open-times-ask = No open times this week. Try the next week, or
public-ask-for-a-time = ask for a time
public-full-join-waitlist = Full · Join the waitlist
public-confirm-your-booking = Confirm your booking
public-your-name = Your name
public-email-hint = The confirmation and a link to manage the booking go here.
public-notes-label = Anything { $name } should know?
public-add-to-calendar = Add to calendar
public-manage-booking = Manage this booking
public-confirm-booking = Confirm booking
public-booking = Booking
public-no-calendar = { $name } does not show a booking calendar here. To start working together, apply for coaching.

public-credit-note =
    Uses 1 of your { $count } { $package } { $count ->
        [one] credit
       *[other] credits
    }.
public-sign-in = Sign in
public-slot-book = , { $date }: book

apply-eyebrow = Coaching with { $coach }
apply-title = Apply to work with { $coach }
apply-sent-title = Thank you — your application is in.
apply-sent-body = { $coach } will read it and reply by email, usually to suggest a short discovery call.
apply-sent-note = Nothing else to do for now. If you sent it by mistake, reply to that email.
apply-lead = Tell { $coach } a little about yourself. Only { $coach } sees your answers.
apply-email-hint = So the coach can reply.
apply-goals = What would you like to work on?
apply-submit = Send application
book-send-request = Send a session request
book-approval = { $name } confirms each booking of this session; until then it is pending.
book-choose-another = Choose another time
book-not-offered = That time is not offered on this page.
book-choose-open = Choose one of the open times.
booked-cancelled = This booking is cancelled
booked-requested = Requested — { $coach } will confirm
booked-held = Your time is held. You will get an email when { $coach } confirms it.
booked-title = You're booked
booked-what = { $session } with { $coach }
booked-uses-credit = This session uses one of your package credits.
booked-confirmation-sent = A confirmation is on its way to { $email }. Keep the link to manage this booking: you can cancel or reschedule there.
booked-back = Back to { $coach }'s page

book-title = Book with { $coach }
booked-page-title = Booked

request-title = Ask { $coach } for a time
request-sent-title = Your request is with { $coach }.
request-sent-body = We have emailed you a copy. { $coach } will either approve one of your times — you then get a booking confirmation with a calendar invitation — or tell you why not.
request-sent-expiry = Unanswered, a request expires after { $hours } hours; we email you then too, so you can choose other times.
request-nothing = There is nothing to request here yet.
request-no-types = { $coach } has no session types you can ask for.
request-lead = None of the open times suit you? Propose up to three times that would, and { $coach } will approve one or get back to you. Nothing is booked until then.
request-times = Times that would suit you
request-times-hint = At least one, at most three, in the time zone below.
request-choice-date =
    { $n ->
        [1] First choice: date
        [2] Second choice (optional): date
       *[other] Third choice (optional): date
    }
request-time = Time
request-zone-hint = Left empty, times are read in { $coach }’s zone, { $zone }.
request-message = Message (optional)
request-email-hint = The answer comes here.
request-submit = Send request
claim-title = A seat is free for you
claim-booked-title = Your seat is booked
claim-passed-title = Seat passed on
claim-lead = Hello { $name }.
claim-lead-held = Hello { $name }. A seat in the session you waited for is held for you until { $expires }.
claim-booked-body = Booked. A confirmation with a calendar invitation is on its way to you.
claim-passed-body = Thank you: the seat goes to the next person waiting. You are off this waitlist.
claim-submit = Claim my seat
claim-pass = No thanks, pass it on
coach-page-of = { $coach }'s page
join-title = Join the waitlist
join-lead = This session is full. Join the waitlist and you will be emailed as soon as a seat frees; it is then held for you for a while.
join-place = You are on the waitlist: number { $place } in line.
join-next = We will email you when a seat is free for you. You can then claim it from the link in that email.
join-email-hint = The offer of a seat, with the link to claim it, goes here.
reschedule-title = Reschedule your session
reschedule-lead = { $session } with { $coach }, now { $day }, { $times } ({ $zone }).
reschedule-choose = Choose a new time
reschedule-back = Back to your booking
reschedule-none = No open times in the next two weeks.
reschedule-contact = Contact { $coach } to find another time, or keep your session as it is.
reschedule-keep = Keep my session
reschedule-hint = Open times of { $session } in the next two weeks, in { $zone }.
reschedule-later = Later times
reschedule-submit = Move my session to this time
reschedule-keep-as-is = Keep it as it is

manage-title = Your booking with { $coach }
manage-lead = Only people with this link can see this page. Keep the email it came in.
manage-join = Join the meeting
manage-reason = Reason
manage-reschedule = Reschedule…
manage-cancel = Cancel…
manage-reason-label = Reason (optional; { $coach } sees it)
manage-cancel-submit = Cancel this session
manage-show-times-in = Show times in
