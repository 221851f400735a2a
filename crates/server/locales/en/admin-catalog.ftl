# What the packages and session types pages share: the notices after a change, the archive question.

catalog-created = Created “{ $name }”.
catalog-saved = Saved “{ $name }”.
catalog-archived = Archived “{ $name }”. { $means }
catalog-restored = “{ $name }” is offered again.
catalog-fix-fields = { $count ->
    [one] Please fix the highlighted field below.
   *[other] Please fix the { $count } highlighted fields below.
}
catalog-edit = Edit
catalog-edit-named = Edit { $name }
catalog-restore = Restore
catalog-restore-named = Restore { $name }
catalog-archive = Archive
catalog-close = Close
catalog-cancel = Cancel
catalog-save-changes = Save changes
catalog-archived-badge = Archived
catalog-actions = Actions
catalog-minutes = { $minutes } min
