//! The small vocabularies of the practice records: clients, enrolments and accounts.

crate::text_enum! {
    /// Whether the coach still works with a client.
    pub enum ClientStatus ("client status") {
        Active = "active",
        Archived = "archived",
    }
}

crate::text_enum! {
    /// A client's enrolment in a package.
    pub enum EnrolmentStatus ("enrolment status") {
        Active = "active",
        Completed = "completed",
        Cancelled = "cancelled",
    }
}

crate::text_enum! {
    /// What an account may do: run a practice, or book as a person.
    pub enum Role ("role") {
        Coach = "coach",
        User = "user",
    }
}

impl EnrolmentStatus {
    /// How people read the status, capitalised like every other badge ("Active").
    pub fn label(self) -> &'static str {
        match self {
            EnrolmentStatus::Active => "Active",
            EnrolmentStatus::Completed => "Completed",
            EnrolmentStatus::Cancelled => "Cancelled",
        }
    }
}

impl ClientStatus {
    /// How people read the status ("Archived").
    pub fn label(self) -> &'static str {
        match self {
            ClientStatus::Active => "Active",
            ClientStatus::Archived => "Archived",
        }
    }
}
