-- Issue 16: a weekly window may repeat every N weeks ("every other Monday"). Weeks are counted
-- (Monday-based, in the coach's zone) from the week of anchor_date, a YYYY-MM-DD date; existing
-- windows stay every week.
ALTER TABLE availability_rules ADD COLUMN every_weeks BIGINT NOT NULL DEFAULT 1 CHECK (every_weeks BETWEEN 1 AND 8);
ALTER TABLE availability_rules ADD COLUMN anchor_date TEXT;
