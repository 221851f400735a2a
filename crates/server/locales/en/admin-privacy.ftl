# Settings › Your page and privacy (/admin/settings/privacy).

privacy-title = Your page and privacy
privacy-lead = What people see on <a href="{ $href }">your page</a>, and who may book. Nobody but you ever sees who booked, their notes or meeting links.
privacy-fix-fields = { $count ->
    [one] Please fix the highlighted field below. Nothing was saved.
   *[other] Please fix the highlighted fields below. Nothing was saved.
}
privacy-profile = Profile
privacy-bio = About you
privacy-bio-hint = A few lines at the top of your page.
privacy-photo = Photo link
privacy-photo-hint = An https:// link to a square photo of you; leave empty for your initials.
privacy-who-sees = Who sees what
privacy-calendar = Who sees your calendar
privacy-calendar-private = Private: only you
privacy-calendar-connected = Your connected clients
privacy-calendar-public = Everyone
privacy-audience = Who may book and send requests online
privacy-audience-connected = Only your connected clients
privacy-audience-registered = Anyone with an account
privacy-audience-public = Anyone, also without an account
privacy-booked = Show booked time to others
privacy-booked-no = Not at all
privacy-booked-booked = As “Booked”
privacy-booked-with-type = As “Booked” with its session type
privacy-show-prices = Show prices on my page
privacy-types = Session types
privacy-no-types = You have no session types yet. <a href="/admin/session-types">Create one</a>.
privacy-type-who = { $name }: who sees it
privacy-type-nobody = Nobody (only you book it)
privacy-type-connected = Connected clients
privacy-type-registered = Anyone with an account
privacy-type-public = Everyone
privacy-save = Save page and privacy
privacy-view-page = View your page
privacy-saved = Your page and privacy settings are saved.
