-- The address an account's invoices, credit notes and payment confirmations are mailed to (issue 16); when it is
-- empty they go to the contact's e-mail, else to the account's administrators.
ALTER TABLE account ADD COLUMN billing_email text;
