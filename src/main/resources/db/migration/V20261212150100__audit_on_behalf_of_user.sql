-- A vendor's staff member may act as a customer user or service user below it (issue 19): its changes are recorded
-- with the staff member as the actor, the user's account as the account acted for, and the user acted as.
ALTER TABLE audit_event ADD COLUMN on_behalf_of_user_id uuid;
