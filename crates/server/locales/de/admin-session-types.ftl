# Die Terminarten des Coachs (/admin/session-types und die Seite einer Terminart).

session-types-archived-means = Sie wird nicht mehr angeboten; gebuchte Termine behalten sie.
