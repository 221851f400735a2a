-- The enrolment made when an application was promoted, so that promoting it again answers with
-- the same enrolment instead of none. Earlier promotions point at the client's latest enrolment
-- in the chosen package, which is the one promoting made.
ALTER TABLE applications ADD COLUMN enrolment_id BIGINT REFERENCES enrolments (id) ON DELETE SET NULL;
UPDATE applications SET enrolment_id = (
    SELECT MAX(e.id) FROM enrolments e
    WHERE e.client_id = applications.client_id AND e.package_id = applications.package_id
) WHERE status = 'promoted' AND package_id IS NOT NULL;
