# What the packages and session types pages share: the notices after a change, the archive question.

catalog-created = Created “{ $name }”.
catalog-saved = Saved “{ $name }”.
catalog-archived = Archived “{ $name }”. { $means }
catalog-restored = “{ $name }” is offered again.
catalog-edit = Edit
catalog-edit-named = Edit { $name }
catalog-restore = Restore
catalog-restore-named = Restore { $name }
catalog-archive = Archive
catalog-close = Close
catalog-cancel = Cancel
catalog-save-changes = Save changes
catalog-archived-badge = Archived
catalog-actions = Actions
catalog-minutes = { $minutes } min

# The session type form (new and edit).
stform-name = Name
stform-name-hint = What clients see, e.g. "Coaching session".
stform-description = Description
stform-description-hint = One line for your page, e.g. "A focused hour on one goal".
stform-kind = Kind
stform-kind-one_on_one = One-on-one
stform-kind-group = Group
stform-kind-discovery = Discovery call
stform-duration = Duration (minutes)
stform-capacity = Participants
stform-capacity-hint = 1, or up to 500 for groups.
stform-price = Price
stform-price-hint = 0 for free.
stform-currency = Currency
stform-currency-hint = e.g. EUR
stform-tiers = Lower prices from a later session
stform-tiers-hint = Optional: first session number and price each, like "5: 90, 10: 80". The price above is for the first sessions.
stform-buffer-before = Buffer before (minutes)
stform-buffer-after = Buffer after (minutes)
stform-color = Calendar colour
stform-color-hint = Like #2f6f62.
stform-approval = Bookings need my approval
stform-visibility = Who sees it on your page
stform-visibility-nobody = Nobody (only you book it)
stform-visibility-connected = Connected clients
stform-visibility-registered = Anyone with an account
stform-visibility-public = Everyone
