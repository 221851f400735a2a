# The coach's notification settings (Settings › Notifications).

notify-title = Notifications
notify-settings = Settings
notify-lead = What your clients and applicants hear from you, and when.
notify-problems = Delivery problems
notify-failed = { $count ->
    [one] In the last week 1 email could not be delivered.
   *[other] In the last week { $count } emails could not be delivered.
}
notify-retrying = { $count ->
    [one] In the last week 1 email is being retried after an error.
   *[other] In the last week { $count } emails are being retried after an error.
}
notify-problems-hint = Check the addresses in the outbox, or ask whoever runs this server to check its email settings.
notify-open-outbox = Open the outbox
notify-reminders-title = Reminders and emails
notify-fix = Please fix the highlighted field below. Nothing was saved.
notify-offsets = Remind clients before a session
notify-offsets-hint = For example 24h, 1h — up to three, between 15 minutes and 14 days. Leave empty for no reminders.
notify-kinds = Emails your practice sends
notify-kind-booking = Booking confirmations and calendar invitations to clients
notify-kind-cancellation = Cancellation emails to clients
notify-kind-change = Updated invitations when a session moves or its link changes
notify-kind-reminder = Reminders to clients before a session
notify-kind-application = Applications: the email to you and the acknowledgement to the applicant
notify-kind-request = Session requests: the email to you, and the acknowledgement and answer to the requester
notify-in-app = You always see every change in the app, under the bell.
notify-save = Save notification settings
notify-outbox = Outbox
notify-saved = Notification settings saved.
