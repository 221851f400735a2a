# The coach's Payments page.

nav-payments = Payments
