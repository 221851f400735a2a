//! Coachbook's integration tests, in one binary (one link, one run) with one shared harness.
//!
//! Most tests send their requests straight to the app's router, in-process; the few that need a
//! real client (cookies, redirects, the cross-site check) or the real binary (the command line,
//! the browser journeys) get a server on a random port. Every test that touches a database runs
//! on SQLite and on PostgreSQL (`db_test!`).

#[macro_use]
mod harness;

mod accounts;
mod alternate_weeks;
mod api;
mod api_text;
mod availability;
mod booking_edits;
mod bookings;
mod browser;
mod bulk;
mod busy_calendars;
mod calendar_cache;
mod calendar_page;
mod catalog_forms;
mod change_warnings;
mod cli;
mod coach_page;
mod cohosts;
mod connected;
mod connections;
mod duplicates;
mod emails;
mod feeds;
mod hostile;
mod i18n;
mod i18n_admin;
mod i18n_messages;
mod i18n_pages1;
mod i18n_pages2;
mod i18n_scripts;
mod insights;
mod jobs;
mod leak;
mod live;
mod meeting_links;
mod metrics;
mod my_sessions;
mod nodes;
mod notifications;
mod payments;
mod practice;
mod pricing;
mod privacy_settings;
mod recurrence;
mod reminders;
mod series;
mod session_requests;
mod session_types;
mod sessions_api;
mod store;
mod templates;
mod time;
mod waitlist;
mod webhooks;
