denied-hidden = Not found.
denied-sign-in = Sign in or create an account to book with this coach.
denied-clients-only = Only this coach's clients can book online. Apply for coaching, or ask the coach for an invitation.

error-status = Error { $status }
error-reference = Reference:
error-start-page = Go to the start page
