denied-hidden = Nicht gefunden.
denied-sign-in = Melden Sie sich an oder legen Sie ein Konto an, um bei diesem Coach zu buchen.
denied-clients-only = Nur Klienten dieses Coachs können online buchen. Bewerben Sie sich für ein Coaching oder bitten Sie den Coach um eine Einladung.

error-status = Fehler { $status }
error-reference = Referenz:
error-start-page = Zur Startseite
