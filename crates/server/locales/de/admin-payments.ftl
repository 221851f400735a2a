# Die Zahlungen des Coaches.

nav-payments = Zahlungen
