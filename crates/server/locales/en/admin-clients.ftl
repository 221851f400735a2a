# The coach's client list (/admin/clients) and its "Add a client" dialog.

clients-title = Clients
clients-lead = The people you work with, their packages and the credits they have left.
clients-add = Add a client
clients-yours = Your clients
clients-search-label = Search clients
clients-search-placeholder = Name or email
clients-archived-too = Archived too
clients-search = Search
clients-no-match = No client matches “{ $query }”.
clients-no-match-hint = Check the spelling, or <a href="/admin/clients">show every client</a>.
clients-none = No clients yet.
clients-none-hint = Add someone you already coach, or promote an application when a prospect is ready.
clients-add-first = Add your first client
clients-archived = Archived
clients-connected = Connected
clients-credits-left = { $count ->
    [one] { $count } credit left
   *[other] { $count } credits left
}
clients-no-package = No package
clients-close = Close
clients-name = Name
clients-email = Email
clients-phone = Phone
clients-optional = Optional.
clients-notes = Notes
clients-notes-hint = Only you see these.
clients-cancel = Cancel
clients-add-client = Add client
clients-added = Added { $name }.

## What to fix in the form (the use case's messages, by field).
clients-error-name-empty = Enter a name.
clients-error-name-long = Use at most 100 characters for the name.
clients-error-name-control = The name must not contain control characters.
clients-error-email-empty = Enter an email address.
clients-error-email-bad = Enter an email address like name@example.com.
clients-error-email-long = Use an email address of at most 254 characters.
clients-error-email-taken = You already have a client with this email address.
clients-error-phone = Use digits, spaces and + - ( ) only, at most 40 characters.
clients-error-notes-long = Use at most 10000 characters.
clients-error-notes-control = Remove the control characters from this text.
