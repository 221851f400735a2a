# The coach's Insights page.

insights-title = Insights
insights-lead = When clients want you, what sells and who is slipping away: { $range } ({ $days } days, { $zone }).
insights-from = From
insights-to = To
insights-by = Trend per
insights-by-week = Week
insights-by-month = Month
insights-show = Show
insights-last-90 = Last 90 days
insights-meanwhile = Showing the last 90 days meanwhile.
insights-empty-title = Nothing to show for these days yet
insights-empty-text = Once clients book sessions, ask for times or apply, their figures appear here. Try a longer range, or share your booking page.
insights-in-short = In short
insights-stat-bookings = { $count ->
    [one] booking
   *[other] bookings
}
insights-stat-hours = in sessions
insights-stat-revenue = revenue (at list or agreed prices)
insights-stat-active = active clients
insights-stat-received = received (payments recorded)
insights-col-received = Received
insights-csv = CSV
insights-show-table = Show as table
insights-as-table = { $title }, as a table
insights-hours = { $hours } h
insights-free = Free
insights-no-bookings = No bookings in these days.

insights-times-title = Popular times
insights-times-csv = of popular times
insights-times-text = Sessions booked by weekday and hour of their start, beside the times clients asked for in requests you declined or let expire, that were not open then ({ $zone }).
insights-booked = Sessions booked
insights-unmet = Asked for, not offered
insights-unmet-long = Times asked for but not offered
insights-heat-desc = Heat map of { $what } by weekday (rows) and hour (columns): { $total } in all.
insights-heat-busiest = The most: { $day } at { $hour } ({ $count }).
insights-heat-caption = { $total } in all. Darker is more; hours { $from }–{ $to } shown.
insights-heat-table = { $title } per hour (rows) and weekday (columns)
insights-hour = Hour
insights-cell = { $day } { $hour }: { $count }

insights-types-title = Session types
insights-types-csv = of session types
insights-types-bars = Bookings per session type
insights-types-bar = { $count ->
    [one] 1 booking
   *[other] { $count } bookings
} · { $revenue }
insights-types-table = Bookings, sessions, hours and revenue per session type
insights-col-type = Session type
insights-col-bookings = Bookings
insights-col-sessions = Sessions
insights-col-hours = Hours
insights-col-revenue = Revenue
insights-bars-desc = Bar chart of { $title }. { $items }.

insights-trend-title = Trend
insights-trend-csv = of the trend
insights-trend-week-text = Bookings per week by session type; the table adds revenue.
insights-trend-month-text = Bookings per month by session type; the table adds revenue.
insights-trend-week = Bookings per week
insights-trend-month = Bookings per month
insights-trend-week-desc = Column chart of bookings per week, stacked by session type: { $total } in { $periods } weeks.
insights-trend-month-desc = Column chart of bookings per month, stacked by session type: { $total } in { $periods } months.
insights-col-week = Week
insights-col-month = Month
insights-segment = { $period }: { $name } { $count }

insights-util-title = Utilisation
insights-util-csv = of utilisation
insights-util-text = Your booked time as a share of the hours you offered each week (your open hours less time off; hours as they are set now).
insights-util-chart = Utilisation per week
insights-util-desc = Column chart of the share of offered hours booked, per week: { $booked } of { $offered } in all.
insights-util-segment = Week of { $week }: { $booked } of { $offered } booked
insights-col-booked = Booked
insights-col-offered = Offered
insights-col-util = Utilisation

insights-rel-title = Reliability
insights-rel-csv-type = CSV per type
insights-rel-csv-client = CSV per client
insights-rel-text = Early and late are before and after your cancellation cut-off.
insights-rel-bars = Cancellations and no-shows
insights-rel-early = Cancelled early
insights-rel-late = Cancelled late
insights-rel-no-shows = No-shows
insights-rel-per-type = Per session type
insights-rel-per-client = Per client
insights-rel-type-table = Cancellations and no-shows per session type
insights-rel-client-table = Cancellations and no-shows per client, the least reliable first
insights-col-client = Client
insights-not-clients = People who are not clients

insights-packages-title = Packages sold
insights-packages-csv = of packages sold
insights-packages-text = Enrolments made in these days; a renewal is one by a client who had enrolled before.
insights-packages-empty = No enrolments in these days.
insights-packages-table = Enrolments and renewals per package
insights-col-package = Package
insights-col-enrolments = Enrolments
insights-col-renewals = Renewals
insights-col-renewed = Renewed

insights-funnel-title = Applications
insights-funnel-csv = of the application funnel
insights-funnel-text = Applications sent in these days and how far they came.
insights-funnel-bars = Application funnel
insights-funnel-applied = Applied
insights-funnel-discovery = Discovery call booked
insights-funnel-clients = Became clients

insights-nudge-title = Clients to nudge
insights-nudge-csv = of clients to nudge
insights-nudge-text = Credits left in a package, nothing booked ahead; longest without a session first.
insights-nudge-empty = Everyone with credits has something booked.
insights-nudge-left = { $package }: { $count } left
insights-nudge-no-expiry = no expiry
insights-nudge-expires = expires { $date }
insights-nudge-never = no session yet
insights-nudge-last = last session { $date }

insights-weekday-1 = Monday
insights-weekday-2 = Tuesday
insights-weekday-3 = Wednesday
insights-weekday-4 = Thursday
insights-weekday-5 = Friday
insights-weekday-6 = Saturday
insights-weekday-7 = Sunday
insights-wd-1 = Mon
insights-wd-2 = Tue
insights-wd-3 = Wed
insights-wd-4 = Thu
insights-wd-5 = Fri
insights-wd-6 = Sat
insights-wd-7 = Sun
