"""The one door into cardbox's core for the front ends (``cli/`` and ``tui/``).

Each module here is a use case or a group of them: `box` (the contacts: add, edit, merge,
search, trash, undo), `importer` and `exporter` (files in and out), `followups` (reminders,
interactions, the agenda), `companies`, `syncing` (CardDAV accounts and runs), `backups`,
`qr`, and `paths` (where the data lives). The front ends import only these modules and
`cardbox.domain`; import-linter holds them to it (see ``pyproject.toml``).

Nothing is imported here, so that ``import cardbox.services.box`` loads only what it needs.
"""
