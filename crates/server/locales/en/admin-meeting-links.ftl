# The coach's meeting-link rule (Settings › Meeting links).

mlinks-title = Meeting links
mlinks-settings = Settings
mlinks-lead = How a new session gets its video-call link when you do not give it one. The link is in the participant's invitation email and beside the session on your calendar; only you and the people booked into that session see it.
mlinks-fix = { $count ->
    [one] Please fix the highlighted field below. Nothing was saved.
   *[other] Please fix the highlighted fields below. Nothing was saved.
}
mlinks-legend = New sessions get
mlinks-mode-none = No link unless I add one
mlinks-mode-fixed = My personal room, the same link for every session
mlinks-mode-pattern = A new room for every session, from a pattern
mlinks-url = Link or pattern
mlinks-url-hint = For your personal room, its https:// link, e.g. https://meet.example.com/ana. For a new room per session, a link with { $placeholder } where the room name goes, e.g. https://meet.jit.si/coachbook-{ $placeholder }.
mlinks-kept = Sessions made before keep their links; a link you type when booking always wins.
mlinks-save = Save meeting links
mlinks-saved = Your meeting-link setting is saved.
