# Die Auswertungen des Coaches.

insights-title = Auswertungen
insights-lead = Wann Klienten Sie buchen möchten, was sich verkauft und wer sich zurückzieht: { $range } ({ $days } Tage, { $zone }).
insights-from = Von
insights-to = Bis
insights-by = Verlauf pro
insights-by-week = Woche
insights-by-month = Monat
insights-show = Anzeigen
insights-last-90 = Letzte 90 Tage
insights-meanwhile = Bis dahin werden die letzten 90 Tage gezeigt.
insights-empty-title = Für diese Tage gibt es noch nichts zu zeigen
insights-empty-text = Sobald Klienten Termine buchen, Zeiten anfragen oder sich bewerben, erscheinen ihre Zahlen hier. Wählen Sie einen längeren Zeitraum oder teilen Sie Ihre Buchungsseite.
insights-in-short = Auf einen Blick
insights-stat-bookings = { $count ->
    [one] Buchung
   *[other] Buchungen
}
insights-stat-hours = in Sitzungen
insights-stat-revenue = Umsatz (zu Listen- oder vereinbarten Preisen)
insights-stat-active = aktive Klienten
insights-stat-received = eingegangen (erfasste Zahlungen)
insights-col-received = Eingegangen
insights-csv = CSV
insights-show-table = Als Tabelle zeigen
insights-as-table = { $title } als Tabelle
insights-hours = { $hours } Std.
insights-free = Kostenlos
insights-no-bookings = Keine Buchungen an diesen Tagen.

insights-times-title = Beliebte Zeiten
insights-times-csv = der beliebten Zeiten
insights-times-text = Gebuchte Sitzungen nach Wochentag und Stunde ihres Beginns, daneben die Zeiten, die Klienten in Anfragen gewünscht haben, die Sie abgelehnt oder verfallen lassen haben und die damals nicht frei waren ({ $zone }).
insights-booked = Gebuchte Sitzungen
insights-unmet = Angefragt, nicht angeboten
insights-unmet-long = Angefragte, nicht angebotene Zeiten
insights-heat-desc = Heatmap der { $what } nach Wochentag (Zeilen) und Stunde (Spalten): insgesamt { $total }.
insights-heat-busiest = Am meisten: { $day } um { $hour } ({ $count }).
insights-heat-caption = Insgesamt { $total }. Dunkler bedeutet mehr; gezeigt werden die Stunden { $from }–{ $to }.
insights-heat-table = { $title } pro Stunde (Zeilen) und Wochentag (Spalten)
insights-hour = Stunde
insights-cell = { $day } { $hour }: { $count }

insights-types-title = Sitzungsarten
insights-types-csv = der Sitzungsarten
insights-types-bars = Buchungen pro Sitzungsart
insights-types-bar = { $count ->
    [one] 1 Buchung
   *[other] { $count } Buchungen
} · { $revenue }
insights-types-table = Buchungen, Sitzungen, Stunden und Umsatz pro Sitzungsart
insights-col-type = Sitzungsart
insights-col-bookings = Buchungen
insights-col-sessions = Sitzungen
insights-col-hours = Stunden
insights-col-revenue = Umsatz
insights-bars-desc = Balkendiagramm: { $title }. { $items }.

insights-trend-title = Verlauf
insights-trend-csv = des Verlaufs
insights-trend-week-text = Buchungen pro Woche nach Sitzungsart; die Tabelle nennt zusätzlich den Umsatz.
insights-trend-month-text = Buchungen pro Monat nach Sitzungsart; die Tabelle nennt zusätzlich den Umsatz.
insights-trend-week = Buchungen pro Woche
insights-trend-month = Buchungen pro Monat
insights-trend-week-desc = Säulendiagramm der Buchungen pro Woche, gestapelt nach Sitzungsart: { $total } in { $periods } Wochen.
insights-trend-month-desc = Säulendiagramm der Buchungen pro Monat, gestapelt nach Sitzungsart: { $total } in { $periods } Monaten.
insights-col-week = Woche
insights-col-month = Monat
insights-segment = { $period }: { $name } { $count }

insights-util-title = Auslastung
insights-util-csv = der Auslastung
insights-util-text = Ihre gebuchte Zeit als Anteil der Stunden, die Sie jede Woche angeboten haben (Ihre Öffnungszeiten abzüglich freier Zeiten; die Zeiten, wie sie jetzt eingestellt sind).
insights-util-chart = Auslastung pro Woche
insights-util-desc = Säulendiagramm des gebuchten Anteils der angebotenen Stunden pro Woche: insgesamt { $booked } von { $offered }.
insights-util-segment = Woche ab { $week }: { $booked } von { $offered } gebucht
insights-col-booked = Gebucht
insights-col-offered = Angeboten
insights-col-util = Auslastung

insights-rel-title = Verlässlichkeit
insights-rel-csv-type = CSV pro Sitzungsart
insights-rel-csv-client = CSV pro Klient
insights-rel-text = Früh und spät heißt vor und nach Ihrer Stornierungsfrist.
insights-rel-bars = Stornierungen und Nichterscheinen
insights-rel-early = Früh storniert
insights-rel-late = Spät storniert
insights-rel-no-shows = Nicht erschienen
insights-rel-per-type = Pro Sitzungsart
insights-rel-per-client = Pro Klient
insights-rel-type-table = Stornierungen und Nichterscheinen pro Sitzungsart
insights-rel-client-table = Stornierungen und Nichterscheinen pro Klient, die am wenigsten verlässlichen zuerst
insights-col-client = Klient
insights-not-clients = Personen, die keine Klienten sind

insights-packages-title = Verkaufte Pakete
insights-packages-csv = der verkauften Pakete
insights-packages-text = Anmeldungen an diesen Tagen; eine Verlängerung ist die Anmeldung eines Klienten, der schon einmal angemeldet war.
insights-packages-empty = Keine Anmeldungen an diesen Tagen.
insights-packages-table = Anmeldungen und Verlängerungen pro Paket
insights-col-package = Paket
insights-col-enrolments = Anmeldungen
insights-col-renewals = Verlängerungen
insights-col-renewed = Verlängert

insights-funnel-title = Bewerbungen
insights-funnel-csv = des Bewerbungsverlaufs
insights-funnel-text = An diesen Tagen eingegangene Bewerbungen und wie weit sie gekommen sind.
insights-funnel-bars = Bewerbungsverlauf
insights-funnel-applied = Beworben
insights-funnel-discovery = Kennenlerngespräch gebucht
insights-funnel-clients = Klient geworden

insights-nudge-title = Klienten zum Erinnern
insights-nudge-csv = der Klienten zum Erinnern
insights-nudge-text = Guthaben in einem Paket übrig, nichts gebucht; die am längsten ohne Sitzung zuerst.
insights-nudge-empty = Alle mit Guthaben haben etwas gebucht.
insights-nudge-left = { $package }: noch { $count }
insights-nudge-no-expiry = läuft nicht ab
insights-nudge-expires = läuft ab am { $date }
insights-nudge-never = noch keine Sitzung
insights-nudge-last = letzte Sitzung am { $date }

insights-weekday-1 = Montag
insights-weekday-2 = Dienstag
insights-weekday-3 = Mittwoch
insights-weekday-4 = Donnerstag
insights-weekday-5 = Freitag
insights-weekday-6 = Samstag
insights-weekday-7 = Sonntag
insights-wd-1 = Mo
insights-wd-2 = Di
insights-wd-3 = Mi
insights-wd-4 = Do
insights-wd-5 = Fr
insights-wd-6 = Sa
insights-wd-7 = So
