# Shared by every page: the layout, the navigation, words used everywhere.

brand = Coachbook
skip-to-content = Skip to content
nav-menu = Menu
nav-main = Main
sign-out = Sign out
footer-api-reference = API reference
notifications = Notifications
notifications-unread = { $count ->
    [0] Notifications
   *[other] Notifications, { $count } unread
}

nav-dashboard = Dashboard
nav-calendar = Calendar
nav-bookings = Bookings
nav-clients = Clients
nav-applications = Applications
nav-requests = Requests
nav-insights = Insights
nav-packages = Packages
nav-session-types = Session types
nav-availability = Availability
nav-settings = Settings
nav-my-sessions = My sessions
nav-account = Account

count-sessions = { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}

language = Language
language-browser = As my browser asks
language-hint = The language of your pages and emails. Unchosen, your browser's language decides.
default-language = Language of your practice
default-language-hint = For clients and visitors who have not chosen a language and whose browser asks for none Coachbook speaks.
save = Save
cancel = Cancel

# A price: the ISO 4217 code, then the amount with the locale's separators.

close = Close
email = Email
optional = (optional)
leave-empty = Leave this empty

form-fix-fields =
    { $count ->
        [one] Please fix the highlighted field below.
       *[other] Please fix the { $count } highlighted fields below.
    }
password = Password
password-hint = At least 10 characters.
your-name = Your name

choose = Choose…
back = Back
