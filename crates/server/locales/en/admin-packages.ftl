# The coach's packages (/admin/packages and one package's page).

packages-title = Packages
packages-lead = What clients buy: a number of sessions, a price and how long the credits stay valid.
packages-new = New package
packages-yours = Your packages
packages-none = No packages yet.
packages-none-hint = Create one, for example six 60-minute sessions valid for 90 days. You can then enrol clients in it.
packages-create-first = Create your first package
packages-col-package = Package
packages-col-sessions = Sessions
packages-col-price = Price
packages-col-validity = Validity
packages-col-enrolled = Enrolled
packages-sessions = { $count } × { $minutes } min
packages-validity = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
packages-no-expiry = No expiry
packages-archive-question = Archive “{ $name }”? Nobody new can be enrolled; enrolled clients keep their credits. You can restore it later.
packages-archive-button = Archive package
packages-create = Create package
packages-back = ← Packages
packages-edit-title = Edit { $name }
packages-enrolled = { $count ->
    [one] { $count } client enrolled. Clients already enrolled keep what they bought.
   *[other] { $count } clients enrolled. Clients already enrolled keep what they bought.
}
packages-enrolled-archived = { $count ->
    [one] { $count } client enrolled. Archived: nobody new can be enrolled. Clients already enrolled keep what they bought.
   *[other] { $count } clients enrolled. Archived: nobody new can be enrolled. Clients already enrolled keep what they bought.
}
packages-archived-means = Nobody new can be enrolled; enrolled clients keep their credits.

## The package form.
packages-name = Name
packages-name-hint = What clients see, e.g. "Six-session programme".
packages-session-type = Session type
packages-session-type-hint = The kind of session the credits are booked as.
packages-any-type = Any session type
packages-type-option = { $name } ({ $minutes } min)
packages-type-option-archived = { $name } ({ $minutes } min) – archived
packages-session-count = Sessions
packages-session-minutes = Minutes each
packages-price = Price
packages-price-hint = For the whole package; 0 for free.
packages-currency = Currency
packages-currency-hint = e.g. EUR
packages-validity-days = Valid for (days)
packages-validity-days-hint = From enrolment. Leave empty for no expiry.
packages-description = Description
