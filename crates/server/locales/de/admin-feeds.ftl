# Einstellungen › Kalender-Feeds (/admin/settings/calendar-feeds): die beiden iCalendar-Adressen
# des Coaches.

feeds-title = Kalender-Feeds
feeds-lead = Abonnieren Sie Ihre Coachbook-Termine in Google Kalender, Outlook oder Apple Kalender. Jede Adresse ist geheim: Wer sie kennt, sieht den Inhalt des Feeds, bis Sie dem Feed eine neue Adresse geben.
feeds-none = Noch keine Feeds. Laden Sie diese Seite neu, um sie anzulegen.
feeds-label-coach = Ihre Termine, mit Namen
feeds-label-coach_anonymous = Ihre Termine, anonymisiert
feeds-coach-hint = Jede Sitzung von vor 90 Tagen bis ein Jahr im Voraus, mit den Namen der Teilnehmer und dem Meeting-Link. Nur für Ihren eigenen Kalender.
feeds-anonymous-hint = Dieselben Zeiten, jede nur als „Klienten-Termin“: ohne Namen, Terminarten, Links oder Notizen. Für einen Kalender, den andere sehen, etwa einen gemeinsamen Familien- oder Bürokalender.
feeds-address = Feed-Adresse
feeds-address-hint = Fügen Sie sie dort ein, wo Ihre Kalender-App nach der Adresse (URL) eines Kalenders fragt.
feeds-copy = Kopieren<span class="visually-hidden">: die Adresse von „{ $feed }“</span>
feeds-subscribe = In Ihrer Kalender-App abonnieren<span class="visually-hidden">: { $feed }</span>
feeds-rotate = Adresse erneuern…<span class="visually-hidden"> ({ $feed })</span>
feeds-rotate-question = Der Feed erhält eine neue Adresse, und <strong>die alte Adresse funktioniert sofort nicht mehr</strong>: Jeder Kalender, der sie abonniert hat, wird nicht mehr aktualisiert, bis Sie die neue abonnieren.
feeds-rotate-yes = Ja, neue Adresse vergeben
feeds-rotated = Der Feed hat eine neue Adresse. Abonnieren Sie ihn erneut; die alte Adresse funktioniert nicht mehr.
feeds-how-title = So abonnieren Sie
feeds-how-google = <strong>Google Kalender</strong> (am Computer): Weitere Kalender › + › Per URL, Adresse einfügen, Kalender hinzufügen. Google aktualisiert abonnierte Kalender alle paar Stunden bis einmal am Tag.
feeds-how-outlook = <strong>Outlook</strong>: Kalender hinzufügen › Aus dem Internet abonnieren, Adresse einfügen, Importieren. Outlook.com aktualisiert alle paar Stunden.
feeds-how-apple = <strong>Apple Kalender</strong>: Ablage › Neues Kalenderabonnement (auf dem iPhone: Einstellungen › Kalender › Accounts › Abonnierten Kalender hinzufügen), Adresse einfügen und „Automatisch aktualisieren“ auf alle 15 Minuten stellen.
feeds-how-refresh = Änderungen erscheinen, sobald Ihre App das nächste Mal aktualisiert; Coachbook bittet um alle 15 Minuten, doch jede App entscheidet selbst.
feeds-back = Zurück zu den Einstellungen
