# Viele Termine auf einmal anlegen (/admin/sessions/bulk).

bulk-title = Viele Termine anlegen
bulk-lead = Ein Gruppenkurs jeden Dienstag für zehn Wochen oder eine Liste von Daten: Wählen Sie, was und wann angelegt werden soll, sehen Sie sich den Plan mit allen Überschneidungen markiert an und legen Sie dann alle auf einmal an.
bulk-preview = Vorschau
bulk-fix-fields = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts angelegt.
   *[other] Bitte korrigieren Sie die markierten Felder unten. Es wurde nichts angelegt.
}
bulk-refused = Einige Daten überschneiden sich mit anderem, daher wurde nichts angelegt. Ändern Sie sie, oder legen Sie die übrigen an und überspringen Sie diese.
bulk-what = Was
bulk-no-types = Noch keine Terminarten.
bulk-no-types-hint = <a href="/admin/session-types">Legen Sie zuerst eine Terminart an</a>; eine Vorlage kann dann Dauer, Teilnehmerzahl und Link ausfüllen.
bulk-template = Vorlage
bulk-no-template = Keine Vorlage
bulk-no-such-template = Unter Ihren Vorlagen gibt es diese nicht.
bulk-session-type = Terminart
bulk-session-type-hint = Wird verwendet, wenn keine Vorlage gewählt ist.
bulk-choose = Auswählen …
bulk-notes = Notizen
bulk-when = Wann
bulk-dates-from = Daten aus
bulk-by-pattern = Einem wöchentlichen Muster
bulk-by-dates = Einer Liste von Daten
bulk-weekly-on = Wöchentlich am
bulk-day-mo = Mo.
bulk-day-tu = Di.
bulk-day-we = Mi.
bulk-day-th = Do.
bulk-day-fr = Fr.
bulk-day-sa = Sa.
bulk-day-su = So.
bulk-start-time = Beginn
bulk-first-day = Erster Tag
bulk-interval = Alle wie viele Wochen
bulk-count = Wie viele Termine
bulk-count-hint = Oder geben Sie unten den letzten Tag an; höchstens 200. Lassen Sie beides leer für eine fortlaufende Serie: Ihre Termine werden ein halbes Jahr im Voraus angelegt.
bulk-last-day = Letzter Tag
bulk-dates = Daten
bulk-dates-hint = Für eine Liste von Daten: eines pro Zeile, ein Datum und eine Beginnzeit, z. B. 2027-01-05 18:00.
bulk-plan-free = { $free } frei.
bulk-plan-colliding = { $free } frei, <strong>{ $colliding } mit Überschneidungen</strong>.
bulk-plan-caption = Die Termine, die angelegt würden
bulk-col-day = Tag
bulk-col-time = Uhrzeit
bulk-col-status = Status
bulk-col-in-the-way = Im Weg
bulk-status-free = Frei
bulk-status-collides = Überschneidung
bulk-collides-session = Termin „{ $title }“ { $time }
bulk-collides-time-off = Abwesend { $time }
bulk-collides-busy = Belegt in „{ $calendar }“ { $time }
bulk-collides-closed = Geschlossen: außerhalb Ihrer Zeiten
bulk-collides-past = In der Vergangenheit
bulk-collides-row = Überschneidet sich mit Zeile { $row }
bulk-create = { $count ->
    [one] { $count } Termin anlegen
   *[other] { $count } Termine anlegen
}
bulk-create-skipping = { $count } anlegen, { $skipped } überspringen
bulk-created = { $count ->
    [one] { $count } Termin angelegt.
   *[other] { $count } Termine angelegt.
}
bulk-created-skipped = { $count ->
    [one] { $count } Termin angelegt.
   *[other] { $count } Termine angelegt.
} { $skipped ->
    [one] 1 übersprungen, weil er sich überschneidet.
   *[other] { $skipped } übersprungen, weil sie sich überschneiden.
}
