# What was still English on the client-facing pages: page titles, the invitation's refusals and
# notices, the waitlist's refusals and links, the request form's refusals; and the "Account"
# card on a client's page (the coach's side of an invitation).

extra-reschedule-title = Reschedule
extra-waitlist-title = Waitlist: { $session }
extra-claim-title = A seat with { $coach }

extra-invite-connected = Your account is connected to { $coach }. Your sessions and credits are below.
extra-invite-client-connected = This client is already connected to an account. Disconnect it first to invite another address.
extra-invite-own-practice = This invitation is to your own practice: it is meant for your client. Sign out, or open it in a private window, to try it as them.
extra-invite-account-taken = Your account is already connected to { $coach } as another client. Ask { $coach } to disconnect that one first, or sign in with another account.
extra-invite-client-taken = This client record is already connected to another account. Ask { $coach } to disconnect it first.

extra-request-own-page = This is your own page: book times on your calendar instead of requesting them.
extra-request-sign-in = Sign in or create an account to ask { $coach } for a time.
extra-request-clients-only = Only { $coach }’s clients can send session requests. Apply for coaching, or ask { $coach } for an invitation.

extra-wait-seats-free = A seat is free in this session: book it instead of joining the waitlist.
extra-wait-held = You are already on this waitlist, and a seat is being held for you: claim it from the link in your email.
extra-wait-waiting = You are already on this waitlist (number { $place } in line); you will hear as soon as a seat is free.
extra-wait-booked = You already have a seat in this session.
extra-wait-over = This session has started, ended or was cancelled.
extra-wait-sign-in = Sign in or create an account to join this waitlist.
extra-wait-clients-only = Only this coach's clients can book online. Apply for coaching, or ask the coach for an invitation.
extra-wait-not-waiting = This person is not waiting any more: the seat was offered to them already, or they left the list.
extra-wait-no-free-seat = Every seat is booked or held for an offer. Raise the session's capacity, or wait for a cancellation.
extra-wait-offer-expired = This offer has expired, and the seat was offered to the next person waiting.
extra-wait-claimed = This seat has been claimed already.
extra-wait-withdrawn = This offer is no longer open: it was passed on or withdrawn.
extra-wait-not-yours = This offer was made to someone else. Sign in as the person it was sent to, or open the link signed out.
extra-wait-own-session = This is your own session: manage its waitlist from your admin pages.
extra-wait-open-admin = Open the waitlist
extra-wait-book-it = Book it

account-card-none = Not connected. Invite them by email to connect an account: they then see their sessions and credits, and cancel or reschedule within your cut-offs.
account-card-open = Invitation sent to { $email } on { $sent }; the link works once, until { $until }.
account-card-expired = The invitation sent to { $email } on { $sent } expired unused. Send a new one.
account-card-revoked = The invitation sent to { $email } on { $sent } was revoked. Not connected.
account-card-disconnected = Disconnected: the account no longer sees their sessions. Invite them again to reconnect.
account-card-connected-to = <span class="badge">Connected</span> to the account { $email }. { $name } sees their own sessions and credits under “My sessions”, and can cancel and reschedule within your cut-offs.
account-card-connected-line = <span class="badge">Connected</span>. { $name } sees their own sessions and credits under “My sessions”, and can cancel and reschedule within your cut-offs.
account-card-disconnect = Disconnect
account-card-disconnect-question = Disconnect this account? The client record, sessions and credits stay; the account no longer sees them.
account-card-resend = Resend invitation
account-card-invite = Invite to connect
account-card-revoke = Revoke
account-card-revoke-what = invitation
account-card-revoke-question = Revoke the invitation? Its link stops working.
account-card-revoke-button = Revoke invitation
account-card-sent = { $days ->
    [one] Invitation sent to { $email }. The link works once, for { $days } day.
   *[other] Invitation sent to { $email }. The link works once, for { $days } days.
}
account-card-revoked-notice = Invitation revoked: its link no longer works.
account-card-nothing-to-revoke = There is no open invitation to revoke.
account-card-disconnected-notice = Disconnected: the account no longer sees this client's sessions. The client record stays.

# A busy block on the coach's page (and in its JSON for the page's script).
extra-busy-booked = Booked
extra-busy-booked-as = Booked · { $type }
