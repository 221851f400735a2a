# Die Absage- und Verschieberegeln des Coaches, wie Klienten sie neben einer Buchung lesen
# (Meine Termine und der Link /b/{token}), bevor sie handeln.

policy-until = { $when } ({ $zone })
policy-days = { $count ->
    [one] einen Tag
   *[other] { $count } Tage
}
policy-hours = { $count ->
    [one] eine Stunde
   *[other] { $count } Stunden
}
policy-minutes = { $count ->
    [one] eine Minute
   *[other] { $count } Minuten
}
policy-cancel-credit-back = Wenn Sie jetzt absagen, erhalten Sie Ihr Paketguthaben zurück (kostenlose Absage bis { $until }).
policy-cancel-free = Sie können bis { $until } kostenlos absagen.
policy-cancel-late-credit = Bis zur Sitzung sind es weniger als { $cutoff }: Wenn Sie jetzt absagen, gilt die Sitzung als genutzt und Sie erhalten Ihr Guthaben nicht zurück.
policy-cancel-late = Bis zur Sitzung sind es weniger als { $cutoff }: Eine Absage jetzt ist eine kurzfristige Absage.
policy-reschedule-until = Sie können den Termin bis { $until } auf eine andere freie Zeit verschieben.
policy-reschedule-offline = { $coach } bietet das Verschieben online nicht an; wenden Sie sich bitte direkt an { $coach }, um den Termin zu verschieben.
policy-reschedule-past-cutoff = Bis zur Sitzung sind es weniger als { $cutoff }, daher lässt sie sich online nicht mehr verschieben. Wenden Sie sich an { $coach }, um sie zu ändern.
