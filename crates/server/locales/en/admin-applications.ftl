# The coach's applications (/admin/applications): prospects asking to work with them.

applications-title = Applications
applications-lead = People asking to work with you. Prospects apply at <a href="{ $url }">{ $url }</a>.
applications-filter = Filter by status
applications-all = All
applications-status = { $status ->
    [new] New
    [reviewing] Reviewing
    [discovery_scheduled] Discovery scheduled
    [accepted] Accepted
    [declined] Declined
   *[promoted] Promoted
}
applications-search-label = Search applications
applications-search-placeholder = Name, email or goals
applications-search = Search
applications-clear = Clear
applications-none = No applications yet.
applications-none-hint = Share your apply form with prospects; what they send appears here for you to review, schedule a discovery call and promote to a client.
applications-open-form = Open your apply form
applications-none-match = No applications match.
applications-none-match-hint = Try another status or search.
applications-show-all = Show all applications
applications-applied = applied { $date }
applications-package = package: { $package }
applications-shared = { $count ->
    [one] { $count } application from this email
   *[other] { $count } applications from this email
}
applications-earliest = (this is the earliest)
applications-view-booking = View booking
applications-schedule-title = Schedule a discovery call with { $name }
applications-schedule = Schedule discovery call
applications-view-client = View client
applications-goals-answers = Goals and answers
applications-goals = Goals
applications-not-given = Not given
applications-no-answer = No answer
applications-status-of = Status of { $name }
applications-set-status = Set status
applications-promote-menu = Promote to client…
applications-promote-question = Promote { $name } to a client? This creates the client and enrols them in the package chosen. It cannot be undone.
applications-promote-question-call = Promote { $name } to a client? This creates the client, moves the discovery call to them and enrols them in the package chosen. It cannot be undone.
applications-package-label = Package
applications-no-package = No package yet
applications-promote = Yes, promote { $name }
applications-merge-menu = Merge into the earlier one…
applications-merge-question = Merge this application into the earliest one from { $email }? Its goals and answers are added there, dated, and this one is removed.
applications-merge = Yes, merge
applications-questions = Intake questions
applications-questions-label = Questions on your apply form
applications-questions-hint = One question per line, up to 10. Everyone is also asked their name, email and goals.
applications-save-questions = Save questions
applications-not-possible = That change is not possible.
applications-error-package = Choose one of your packages.
applications-now = { $name } is now “{ $status }”.
applications-promoted = Promoted to a client. Their page is below: book sessions and track credits there.
applications-merged = Merged into { $name }’s application of { $date }; its answers were added there.
applications-questions-saved = Intake questions saved. New applicants will see them.
