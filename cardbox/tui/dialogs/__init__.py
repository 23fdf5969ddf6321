"""Modal dialogs: the one yes/no Confirm, the follow-up dialogs, lookalikes and pickers."""
