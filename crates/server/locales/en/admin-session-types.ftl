# The coach's session types (/admin/session-types and one type's page).

session-types-archived-means = It is no longer offered; booked sessions keep it.
session-types-title = Session types
session-types-lead = The kinds of session you offer. Clients book these on your page.
session-types-new = New session type
session-types-yours = Your session types
session-types-none = No session types yet.
session-types-none-hint = Create your first one, for example a 60-minute coaching session and a free 20-minute discovery call.
session-types-create-first = Create your first session type
session-types-col-name = Name
session-types-col-kind = Kind
session-types-col-length = Length
session-types-col-price = Price
session-types-needs-approval = Needs approval
session-types-one-on-one = One-on-one
session-types-group = Group of { $capacity }
session-types-discovery = Discovery call
session-types-archive-question = Archive “{ $name }”? Clients can no longer book it; booked sessions stay as they are. You can restore it later.
session-types-archive-button = Archive session type
session-types-create = Create session type
session-types-back = ← Session types
session-types-edit-title = Edit { $name }
session-types-archived-lead = Archived: not offered to clients.
