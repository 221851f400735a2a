# Settings › Busy calendars (/admin/settings/busy-calendars).

busy-title = Busy calendars
busy-lead = Your other calendars (Google, Outlook, Apple, Nextcloud, Fastmail…) whose events make you busy. Their times block your open times; clients only see that a time is not open. Only the times are imported, never titles or details. Each calendar is read every { $minutes } minutes.
busy-yours = Your busy calendars
busy-none = No busy calendars yet.
busy-none-hint = Add a calendar's secret iCal address or a CalDAV calendar below, and its events will block your open times.
busy-col-name = Name
busy-col-kind = Kind
busy-col-synced = Last sync
busy-col-status = Status
busy-col-count = Busy times, next 30 days
busy-col-actions = Actions
busy-status-ok = OK
busy-status-error = Error
busy-status-waiting = Waiting
busy-status-waiting-text = waiting for first sync
busy-sync-now = Sync now
busy-remove = Remove
busy-remove-question = Remove { $name }? Its busy time stops blocking your open times.
busy-remove-button = Remove calendar
busy-add-title = Add a calendar
busy-fix-fields = { $count ->
    [one] Please fix the highlighted field below. Nothing was added.
   *[other] Please fix the highlighted fields below. Nothing was added.
}
busy-name-hint = Shown on your calendar as Busy · name.
busy-kind-ics = ICS address (Google's secret address in iCal format, Outlook's published calendar, any .ics link)
busy-kind-caldav = CalDAV (iCloud, Nextcloud, Fastmail and other CalDAV servers)
busy-url = Address
busy-url-hint = Starts with https:// (webcal:// works too). For CalDAV, the calendar's address or the server's.
busy-username = User name (CalDAV only)
busy-password = Password (CalDAV only)
busy-password-hint = An app password where your provider offers one. It is never shown again.
busy-add = Add calendar
busy-added = { $name } is added; its first sync runs now.
busy-syncing = { $name } is syncing now; reload in a moment to see the result.
busy-removed = The calendar is removed; its busy time no longer blocks your open times.
busy-ago-never = never
busy-ago-now = just now
busy-ago-minutes = { $count ->
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
busy-ago-hours = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
busy-ago-days = { $count ->
    [one] 1 day ago
   *[other] { $count } days ago
}
