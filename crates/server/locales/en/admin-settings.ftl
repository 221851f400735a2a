# The settings page (/admin/settings; the same page is a person's /account).

settings-profile = Profile
settings-name = Name
settings-email = Email
settings-slug = Public page address
settings-slug-hint = Your booking page is /c/ followed by this: letters a-z, digits and hyphens.
settings-save-profile = Save profile
settings-page-privacy = Your page and privacy
settings-page-privacy-hint = Your photo and bio, who sees your calendar and each session type, and who may book.
settings-page-privacy-link = Page and privacy settings
settings-meeting-links = Meeting links
settings-meeting-links-hint = Your personal video room, or a new room for every session, added to sessions booked without a link.
settings-meeting-links-link = Meeting link settings
settings-busy = Busy calendars
settings-busy-hint = Your other calendars (Google, Outlook, iCloud, Nextcloud…) whose events block your open times.
settings-feeds = Calendar feeds
settings-feeds-hint = Subscribe to your sessions from Google Calendar, Outlook or Apple Calendar, with names or anonymised.
settings-notifications = Notifications
settings-notifications-hint = Reminders before sessions, which emails go out, and any delivery problems.
settings-notifications-link = Notification settings
settings-emails-sent = Emails sent
settings-webhooks = Webhooks
settings-webhooks-hint = Send bookings, requests, applications and client changes to your own scripts and automations, signed, with a delivery log.
settings-webhooks-link = Webhook settings
settings-password = Password
settings-password-hint = Changing your password signs you out on every other device.
settings-current-password = Current password
settings-new-password = New password
settings-new-password-hint = At least 10 characters.
settings-change-password = Change password
settings-saved = Settings saved.
settings-password-changed = { $others ->
    [0] Password changed.
    [one] Password changed. You were signed out on 1 other device.
   *[other] Password changed. You were signed out on { $others } other devices.
}
