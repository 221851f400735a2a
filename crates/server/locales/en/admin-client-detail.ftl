# One client's page: overview, sessions, package credits, notes, prices and payments.

cdetail-back = Clients
cdetail-archived = Archived
cdetail-connected = Connected
cdetail-sections = Client sections
cdetail-tab-overview = Overview
cdetail-tab-sessions = Sessions
cdetail-tab-credits = Package credits
cdetail-tab-notes = Notes
cdetail-tab-payments = Prices and payments
cdetail-packages = Packages
cdetail-not-enrolled = Not enrolled in a package.
cdetail-enrol-hint = Enrol { $name } in a package to give them session credits.
cdetail-enrol-button = Enrol in a package
cdetail-expired = Expired
cdetail-credits-left = { $left } of { $total } credits left
cdetail-from = From { $date }
cdetail-expires = expires { $date }
cdetail-no-expiry = no expiry
cdetail-credit-history = See the credit history
cdetail-details = Details
cdetail-name = Name
cdetail-email = Email
cdetail-phone = Phone
cdetail-optional = Optional.
cdetail-status = Status
cdetail-active = Active
cdetail-archive-question = { $count ->
    [one] { $name } has 1 upcoming session. What should happen to it when you archive { $name }?
   *[other] { $name } has { $count } upcoming sessions. What should happen to them when you archive { $name }?
}
cdetail-upcoming-legend = Upcoming sessions
cdetail-keep = Keep them booked
cdetail-cancel = Cancel them and tell { $name } (package credits follow your cancellation policy)
cdetail-reason = Reason, if you cancel (the client sees it)
cdetail-archive = Archive { $name }
cdetail-save-details = Save details
cdetail-account = Account
cdetail-book-title = Book a session with { $name }
cdetail-book = Book session
cdetail-upcoming = Upcoming sessions
cdetail-no-upcoming = No upcoming sessions.
cdetail-no-upcoming-hint = Use “Book session” to book { $name } in; their package and details are filled in for you.
cdetail-past = Past sessions
cdetail-no-past = No past sessions yet.
cdetail-credits = Package credits
cdetail-no-credits = No package credits.
cdetail-no-credits-hint = Enrol { $name } in a package with the form to grant its sessions as credits.
cdetail-history = History
cdetail-col-when = When
cdetail-col-package = Package
cdetail-col-change = Change
cdetail-col-credits = Credits
cdetail-col-by = By
cdetail-kind-grant = Granted
cdetail-kind-hold = Held for a booking
cdetail-kind-release = Released
cdetail-kind-use = Used
cdetail-kind-waive = Waived
cdetail-enrol-title = Enrol in a package
cdetail-no-packages = You have no packages yet.
cdetail-no-packages-hint = Create a package first, then enrol { $name } in it.
cdetail-create-package = Create a package
cdetail-package = Package
cdetail-choose-package = Choose a package
cdetail-starts-on = Starts on
cdetail-starts-on-hint = Leave empty for today. Validity counts from this day.
cdetail-enrol-again-check = Yes, enrol { $name } in it again
cdetail-enrol-again = Enrol again and grant credits
cdetail-enrol = Enrol and grant credits
cdetail-notes = Notes
cdetail-notes-private = Private to you: never shown to { $name } or anyone else.
cdetail-notes-about = Notes about { $name }
cdetail-save-notes = Save notes
cdetail-balance = Balance
cdetail-nothing-charged = Nothing charged or paid yet.
cdetail-col-currency = Currency
cdetail-record-payment = Record a payment
cdetail-payments = Payments
cdetail-no-payments = No payments recorded.
cdetail-own-prices = Their own prices
cdetail-own-prices-hint = A price you agreed with { $name } replaces the session type's prices (and tiers) for them only. Nobody else sees it.
cdetail-per-session = { $type }: { $price } per session
cdetail-remove = Remove
cdetail-remove-question = Remove this price? The session type's prices apply to them again.
cdetail-remove-price = Remove price
cdetail-session-type = Session type
cdetail-their-price = Their price per session
cdetail-their-price-hint = In the session type's currency, like 70 or 65.50.
cdetail-set-price = Set price
cdetail-saved = Saved { $name }.
cdetail-archived-cancelled = { $count ->
    [one] Archived { $name }; their upcoming session is cancelled and they are told.
   *[other] Archived { $name }; their { $count } upcoming sessions are cancelled and they are told.
}
cdetail-notes-saved = Notes saved.
cdetail-enrolled = { $count ->
    [one] Enrolled in { $package }: 1 session credit granted.
   *[other] Enrolled in { $package }: { $count } session credits granted.
}
cdetail-price-removed = Their own price is removed; the session type's prices apply again.
