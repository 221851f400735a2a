//! Pieces of the OpenAPI description for the input the use cases take: the values a coded field
//! accepts, listed from the enum itself so that the document cannot drift from the parser.
//! (`#[schema(schema_with = …)]` on the field.)

use coachbook_core::application::ApplicationStatus;
use coachbook_core::booking::SessionKind;
use coachbook_core::practice::ClientStatus;
use coachbook_core::privacy::{BookingAudience, CalendarVisibility, ShowBooked, TypeVisibility};
use coachbook_core::time::Fold;
use serde_json::Value;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{Array, Object};

/// Whether a coded field may be left out, and how.
#[derive(Clone, Copy, PartialEq)]
enum Absent {
    /// It must be one of the values.
    No,
    /// `null` (or leaving it out) keeps the default.
    Null,
    /// `null` or the empty string keeps the default (what a form's "any" choice sends).
    NullOrEmpty,
}

/// A string that is one of `values`, or as `absent` allows.
fn codes(values: &[&'static str], absent: Absent, description: &str) -> Object {
    let mut listed: Vec<Value> = values.iter().map(|v| Value::from(*v)).collect();
    if absent == Absent::NullOrEmpty {
        listed.push(Value::from(""));
    }
    let nullable = absent != Absent::No;
    let ty = if nullable {
        listed.push(Value::Null);
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    ObjectBuilder::new()
        .schema_type(ty)
        .enum_values(Some(listed))
        .description(Some(description))
        .build()
}

/// A string that must be one of `values` (list them from the enum: `Kind::ALL.map(as_str)`).
pub fn one_of(values: &[&'static str], description: &str) -> Object {
    codes(values, Absent::No, description)
}

pub fn session_kind() -> Object {
    let all: Vec<_> = SessionKind::ALL.iter().map(|k| k.as_str()).collect();
    codes(&all, Absent::No, "Default `one_on_one`.")
}

pub fn type_visibility() -> Object {
    let all: Vec<_> = TypeVisibility::ALL.iter().map(|k| k.as_str()).collect();
    codes(&all, Absent::NullOrEmpty, "Default `public`.")
}

/// A session type's visibility where it must be given.
pub fn type_visibility_given() -> Object {
    let all: Vec<_> = TypeVisibility::ALL.iter().map(|k| k.as_str()).collect();
    codes(&all, Absent::No, "Who sees the session type.")
}

pub fn calendar_visibility() -> Object {
    let all: Vec<_> = CalendarVisibility::ALL.iter().map(|k| k.as_str()).collect();
    codes(&all, Absent::No, "Who sees the calendar.")
}

pub fn booking_audience() -> Object {
    let all: Vec<_> = BookingAudience::ALL.iter().map(|k| k.as_str()).collect();
    codes(
        &all,
        Absent::No,
        "Who may book and send session requests online.",
    )
}

pub fn show_booked() -> Object {
    let all: Vec<_> = ShowBooked::ALL.iter().map(|k| k.as_str()).collect();
    codes(&all, Absent::No, "How booked time shows to others.")
}

pub fn client_status() -> Object {
    let all: Vec<_> = ClientStatus::ALL.iter().map(|s| s.as_str()).collect();
    codes(&all, Absent::NullOrEmpty, "Default `active`.")
}

/// The statuses a coach sets by hand: not `promoted`, which only promoting sets.
pub fn settable_application_status() -> Object {
    let all: Vec<_> = ApplicationStatus::ALL
        .iter()
        .filter(|s| **s != ApplicationStatus::Promoted)
        .map(|s| s.as_str())
        .collect();
    codes(
        &all,
        Absent::Null,
        "`promoted` is set by `POST /api/coaching/applications/{id}/promote`, and is final.",
    )
}

pub fn application_status_filter() -> Object {
    let all: Vec<_> = ApplicationStatus::ALL.iter().map(|s| s.as_str()).collect();
    codes(
        &all,
        Absent::NullOrEmpty,
        "Only applications in this status.",
    )
}

pub fn fold() -> Object {
    let all: Vec<_> = Fold::ALL.iter().map(|f| f.as_str()).collect();
    codes(
        &all,
        Absent::NullOrEmpty,
        "Which of a time the clocks show twice (going back): `earlier` (default) or `later`.",
    )
}

pub fn block_kind() -> Object {
    codes(
        &["once", "days", "weekly"],
        Absent::No,
        "`once` (from `start` to `end`), `days` (whole dates) or `weekly`.",
    )
}

pub fn booking_status_filter() -> Object {
    let all: Vec<_> = coachbook_core::booking::BookingStatus::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    codes(&all, Absent::NullOrEmpty, "Only bookings in this status.")
}

/// Weekday numbers, 1 = Monday … 7 = Sunday.
pub fn weekdays() -> Array {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                    utoipa::openapi::KnownFormat::Int64,
                )))
                .minimum(Some(1))
                .maximum(Some(7)),
        )
        .description(Some("`weekly`: 1 = Monday … 7 = Sunday."))
        .build()
}

/// An optional `YYYY-MM-DD` date: a date, or empty or `null` for the default.
pub fn optional_date() -> utoipa::openapi::Schema {
    utoipa::openapi::schema::OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::String).format(Some(
            utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Date),
        )))
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(0)),
        )
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .build()
        .into()
}
