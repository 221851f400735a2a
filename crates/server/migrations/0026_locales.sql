-- Issue 17 (languages): the language a person reads Coachbook in, NULL when they have not chosen
-- one (their browser's Accept-Language decides, else their coach's default), and the language a
-- coach's practice speaks to people who chose nothing. Codes are the app's ("en", "de"), checked
-- in code so that adding a language needs no migration.
ALTER TABLE users ADD COLUMN locale TEXT;
ALTER TABLE coaches ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en';
