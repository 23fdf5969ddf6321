"""File formats: vCard import and export, QR codes."""
