"""CSV files in and out: Eight, Sansan, Google Contacts, Outlook, Thunderbird and cardbox's own.

`read` turns a file's bytes into the same values the vCard parser gives the importer (a contact
per row, or a `Failure` with file, line and reason); `write` writes contacts for each service.
Columns are found by their header names, never by position (`layouts`).
"""
