"""Widgets and rendering shared by screens: contact table, sidebar, detail, charts, inputs and
the card form."""
