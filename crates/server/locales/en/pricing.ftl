# Prices as clients and coaches read them (the coach's page, the client's portal, the admin pages).

price-free = Free
price-tier-first = { $range } { $count ->
    [one] session
   *[other] sessions
} { $price } each
price-tier-next = { $range } { $price }
price-save = Save { $amount } ({ $percent }%)
price-yours = Your price: { $price } per session
price-next = Your next session (your #{ $number }): { $price }
price-bundle = { $name }: { $count ->
    [one] 1 session
   *[other] { $count } sessions
} for { $price }
price-your-prices = Your prices
