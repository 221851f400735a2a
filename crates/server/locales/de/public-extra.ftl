# Was auf den Seiten für Klienten noch englisch war: Seitentitel, die Absagen und Hinweise der
# Einladung, die Absagen und Links der Warteliste, die Absagen des Anfrageformulars; und die
# Karte „Konto“ auf der Seite eines Klienten (die Seite des Coaches einer Einladung).

extra-reschedule-title = Verschieben
extra-waitlist-title = Warteliste: { $session }
extra-claim-title = Ein Platz bei { $coach }

extra-invite-connected = Ihr Konto ist mit { $coach } verbunden. Ihre Termine und Ihr Guthaben sehen Sie unten.
extra-invite-client-connected = Dieser Klient ist bereits mit einem Konto verbunden. Trennen Sie es zuerst, um eine andere Adresse einzuladen.
extra-invite-own-practice = Diese Einladung gilt Ihrer eigenen Praxis: Sie ist für Ihren Klienten bestimmt. Melden Sie sich ab oder öffnen Sie sie in einem privaten Fenster, um sie als Klient auszuprobieren.
extra-invite-account-taken = Ihr Konto ist bereits als anderer Klient mit { $coach } verbunden. Bitten Sie { $coach }, diese Verbindung zuerst zu trennen, oder melden Sie sich mit einem anderen Konto an.
extra-invite-client-taken = Dieser Klienteneintrag ist bereits mit einem anderen Konto verbunden. Bitten Sie { $coach }, die Verbindung zuerst zu trennen.

extra-request-own-page = Das ist Ihre eigene Seite: Buchen Sie Zeiten in Ihrem Kalender, statt sie anzufragen.
extra-request-sign-in = Melden Sie sich an oder erstellen Sie ein Konto, um { $coach } nach einer Zeit zu fragen.
extra-request-clients-only = Nur Klienten von { $coach } können Terminanfragen senden. Bewerben Sie sich für ein Coaching oder bitten Sie { $coach } um eine Einladung.

extra-wait-seats-free = In diesem Termin ist ein Platz frei: Buchen Sie ihn, statt sich auf die Warteliste zu setzen.
extra-wait-held = Sie stehen bereits auf dieser Warteliste, und ein Platz ist für Sie reserviert: Sichern Sie ihn über den Link in Ihrer E-Mail.
extra-wait-waiting = Sie stehen bereits auf dieser Warteliste (Platz { $place }); Sie hören von uns, sobald ein Platz frei wird.
extra-wait-booked = Sie haben in diesem Termin bereits einen Platz.
extra-wait-over = Dieser Termin hat begonnen, ist vorbei oder wurde abgesagt.
extra-wait-sign-in = Melden Sie sich an oder erstellen Sie ein Konto, um sich auf diese Warteliste zu setzen.
extra-wait-clients-only = Nur Klienten dieses Coaches können online buchen. Bewerben Sie sich für ein Coaching oder bitten Sie den Coach um eine Einladung.
extra-wait-not-waiting = Diese Person wartet nicht mehr: Der Platz wurde ihr bereits angeboten, oder sie hat die Liste verlassen.
extra-wait-no-free-seat = Jeder Platz ist gebucht oder für ein Angebot reserviert. Erhöhen Sie die Kapazität des Termins oder warten Sie auf eine Absage.
extra-wait-offer-expired = Dieses Angebot ist abgelaufen, und der Platz wurde der nächsten wartenden Person angeboten.
extra-wait-claimed = Dieser Platz wurde bereits vergeben.
extra-wait-withdrawn = Dieses Angebot gilt nicht mehr: Es wurde weitergegeben oder zurückgezogen.
extra-wait-not-yours = Dieses Angebot ging an jemand anderen. Melden Sie sich als die Person an, an die es geschickt wurde, oder öffnen Sie den Link abgemeldet.
extra-wait-own-session = Das ist Ihr eigener Termin: Verwalten Sie seine Warteliste in Ihren Admin-Seiten.
extra-wait-open-admin = Warteliste öffnen
extra-wait-book-it = Jetzt buchen

account-card-none = Nicht verbunden. Laden Sie den Klienten per E-Mail ein, ein Konto zu verbinden: Dann sieht er seine Termine und sein Guthaben und kann innerhalb Ihrer Fristen absagen oder verschieben.
account-card-open = Einladung an { $email } am { $sent } gesendet; der Link funktioniert einmal, bis { $until }.
account-card-expired = Die Einladung an { $email } vom { $sent } ist ungenutzt abgelaufen. Senden Sie eine neue.
account-card-revoked = Die Einladung an { $email } vom { $sent } wurde zurückgezogen. Nicht verbunden.
account-card-disconnected = Getrennt: Das Konto sieht die Termine nicht mehr. Laden Sie den Klienten erneut ein, um wieder zu verbinden.
account-card-connected-to = <span class="badge">Verbunden</span> mit dem Konto { $email }. { $name } sieht die eigenen Termine und das Guthaben unter „Meine Termine“ und kann innerhalb Ihrer Fristen absagen und verschieben.
account-card-connected-line = <span class="badge">Verbunden</span>. { $name } sieht die eigenen Termine und das Guthaben unter „Meine Termine“ und kann innerhalb Ihrer Fristen absagen und verschieben.
account-card-disconnect = Trennen
account-card-disconnect-question = Dieses Konto trennen? Klienteneintrag, Termine und Guthaben bleiben erhalten; das Konto sieht sie nicht mehr.
account-card-resend = Einladung erneut senden
account-card-invite = Zum Verbinden einladen
account-card-revoke = Zurückziehen
account-card-revoke-what = Einladung
account-card-revoke-question = Die Einladung zurückziehen? Ihr Link funktioniert dann nicht mehr.
account-card-revoke-button = Einladung zurückziehen
account-card-sent = { $days ->
    [one] Einladung an { $email } gesendet. Der Link funktioniert einmal, { $days } Tag lang.
   *[other] Einladung an { $email } gesendet. Der Link funktioniert einmal, { $days } Tage lang.
}
account-card-revoked-notice = Einladung zurückgezogen: Ihr Link funktioniert nicht mehr.
account-card-nothing-to-revoke = Es gibt keine offene Einladung, die sich zurückziehen ließe.
account-card-disconnected-notice = Getrennt: Das Konto sieht die Termine dieses Klienten nicht mehr. Der Klienteneintrag bleibt.

# A busy block on the coach's page (and in its JSON for the page's script).
extra-busy-booked = Gebucht
extra-busy-booked-as = Gebucht · { $type }
