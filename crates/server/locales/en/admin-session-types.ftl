# The coach's session types (/admin/session-types and one type's page).

session-types-archived-means = It is no longer offered; booked sessions keep it.
