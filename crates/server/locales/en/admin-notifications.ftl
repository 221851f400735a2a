# The notifications page (/notifications): the bell's list.

notifications-title = Notifications
notifications-unread-count = { $count ->
    [0] Nothing unread.
    [one] { $count } unread.
   *[other] { $count } unread.
}
notifications-newest-first = Newest first.
notifications-mark-all = Mark all read
notifications-older = Older notifications
notifications-yours = Your notifications
notifications-caught-up = You're all caught up
notifications-nothing-older = There is nothing older.
notifications-coach-empty = New bookings, changes to them and applications will show up here.
notifications-client-empty = News of your sessions will show up here.
notifications-back-newest = Back to the newest
notifications-unread-badge = Unread
notifications-mark-read = Mark read
notifications-marked = Marked “{ $title }” read.
notifications-marked-all = { $count ->
    [0] Nothing was unread.
    [one] Marked { $count } notification read.
   *[other] Marked { $count } notifications read.
}
