# Preise, wie Klienten und Coaches sie lesen (die Seite des Coaches, das Klientenportal, die Verwaltung).

price-free = Kostenlos
price-tier-first = { $range } { $count ->
    [one] Sitzung
   *[other] Sitzungen
} je { $price }
price-tier-next = { $range } { $price }
price-save = Sie sparen { $amount } ({ $percent } %)
price-yours = Ihr Preis: { $price } pro Sitzung
price-next = Ihre nächste Sitzung (Ihre { $number }.): { $price }
price-bundle = { $name }: { $count ->
    [one] 1 Sitzung
   *[other] { $count } Sitzungen
} für { $price }
price-your-prices = Ihre Preise
