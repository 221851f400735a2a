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
