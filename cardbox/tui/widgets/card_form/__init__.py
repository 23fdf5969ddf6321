"""The add/edit card form: one modal screen built from collaborators (fields, hints, keys, save)."""
